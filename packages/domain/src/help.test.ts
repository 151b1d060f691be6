import { describe, expect, it } from 'vitest';
import {
  HELP_ACTIONS, HELP_CATEGORIES, HELP_POINTS_RULE, HELP_STATUSES, HELP_TRANSITIONS, availableAt, checkHelpWindows, chinaClock, helpChallenge, helpDeadlines, helpOverdue,
  helpFloodWait, helpHasLocation, helpPoints, helpTransition, isHelpCategory, median, rankCandidates, scoreCandidate, type HelpAction, type HelpCandidate, type HelpStatus,
} from './help.ts';
import { DEFAULT_SPECIALTIES } from './member.ts';
import { DEFAULT_RULES } from './points-catalogue.ts';

// Every pair of the lifecycle, written out: state, action → next state ('-': refused).
const TABLE = `
state        accept    start        resolve   confirm    reopen       close
received     accepted  -            -         -          -            closed
accepted     -         in_progress  resolved  -          -            closed
in_progress  -         -            resolved  -          -            closed
resolved     -         -            -         confirmed  in_progress  closed
confirmed    -         -            -         -          -            -
closed       -         -            -         -          -            -
`;

describe('help request lifecycle', () => {
  const [header, ...rows] = TABLE.trim().split('\n').map((l) => l.trim().split(/\s+/));
  it('the table covers every state and action', () => {
    expect(header!.slice(1)).toEqual([...HELP_ACTIONS]);
    expect(rows.map((r) => r[0])).toEqual([...HELP_STATUSES]);
  });
  for (const [state, ...cells] of rows) {
    HELP_ACTIONS.forEach((action, i) => {
      const expected = cells[i];
      it(`${state} × ${action} → ${expected}`, () => {
        const t = helpTransition(state as HelpStatus, action as HelpAction);
        if (expected === '-') {
          expect(t.ok).toBe(false);
          expect(HELP_TRANSITIONS[state as HelpStatus][action as HelpAction]).toBeUndefined();
        } else expect(t).toEqual({ ok: true, next: expected });
      });
    });
  }
  it('a second acceptor is told someone else has it', () => {
    expect(helpTransition('accepted', 'accept')).toEqual({ ok: false, code: 'help.already_accepted' });
  });
});

describe('categories', () => {
  it('name only curated specialties and sensible limits', () => {
    for (const c of HELP_CATEGORIES) {
      for (const s of c.specialties) expect(DEFAULT_SPECIALTIES as readonly string[]).toContain(s);
      expect(c.acceptHours).toBeGreaterThan(0);
      expect(c.resolveHours).toBeGreaterThan(c.acceptHours);
    }
    expect(isHelpCategory('repair')).toBe(true);
    expect(isHelpCategory('hack')).toBe(false);
  });
  it('deadlines count from filing', () => {
    const d = helpDeadlines('repair', new Date('2026-05-01T00:00:00Z'));
    expect(d).toEqual({ acceptDueAt: '2026-05-01T04:00:00.000Z', resolveDueAt: '2026-05-03T00:00:00.000Z' });
  });
});

describe('hours', () => {
  it('checks windows', () => {
    expect(checkHelpWindows([{ days: [1, 2], from: '18:00', to: '21:00' }])).toEqual([]);
    expect(checkHelpWindows([{ days: [], from: '18:00', to: '21:00' }])).toEqual(['help.window_days']);
    expect(checkHelpWindows([{ days: [8], from: '18:00', to: '21:00' }])).toEqual(['help.window_days']);
    expect(checkHelpWindows([{ days: [1], from: '21:00', to: '18:00' }])).toEqual(['help.window_times']);
    expect(checkHelpWindows([{ days: [1], from: '9:00', to: '18:00' }])).toEqual(['help.window_times']);
    expect(checkHelpWindows(Array.from({ length: 15 }, () => ({ days: [1], from: '08:00', to: '09:00' })))).toEqual(['help.too_many_windows']);
  });
  it('reads the clock in China time', () => {
    // 2026-05-03 is a Sunday; 23:30 UTC on Sunday is 07:30 on Monday in Beijing.
    expect(chinaClock(new Date('2026-05-03T23:30:00Z'))).toEqual({ day: 1, minutes: 450 });
    expect(chinaClock(new Date('2026-05-03T10:00:00Z'))).toEqual({ day: 7, minutes: 1080 });
  });
  it('knows whether now is in a window (end excluded)', () => {
    const evenings = [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:00' }];
    expect(availableAt(evenings, new Date('2026-05-04T10:30:00Z'))).toBe(true); // Monday 18:30
    expect(availableAt(evenings, new Date('2026-05-04T13:00:00Z'))).toBe(false); // Monday 21:00
    expect(availableAt(evenings, new Date('2026-05-03T10:30:00Z'))).toBe(false); // Sunday 18:30
  });
});

describe('matching', () => {
  const mondayEvening = new Date('2026-05-04T10:30:00Z');
  const c = (memberId: number, more: Partial<HelpCandidate>): HelpCandidate => ({ memberId, specialties: [], place: 'village', windows: null, openLoad: 0, ...more });

  it('puts specialty fit first', () => {
    const [first] = rankCandidates('repair', [c(1, { place: 'grid' }), c(2, { specialties: ['电工'], place: 'registered' })], mondayEvening);
    expect(first!.memberId).toBe(2);
  });
  it('more fitting specialties score higher, up to a cap', () => {
    const one = scoreCandidate('repair', c(1, { specialties: ['电工'] }), mondayEvening).specialtyFit;
    const two = scoreCandidate('repair', c(1, { specialties: ['电工', '水暖维修'] }), mondayEvening).specialtyFit;
    const all = scoreCandidate('repair', c(1, { specialties: ['电工', '水暖维修', '家电维修', '农机维修', '建筑施工'] }), mondayEvening).specialtyFit;
    expect([one, two, all]).toEqual([40, 45, 50]);
  });
  it('ranks place grid > village > registered', () => {
    const ranked = rankCandidates('repair', [c(1, { specialties: ['电工'], place: 'registered' }), c(2, { specialties: ['电工'], place: 'village' }), c(3, { specialties: ['电工'], place: 'grid' })], mondayEvening);
    expect(ranked.map((r) => r.memberId)).toEqual([3, 2, 1]);
  });
  it('prefers who is available now over who declared no hours over who is off', () => {
    const evenings = [{ days: [1], from: '18:00', to: '21:00' }];
    const mornings = [{ days: [1], from: '08:00', to: '10:00' }];
    const ranked = rankCandidates('repair', [c(1, { specialties: ['电工'], windows: mornings }), c(2, { specialties: ['电工'] }), c(3, { specialties: ['电工'], windows: evenings })], mondayEvening);
    expect(ranked.map((r) => [r.memberId, r.availableNow])).toEqual([[3, true], [2, null], [1, false]]);
  });
  it('asks an idle member before a busy one', () => {
    const ranked = rankCandidates('repair', [c(1, { specialties: ['电工'], openLoad: 2 }), c(2, { specialties: ['电工'] })], mondayEvening);
    expect(ranked.map((r) => r.memberId)).toEqual([2, 1]);
  });
  it('a category without specialties takes anyone, by place', () => {
    const ranked = rankCandidates('other', [c(1, { place: 'registered' }), c(2, { place: 'grid' })], mondayEvening);
    expect(ranked.map((r) => [r.memberId, r.specialtyFit])).toEqual([[2, 20], [1, 20]]);
  });
  it('counts a member found twice once, with the better place, and keeps the top few', () => {
    const many = Array.from({ length: 9 }, (_, i) => c(i + 10, { specialties: ['电工'], place: 'registered' }));
    const ranked = rankCandidates('repair', [c(5, { specialties: ['电工'], place: 'registered' }), c(5, { specialties: ['电工'], place: 'grid' }), ...many], mondayEvening, 5);
    expect(ranked).toHaveLength(5);
    expect(ranked[0]).toMatchObject({ memberId: 5, place: 'grid' });
    expect(ranked.slice(1).map((r) => r.memberId)).toEqual([10, 11, 12, 13]);
  });
});

describe('points, statistics, verification', () => {
  it('spreads the rule range over the rating', () => {
    expect([1, 2, 3, 4, 5].map((r) => helpPoints(r, { pointsMin: 2, pointsMax: 5 }))).toEqual([2, 3, 4, 4, 5]);
    expect(helpPoints(5, { pointsMin: 3, pointsMax: 3 })).toBe(3);
  });
  it('medians', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('overdue: to accept while received, to resolve afterwards, never when finished', () => {
    const r = { acceptDueAt: '2026-05-01T04:00:00Z', resolveDueAt: '2026-05-03T00:00:00Z' };
    const at = new Date('2026-05-02T00:00:00Z');
    expect(helpOverdue({ ...r, status: 'received' }, at)).toBe(true);
    expect(helpOverdue({ ...r, status: 'accepted' }, at)).toBe(false);
    expect(helpOverdue({ ...r, status: 'in_progress' }, new Date('2026-05-04T00:00:00Z'))).toBe(true);
    expect(helpOverdue({ ...r, status: 'resolved' }, new Date('2026-05-04T00:00:00Z'))).toBe(false);
  });
  it('asks small sums', () => {
    expect(helpChallenge(new Uint8Array([0, 0]))).toEqual({ a: 1, b: 1, answer: 2 });
    expect(helpChallenge(new Uint8Array([255, 17]))).toEqual({ a: 4, b: 9, answer: 13 });
  });
});

describe('the catalogue rule for help requests', () => {
  it('is in the rules catalogue units adopt, with the range and cap the help module books under', () => {
    const rule = DEFAULT_RULES.find((r) => r.code === HELP_POINTS_RULE.code);
    expect(rule).toMatchObject({ name: HELP_POINTS_RULE.name, account: 'bonus', pointsMin: HELP_POINTS_RULE.pointsMin, pointsMax: HELP_POINTS_RULE.pointsMax, capPerPeriod: HELP_POINTS_RULE.capPerPeriod });
  });
});

describe('helpFloodWait', () => {
  const now = new Date('2026-11-29T10:00:00.000Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

  it('lets a phone file five times an hour, then says when the oldest of them leaves the hour', () => {
    expect(helpFloodWait([50, 40, 30, 20].map(minutesAgo), [], now)).toBe(0);
    expect(helpFloodWait([50, 40, 30, 20, 10].map(minutesAgo), [], now)).toBe(10);
    // Filings older than an hour do not count, in whatever order they come.
    expect(helpFloodWait([61, 20, 90, 40, 30, 10].map(minutesAgo), [], now)).toBe(0);
    expect(helpFloodWait([10, 61, 20, 59.5, 40, 30].map(minutesAgo), [], now)).toBe(1);
  });

  it('counts an address up to thirty, and not at all when it is not counted', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => minutesAgo(i + 1));
    expect(helpFloodWait([], thirty.slice(1), now)).toBe(0);
    expect(helpFloodWait([], thirty, now)).toBe(30);
    expect(helpFloodWait([], null, now)).toBe(0);
  });

  it('takes the longer of the two waits', () => {
    expect(helpFloodWait([50, 40, 30, 20, 10].map(minutesAgo), Array.from({ length: 30 }, () => minutesAgo(5)), now)).toBe(55);
  });
});

describe('helpHasLocation', () => {
  it('takes any description of the place, or a position with both coordinates', () => {
    expect(helpHasLocation({ place: '东庄村一组 3 号' })).toBe(true);
    expect(helpHasLocation({ place: '村' })).toBe(true);
    expect(helpHasLocation({ place: '  ', latitude: 30.1, longitude: 120.2 })).toBe(true);
    expect(helpHasLocation({ place: '  ' })).toBe(false);
    expect(helpHasLocation({ place: '', latitude: 30.1, longitude: null })).toBe(false);
    expect(helpHasLocation({})).toBe(false);
  });
});
