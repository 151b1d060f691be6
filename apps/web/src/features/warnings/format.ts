// How a warning looks everywhere: the colours of the four levels (the national warning signals'
// blue, yellow, orange and red), their names, durations, and the timeline's sentences. Pure
// functions: the translation function is passed in, so they can be tested without React.
import { ALARM_KINDS, hazardLabel, OUTAGE_KINDS, WARNING_LEVEL_INFO, WARNING_LEVELS, warningTitle, type WarningLevel } from '@xianfeng/domain';
import type { TimelineEntry } from './types.ts';

export type Locale = 'zh-CN' | 'en';
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Background and text colour of each level; yellow needs dark text to stay readable. */
export const LEVEL_COLORS: Readonly<Record<WarningLevel, { bg: string; fg: string; soft: string }>> = {
  blue: { bg: '#1464d2', fg: '#ffffff', soft: '#e6f0ff' },
  yellow: { bg: '#f5c400', fg: '#262626', soft: '#fffbe0' },
  orange: { bg: '#f77b00', fg: '#ffffff', soft: '#fff2e3' },
  red: { bg: '#d9001b', fg: '#ffffff', soft: '#fff0f0' },
};

/** Strongest first, as lists and the form show them. */
export const LEVELS_STRONGEST_FIRST: readonly WarningLevel[] = [...WARNING_LEVELS].reverse();

export function levelColor(level: string) {
  return LEVEL_COLORS[(level in LEVEL_COLORS ? level : 'blue') as WarningLevel];
}

/** 红色 / Red; the grade (I–IV) when asked. */
export function levelName(level: string, locale: Locale, withGrade = false): string {
  const info = WARNING_LEVEL_INFO[level as WarningLevel];
  if (!info) return level;
  const name = locale === 'en' ? info.en : info.zh;
  return withGrade ? `${name} (${info.grade})` : name;
}

export function hazardName(hazard: string, locale: Locale): string {
  return hazardLabel(hazard, locale);
}

/** The usual title of a warning (台风红色预警), as the form suggests it. */
export function suggestedTitle(hazard: string | undefined, level: WarningLevel | undefined, locale: Locale): string {
  if (!hazard || !level) return '';
  return warningTitle(hazard, level, locale);
}

/** 2 分 10 秒, 45 秒, 1 小时 5 分. */
export function formatDuration(seconds: number | null | undefined, t: Translate): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('common.none');
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('warnings.duration.seconds', { s });
  if (s < 3600) return t('warnings.duration.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('warnings.duration.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** Whole minutes from `fromIso` to `nowMs` (never negative). */
export function minutesSince(fromIso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function listNames(items: string[], t: Translate, max = 5): string {
  const shown = items.slice(0, max).join(t('warnings.timeline.listSeparator'));
  return items.length > max ? t('warnings.timeline.andMore', { names: shown, count: items.length }) : shown;
}

function labelOf(list: ReadonlyArray<{ value: string; zh: string; en: string }>, value: unknown, locale: Locale): string | undefined {
  const found = list.find((x) => x.value === value);
  if (!found) return str(value);
  return locale === 'en' ? found.en : found.zh;
}

/**
 * One readable sentence per timeline entry: “东庄村 已签收（用时 2 分 10 秒）”,
 * “逾期未签收 3 个单位，已通知上级值班员和备用联系人”. Details the server leaves out fall back to
 * a plainer sentence rather than showing empty numbers.
 */
export function timelineSentence(e: TimelineEntry, t: Translate, locale: Locale): string {
  const d = e.detail ?? {};
  const who = e.actorName || t('warnings.timeline.system');
  const unit = e.unitName || t('warnings.timeline.someUnit');
  switch (e.kind) {
    case 'issued': {
      const title = str(d.hazard) && str(d.level) && (WARNING_LEVELS as readonly string[]).includes(d.level as string)
        ? warningTitle(d.hazard as string, d.level as WarningLevel, locale)
        : t('warnings.timeline.aWarning');
      const areas = names(d.areas);
      const key = d.source === 'cap' ? 'warnings.timeline.issuedCap' : d.source === 'alarm' ? 'warnings.timeline.issuedAlarm' : 'warnings.timeline.issued';
      const head = t(key, { who, title });
      return areas.length ? `${head}${t('warnings.timeline.covering', { areas: listNames(areas, t) })}` : head;
    }
    case 'updated': {
      const parts = [t('warnings.timeline.updated', { who })];
      if (d.raised === true && str(d.level)) parts.push(t('warnings.timeline.raised', { level: levelName(d.level as string, locale) }));
      const added = names(d.addedAreas);
      if (added.length) parts.push(t('warnings.timeline.addedAreas', { areas: listNames(added, t) }));
      return parts.join(t('warnings.timeline.clauseSeparator'));
    }
    case 'cancelled':
      return str(d.reason) ? t('warnings.timeline.cancelled', { who, reason: d.reason }) : t('warnings.timeline.cancelledPlain', { who });
    case 'fanout_done': {
      const count = num(d.units) ?? 0;
      const round = num(d.round) ?? 1;
      return round > 1 ? t('warnings.timeline.fanoutRound', { count, round }) : t('warnings.timeline.fanout', { count });
    }
    case 'acknowledged': {
      const seconds = num(d.seconds);
      const said = seconds === undefined ? t('warnings.timeline.ackPlain', { unit }) : t('warnings.timeline.ack', { unit, duration: formatDuration(seconds, t) });
      // A demo installation's drill answers by itself: say so, so nobody takes it for a person.
      return d.simulated === true ? `${said}${t('warnings.timeline.simulated')}` : said;
    }
    case 'reminder':
    case 'escalated': {
      const count = num(d.units) ?? 0;
      const sample = names(d.sample);
      const head = t(e.kind === 'reminder' ? 'warnings.timeline.reminder' : 'warnings.timeline.escalated', { count });
      if (!sample.length) return head;
      // The head already gives the count: name a few, and say when there are more.
      const shown = sample.slice(0, 3).join(t('warnings.timeline.listSeparator'));
      return `${head}${t(sample.length > 3 || count > sample.length ? 'warnings.timeline.sampleMore' : 'warnings.timeline.sample', { names: shown })}`;
    }
    case 'evacuation_reported': {
      const toMove = num(d.toMove);
      const moved = num(d.moved);
      if (toMove === undefined || moved === undefined) return t('warnings.timeline.evacuationPlain', { unit });
      return t('warnings.timeline.evacuation', { unit, toMove, moved, refused: num(d.refused) ?? 0 });
    }
    case 'shelter_updated': {
      const occupants = num(d.occupants);
      const name = str(d.shelterName) ?? str(d.name) ?? '';
      if (occupants === undefined) return t('warnings.timeline.shelterPlain', { unit, name });
      const capacity = num(d.capacity);
      return capacity === undefined
        ? t('warnings.timeline.shelter', { unit, name, occupants })
        : t('warnings.timeline.shelterCapacity', { unit, name, occupants, capacity });
    }
    case 'household_checked': {
      // Only the counts: who the vulnerable people are stays with those responsible for the grid.
      const status = str(d.status);
      return status ? t('warnings.timeline.household', { unit, status: t(`warnings.checkStatus.${status}`, { defaultValue: status }) }) : t('warnings.timeline.householdPlain', { unit });
    }
    case 'alarm_raised': {
      const kind = labelOf(ALARM_KINDS, d.kind, locale);
      return kind ? t('warnings.timeline.alarm', { unit, kind }) : t('warnings.timeline.alarmPlain', { unit });
    }
    case 'outage_reported':
    case 'outage_restored': {
      const kind = labelOf(OUTAGE_KINDS, d.kind, locale) ?? t('warnings.timeline.service');
      if (e.kind === 'outage_reported') return t('warnings.timeline.outage', { unit, kind });
      const hours = num(d.hours) ?? num(d.hoursOut);
      return hours === undefined ? t('warnings.timeline.restored', { unit, kind }) : t('warnings.timeline.restoredAfter', { unit, kind, hours });
    }
    default:
      return t('warnings.timeline.other', { kind: e.kind, unit: e.unitName ?? '' });
  }
}

/** The tone of a timeline entry's dot: red for the alarming, green for the good news. */
export function timelineColor(kind: string): string {
  switch (kind) {
    case 'acknowledged':
    case 'outage_restored':
    case 'fanout_done':
      return 'green';
    case 'escalated':
    case 'alarm_raised':
    case 'cancelled':
      return 'red';
    case 'reminder':
    case 'outage_reported':
      return 'orange';
    default:
      return 'blue';
  }
}

/**
 * Merges entries from the stream into what is shown: by id, oldest first, never twice (the
 * stream and a refetch may both bring the same entry).
 */
export function mergeTimeline(current: readonly TimelineEntry[] | undefined, incoming: readonly TimelineEntry[]): TimelineEntry[] {
  const byId = new Map<number, TimelineEntry>();
  for (const e of current ?? []) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The instant a datetime picker chose, as the API wants it: ISO with the browser's offset. */
export function isoWithOffset(d: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
