// The warning screens' pure helpers: level colours, durations, timeline sentences (with the real
// English strings, so the interpolation names are checked too), merging streamed entries.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import { formatDuration, isoWithOffset, LEVEL_COLORS, LEVELS_STRONGEST_FIRST, mergeTimeline, minutesSince, timelineSentence, type Translate } from './format.ts';
import type { TimelineEntry } from './types.ts';

const i18n = i18next.createInstance();
void i18n.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
const t: Translate = (key, options) => i18n.t(key, options ?? {}) as string;

const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({ id: 1, kind: 'issued', unitId: null, unitName: null, actorName: null, detail: {}, at: '2026-07-01T00:00:00.000Z', ...over });

describe('levels', () => {
  it('has a colour for each of the four levels, strongest first', () => {
    expect(LEVELS_STRONGEST_FIRST).toEqual(['red', 'orange', 'yellow', 'blue']);
    for (const l of LEVELS_STRONGEST_FIRST) expect(LEVEL_COLORS[l].bg).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('writes dark text on yellow, white on the others', () => {
    expect(LEVEL_COLORS.yellow.fg).not.toBe('#ffffff');
    expect(LEVEL_COLORS.red.fg).toBe('#ffffff');
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes and seconds, or hours and minutes', () => {
    expect(formatDuration(45, t)).toBe('45 s');
    expect(formatDuration(130, t)).toBe('2 min 10 s');
    expect(formatDuration(3900, t)).toBe('1 h 5 min');
  });
  it('shows a dash when nobody has acknowledged yet', () => {
    expect(formatDuration(null, t)).toBe(t('common.none'));
  });
});

describe('timelineSentence', () => {
  it('says who acknowledged and how long it took', () => {
    expect(timelineSentence(entry({ kind: 'acknowledged', unitName: 'Dongzhuang', detail: { seconds: 130 } }), t, 'en')).toBe('Dongzhuang acknowledged (after 2 min 10 s)');
  });
  it('marks the acknowledgements a demo drill simulates', () => {
    expect(timelineSentence(entry({ kind: 'acknowledged', unitName: 'Dongzhuang', detail: { seconds: 5, simulated: true } }), t, 'en')).toBe('Dongzhuang acknowledged (after 5 s) (simulated)');
  });
  it('counts the overdue units and names a few of them', () => {
    const s = timelineSentence(entry({ kind: 'escalated', detail: { units: 2, sample: ['A', 'B'] } }), t, 'en');
    expect(s).toBe('2 units overdue: the duty officers above and backup contacts were told (A, B)');
    const many = timelineSentence(entry({ kind: 'reminder', detail: { units: 62, sample: ['A', 'B', 'C', 'D'] } }), t, 'en');
    expect(many).toBe('62 units silent at half their deadline: their responsible people were reminded (A, B, C and others)');
  });
  it('names the warning and the areas it covers', () => {
    const s = timelineSentence(entry({ kind: 'issued', actorName: 'Duty officer', detail: { hazard: 'typhoon', level: 'red', areas: ['Chengguan'] } }), t, 'en');
    expect(s).toBe('Duty officer issued the Typhoon red warning, covering Chengguan');
  });
  it('says when a raised level asks for acknowledgement again', () => {
    const s = timelineSentence(entry({ kind: 'updated', actorName: 'X', detail: { level: 'red', raised: true, addedAreas: [] } }), t, 'en');
    expect(s).toBe('X updated the warning; level raised to Red, every unit must acknowledge again');
  });
  it('falls back to a plain sentence when a report leaves out its figures', () => {
    expect(timelineSentence(entry({ kind: 'evacuation_reported', unitName: 'Xiwa' }), t, 'en')).toBe('Xiwa reported on evacuation');
    expect(timelineSentence(entry({ kind: 'evacuation_reported', unitName: 'Xiwa', detail: { toMove: 12, moved: 10, refused: 1 } }), t, 'en')).toBe(
      'Xiwa reported evacuation: 10 of 12 moved, 1 refused',
    );
  });
  it('labels alarms and outages from the domain lists', () => {
    expect(timelineSentence(entry({ kind: 'alarm_raised', unitName: 'Xiwa', detail: { kind: 'landslide_sign' } }), t, 'en')).toBe('Xiwa raised an alarm: Landslide precursors');
    expect(timelineSentence(entry({ kind: 'outage_restored', unitName: 'Xiwa', detail: { kind: 'power', hours: 30 } }), t, 'en')).toBe('Xiwa: Power restored after 30 h');
  });
});

describe('mergeTimeline', () => {
  it('keeps each entry once, oldest first, whether it came from the stream or a refetch', () => {
    const a = entry({ id: 1 });
    const b = entry({ id: 2, kind: 'fanout_done' });
    const c = entry({ id: 3, kind: 'acknowledged' });
    expect(mergeTimeline([a, b], [c, b]).map((e) => e.id)).toEqual([1, 2, 3]);
    expect(mergeTimeline(undefined, [c, a]).map((e) => e.id)).toEqual([1, 3]);
  });
});

describe('times', () => {
  it('writes the picked instant with an explicit offset, as the API requires', () => {
    const d = new Date('2026-07-01T02:03:04Z');
    const iso = isoWithOffset(d);
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso)).toBe(d.getTime());
  });
  it('counts whole minutes overdue, never below zero', () => {
    const now = Date.parse('2026-07-01T00:10:30Z');
    expect(minutesSince('2026-07-01T00:00:00Z', now)).toBe(10);
    expect(minutesSince('2026-07-01T00:20:00Z', now)).toBe(0);
  });
});
