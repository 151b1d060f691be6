import { describe, expect, it } from 'vitest';
import {
  addTally, awardPoints, balanceOf, checkAward, claimDateIssue, compareStandings, cycleWindow, EMPTY_TALLY, periodOf, periodRange,
  previousPeriod, scoreOf, signedPoints, sniffEvidenceType, tallyDelta, validateRule, type PointsRule, type Tally,
} from './points.ts';
import { DEFAULT_CONDUCT_LIST, DEFAULT_RULES, DEFAULT_TASKS } from './points-catalogue.ts';
import { DEFAULT_SPECIALTIES } from './member.ts';

const baseRule: PointsRule = {
  account: 'base', pointsMin: 3, pointsMax: 3, capPerPeriod: null, cycleDays: null, maxPerCycle: null, needsEvidence: false, needsApproval: true, veto: false,
};

describe('periods', () => {
  it('names the year, quarter or month a day falls in', () => {
    expect(periodOf('2026-08-15', 'year')).toBe('2026');
    expect(periodOf('2026-08-15', 'quarter')).toBe('2026-Q3');
    expect(periodOf('2026-08-15', 'month')).toBe('2026-08');
    expect(periodOf('2026-12-31', 'quarter')).toBe('2026-Q4');
  });
  it('gives first and last days, leap years included', () => {
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });
  it('steps back one period across year ends', () => {
    expect(previousPeriod('2026')).toBe('2025');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-07')).toBe('2026-06');
  });
});

describe('score and balance', () => {
  const book = (entries: Array<[Parameters<typeof signedPoints>[0], number, number?]>): Tally =>
    entries.reduce((t, [account, points, veto = 0]) => addTally(t, tallyDelta({ account, signed: signedPoints(account, points), veto })), EMPTY_TALLY);

  it('score is base + bonus − deductions; redeeming lowers the balance, never the score', () => {
    const t = book([['base', 30], ['bonus', 10], ['deduction', 5], ['redemption', 20]]);
    expect(scoreOf(t)).toBe(35);
    expect(balanceOf(t)).toBe(15);
  });
  it('a veto zeroes the score but not what was earned', () => {
    const t = book([['base', 30], ['deduction', 0, 1]]);
    expect(scoreOf(t)).toBe(0);
    expect(balanceOf(t)).toBe(30);
  });
  it('a reversing entry cancels its original exactly', () => {
    const t = addTally(tallyDelta({ account: 'bonus', signed: 8, veto: 0 }), tallyDelta({ account: 'bonus', signed: -8, veto: 0 }));
    expect(t).toEqual(EMPTY_TALLY);
    const v = addTally(tallyDelta({ account: 'deduction', signed: 0, veto: 1 }), tallyDelta({ account: 'deduction', signed: 0, veto: -1 }));
    expect(scoreOf(addTally(v, book([['base', 3]])))).toBe(3);
  });
});

describe('rules', () => {
  it('accepts the shipped catalogue', () => {
    for (const r of DEFAULT_RULES) expect(validateRule(r), r.code).toEqual([]);
    expect(new Set(DEFAULT_RULES.map((r) => r.code)).size).toBe(DEFAULT_RULES.length);
  });
  it('refuses negative, fractional, absurd and reversed points', () => {
    expect(validateRule({ ...baseRule, pointsMin: -1 })[0]).toMatchObject({ field: 'pointsMin', code: 'points.amount_invalid' });
    expect(validateRule({ ...baseRule, pointsMin: 1.5 })[0]).toMatchObject({ field: 'pointsMin' });
    expect(validateRule({ ...baseRule, pointsMax: 5000 })[0]).toMatchObject({ field: 'pointsMax', code: 'points.amount_invalid' });
    expect(validateRule({ ...baseRule, pointsMin: 5, pointsMax: 2 })[0]).toMatchObject({ field: 'pointsMax', code: 'points.range_reversed' });
    expect(validateRule({ ...baseRule, pointsMin: 0, pointsMax: 0 })).toHaveLength(2);
  });
  it('needs both parts of a cycle, and vetoes only on deductions', () => {
    expect(validateRule({ ...baseRule, cycleDays: 30 })[0]).toMatchObject({ field: 'maxPerCycle', code: 'points.cycle_incomplete' });
    expect(validateRule({ ...baseRule, veto: true })).toContainEqual(expect.objectContaining({ code: 'points.veto_not_deduction' }));
    expect(validateRule({ ...baseRule, account: 'deduction', veto: true, pointsMin: 0, pointsMax: 0 })).toEqual([]);
  });
  it('fixed points need no figure; a range needs one inside it', () => {
    expect(awardPoints(baseRule)).toEqual({ ok: true, points: 3 });
    expect(awardPoints(baseRule, 4)).toMatchObject({ ok: false, code: 'points.amount_out_of_range' });
    const ranged = { pointsMin: 3, pointsMax: 10 };
    expect(awardPoints(ranged)).toMatchObject({ ok: false, code: 'points.amount_required' });
    expect(awardPoints(ranged, 7)).toEqual({ ok: true, points: 7 });
    expect(awardPoints(ranged, 11)).toMatchObject({ ok: false });
    expect(awardPoints(ranged, 5.5)).toMatchObject({ ok: false });
  });
  it('enforces the cap per period and the awards per cycle', () => {
    const capped = { capPerPeriod: 12, cycleDays: 30, maxPerCycle: 1 };
    expect(checkAward(capped, { points: 3, inPeriod: 9, inCycle: 0 })).toEqual({ ok: true });
    expect(checkAward(capped, { points: 3, inPeriod: 10, inCycle: 0 })).toMatchObject({ ok: false, code: 'points.over_cap', params: { left: 2 } });
    expect(checkAward(capped, { points: 3, inPeriod: 0, inCycle: 1 })).toMatchObject({ ok: false, code: 'points.over_cycle' });
    expect(checkAward({ capPerPeriod: null, cycleDays: null, maxPerCycle: null }, { points: 999, inPeriod: 99999, inCycle: 99 })).toEqual({ ok: true });
  });
  it('a cycle window ends on the award day', () => {
    expect(cycleWindow('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(cycleWindow('2026-03-01', 30)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });
  it('refuses claims dated in the future or more than a year back', () => {
    expect(claimDateIssue('2026-11-29', '2026-11-28')).toBe('points.date_future');
    expect(claimDateIssue('2025-01-01', '2026-11-28')).toBe('points.date_too_old');
    expect(claimDateIssue('2026-02-30', '2026-11-28')).toBe('points.date_invalid');
    expect(claimDateIssue('2026-11-28', '2026-11-28')).toBeNull();
  });
});

describe('standings', () => {
  it('orders by score, then fewer deductions, then earlier reach, then member id', () => {
    const s = [
      { memberId: 4, score: 50, deduction: 0, reachedAt: '2026-05-01T00:00:00Z' },
      { memberId: 3, score: 60, deduction: 5, reachedAt: '2026-06-01T00:00:00Z' },
      { memberId: 2, score: 60, deduction: 0, reachedAt: '2026-07-01T00:00:00Z' },
      { memberId: 1, score: 60, deduction: 0, reachedAt: '2026-04-01T00:00:00Z' },
      { memberId: 0, score: 60, deduction: 0, reachedAt: '2026-04-01T00:00:00Z' },
    ];
    expect([...s].sort(compareStandings).map((x) => x.memberId)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('catalogues', () => {
  it('ships ten do’s and ten don’ts, each don’t tied to a deduction rule', () => {
    expect(DEFAULT_CONDUCT_LIST.filter((i) => i.kind === 'do')).toHaveLength(10);
    const donts = DEFAULT_CONDUCT_LIST.filter((i) => i.kind === 'dont');
    expect(donts).toHaveLength(10);
    for (const d of donts) expect(DEFAULT_RULES.find((r) => r.code === d.ruleCode)?.account, d.text).toBe('deduction');
  });
  it('ships 23 tasks whose specialties are on the curated list', () => {
    expect(DEFAULT_TASKS).toHaveLength(23);
    for (const t of DEFAULT_TASKS) for (const s of t.specialties) expect(DEFAULT_SPECIALTIES as readonly string[], t.title).toContain(s);
  });
});

describe('evidence', () => {
  it('knows photos and PDFs by their first bytes, not their names', () => {
    expect(sniffEvidenceType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffEvidenceType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffEvidenceType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffEvidenceType(new TextEncoder().encode('MZ executable'))).toBeNull();
  });
});
