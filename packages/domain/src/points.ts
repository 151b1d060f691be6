// Dual points (双积分): the rules of the ledger, free of storage. Every figure a member has is derived
// from ledger entries; this file says how (score, balance), what a rule allows (fixed or ranged
// points, caps per period, awards per cycle, vetoes) and how the board breaks ties.
import { daysBetween, isValidYmd } from './dates.ts';
import type { MessageCode } from './messages.ts';

// ——— periods ———

/** How a unit divides its points year: a year by default; some units score quarters or months. */
export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The period a day falls in: `2026`, `2026-Q3` or `2026-07`. */
export function periodOf(ymd: string, kind: PeriodKind): string {
  const year = ymd.slice(0, 4);
  const month = Number(ymd.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${ymd.slice(5, 7)}`;
}

const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

export function periodKindOf(period: string): PeriodKind {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return m[2] ? 'quarter' : m[3] ? 'month' : 'year';
}

/** First and last day of a period. */
export function periodRange(period: string): { from: string; to: string } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const [firstMonth, lastMonth] = m[2] ? [Number(m[2]) * 3 - 2, Number(m[2]) * 3] : m[3] ? [Number(m[3]), Number(m[3])] : [1, 12];
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** The period before, of the same kind: `2026` → `2025`, `2026-Q1` → `2025-Q4`, `2026-01` → `2025-12`. */
export function previousPeriod(period: string): string {
  const kind = periodKindOf(period);
  const { from } = periodRange(period);
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return periodOf(d.toISOString().slice(0, 10), kind);
}

// ——— accounts and entries ———

/** 基础分, 加分, 扣分, 兑换. */
export const ACCOUNTS = ['base', 'bonus', 'deduction', 'redemption'] as const;
export type Account = (typeof ACCOUNTS)[number];
/** The accounts a rule may book to: redemptions come from the shop only. */
export const RULE_ACCOUNTS = ['base', 'bonus', 'deduction'] as const;
export type RuleAccount = (typeof RULE_ACCOUNTS)[number];

/** Where an entry came from. A correction reverses an earlier entry. */
export const ENTRY_SOURCES = ['claim', 'task', 'violation', 'import', 'manual', 'shop', 'correction'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** No single entry is worth more than this: a larger figure is a typing mistake. */
export const MAX_ENTRY_POINTS = 1000;

/**
 * The signed effect of an entry of `points` (a positive whole number as the user sees it) on the
 * member's figures: base and bonus add, deductions and redemptions subtract.
 */
export function signedPoints(account: Account, points: number): number {
  return account === 'base' || account === 'bonus' ? points : -points;
}

/** Running totals of one member in one period, kept beside the ledger and checked against it. */
export interface Tally {
  base: number;
  bonus: number;
  /** Total deducted, as a positive number. */
  deduction: number;
  /** Total redeemed in the shop, as a positive number (net of refunds). */
  redeemed: number;
  /** Veto entries (一票否决) in force in the period. */
  vetoes: number;
}

export const EMPTY_TALLY: Tally = { base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0 };

/** What one ledger entry does to a tally: `signed` is the stored signed amount. */
export function tallyDelta(entry: { account: Account; signed: number; veto: number }): Tally {
  const d = { ...EMPTY_TALLY, vetoes: entry.veto };
  if (entry.account === 'base') d.base = entry.signed;
  else if (entry.account === 'bonus') d.bonus = entry.signed;
  else if (entry.account === 'deduction') d.deduction = -entry.signed;
  else d.redeemed = -entry.signed;
  return d;
}

export function addTally(a: Tally, b: Tally): Tally {
  return { base: a.base + b.base, bonus: a.bonus + b.bonus, deduction: a.deduction + b.deduction, redeemed: a.redeemed + b.redeemed, vetoes: a.vetoes + b.vetoes };
}

/**
 * The score ranks and evaluates: base + bonus − deductions, or 0 when a veto rule applies.
 * Redeeming never lowers it.
 */
export function scoreOf(t: Tally): number {
  return t.vetoes > 0 ? 0 : t.base + t.bonus - t.deduction;
}

/**
 * What the member may still spend: earned (base + bonus − deductions) minus redeemed. A veto
 * zeroes the score, not what was earned and not yet spent. Only a deduction or a correction can
 * take it below zero (a debt); a redemption never does.
 */
export function balanceOf(t: Tally): number {
  return t.base + t.bonus - t.deduction - t.redeemed;
}

// ——— rules ———

export interface PointsRule {
  account: RuleAccount;
  /** Fixed points when min = max; otherwise the approver picks within the range. */
  pointsMin: number;
  pointsMax: number;
  /** At most this many points from this rule per member and period (null: no cap). */
  capPerPeriod: number | null;
  /** A cycle in days and the most awards per member inside one (both or neither). */
  cycleDays: number | null;
  maxPerCycle: number | null;
  needsEvidence: boolean;
  needsApproval: boolean;
  /** 一票否决: an entry under this rule zeroes the period's score. */
  veto: boolean;
}

export interface RuleIssue {
  field: string;
  code: MessageCode;
  params?: Record<string, string | number>;
}

const wholeInRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** What is wrong with a rule's settings, field by field. */
export function validateRule(r: PointsRule): RuleIssue[] {
  const issues: RuleIssue[] = [];
  // A veto rule may carry no points of its own: its effect is the veto.
  const min = r.veto ? 0 : 1;
  if (!wholeInRange(r.pointsMin, min, MAX_ENTRY_POINTS)) issues.push({ field: 'pointsMin', code: 'points.amount_invalid', params: { min, max: MAX_ENTRY_POINTS } });
  if (!wholeInRange(r.pointsMax, min, MAX_ENTRY_POINTS)) issues.push({ field: 'pointsMax', code: 'points.amount_invalid', params: { min, max: MAX_ENTRY_POINTS } });
  else if (r.pointsMax < r.pointsMin) issues.push({ field: 'pointsMax', code: 'points.range_reversed' });
  if (r.capPerPeriod !== null && !wholeInRange(r.capPerPeriod, 1, 100 * MAX_ENTRY_POINTS)) issues.push({ field: 'capPerPeriod', code: 'points.cap_invalid' });
  if ((r.cycleDays === null) !== (r.maxPerCycle === null)) issues.push({ field: r.cycleDays === null ? 'cycleDays' : 'maxPerCycle', code: 'points.cycle_incomplete' });
  if (r.cycleDays !== null && !wholeInRange(r.cycleDays, 1, 366)) issues.push({ field: 'cycleDays', code: 'points.cycle_invalid' });
  if (r.maxPerCycle !== null && !wholeInRange(r.maxPerCycle, 1, 1000)) issues.push({ field: 'maxPerCycle', code: 'points.cycle_invalid' });
  if (r.veto && r.account !== 'deduction') issues.push({ field: 'veto', code: 'points.veto_not_deduction' });
  return issues;
}

/**
 * The points an award under the rule is worth: the fixed figure, or the requested one if it lies
 * in the rule's range. Returns a message code when the request does not fit.
 */
export function awardPoints(rule: Pick<PointsRule, 'pointsMin' | 'pointsMax'>, requested?: number | null): { ok: true; points: number } | { ok: false; code: MessageCode; params: Record<string, number> } {
  if (rule.pointsMin === rule.pointsMax && (requested === undefined || requested === null || requested === rule.pointsMin)) return { ok: true, points: rule.pointsMin };
  if (requested === undefined || requested === null) return { ok: false, code: 'points.amount_required', params: { min: rule.pointsMin, max: rule.pointsMax } };
  if (!wholeInRange(requested, rule.pointsMin, rule.pointsMax)) return { ok: false, code: 'points.amount_out_of_range', params: { min: rule.pointsMin, max: rule.pointsMax } };
  return { ok: true, points: requested };
}

/** The days of the cycle that ends on `day`: [day − cycleDays + 1, day]. */
export function cycleWindow(day: string, cycleDays: number): { from: string; to: string } {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (cycleDays - 1));
  return { from: d.toISOString().slice(0, 10), to: day };
}

/**
 * Whether one more award of `points` under the rule is allowed, given what the member already
 * received under it: `inPeriod` points in the award's period and `inCycle` awards in the cycle
 * window ending on the award's day. Caps and cycles are enforced when points are booked.
 */
export function checkAward(
  rule: Pick<PointsRule, 'capPerPeriod' | 'cycleDays' | 'maxPerCycle'>,
  award: { points: number; inPeriod: number; inCycle: number },
): { ok: true } | { ok: false; code: MessageCode; params: Record<string, number> } {
  if (rule.capPerPeriod !== null && award.inPeriod + award.points > rule.capPerPeriod) {
    return { ok: false, code: 'points.over_cap', params: { cap: rule.capPerPeriod, used: award.inPeriod, left: Math.max(0, rule.capPerPeriod - award.inPeriod) } };
  }
  if (rule.cycleDays !== null && rule.maxPerCycle !== null && award.inCycle >= rule.maxPerCycle) {
    return { ok: false, code: 'points.over_cycle', params: { days: rule.cycleDays, max: rule.maxPerCycle } };
  }
  return { ok: true };
}

/** A claim may not be dated in the future, nor earlier than the period before this one. */
export function claimDateIssue(occurredOn: string, today: string): MessageCode | null {
  if (!isValidYmd(occurredOn)) return 'points.date_invalid';
  if (occurredOn > today) return 'points.date_future';
  if (daysBetween(occurredOn, today) > 400) return 'points.date_too_old';
  return null;
}

// ——— standings ———

export interface Standing {
  memberId: number;
  score: number;
  deduction: number;
  /** When the member reached the current score (ISO time): earlier wins a tie. */
  reachedAt: string;
}

/**
 * Board and plaque order: higher score first; on a tie, fewer deduction points; then whoever
 * reached the score earlier; then the lower member id, so that the order is always total.
 */
export function compareStandings(a: Standing, b: Standing): number {
  return b.score - a.score || a.deduction - b.deduction || (a.reachedAt < b.reachedAt ? -1 : a.reachedAt > b.reachedAt ? 1 : 0) || a.memberId - b.memberId;
}

// ——— shop ———

/** Prices and quantities in the shop: whole, positive, and not absurd. */
export const MAX_PRICE = 100_000;
export const MAX_ORDER_QUANTITY = 99;

export const ORDER_STATUSES = ['placed', 'handed_over', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Evidence: photos or PDF, at most 5 MB each and 6 per claim. */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 6;

/** What a file's first bytes say it is (the name and the browser's word are not trusted). */
export function sniffEvidenceType(bytes: Uint8Array): (typeof EVIDENCE_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}
