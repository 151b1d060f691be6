// Booking into the ledger. Every entry goes through `book`, which keeps the member's figures
// (points_tally) and spendable balance (points_balance) in the same transaction, so they are
// consistent with the ledger by construction; `verify` recomputes them all from the ledger.
import {
  addTally, balanceOf as balanceFrom, periodOf, scoreOf, signedPoints, tallyDelta, type Account, type EntrySource, type PeriodKind, type Tally,
} from '@xianfeng/domain';
import type { Db } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { DialectName } from '../../db/dialect.ts';
import { toCount } from '../../db/dialect.ts';
import * as repo from './repo.ts';

/** Where and how a unit keeps points: its period and whether balances expire with the period. */
export interface PointsSettings {
  unitId: number | null;
  periodKind: PeriodKind;
  boardEnabled: boolean;
  balanceExpires: boolean;
}

export const DEFAULT_SETTINGS: Omit<PointsSettings, 'unitId'> = { periodKind: 'year', boardEnabled: true, balanceExpires: false };

export async function settingsFor(db: Db, unitId: number): Promise<PointsSettings> {
  const row = await repo.nearestSettings(db, unitId);
  if (!row) return { unitId: null, ...DEFAULT_SETTINGS };
  return { unitId: row.unit_id, periodKind: row.period_kind as PeriodKind, boardEnabled: row.board_enabled === 1, balanceExpires: row.balance_expires === 1 };
}

/** The balance bucket an entry of this period feeds: its period when balances expire, else '*'. */
export function bucketFor(settings: PointsSettings, period: string) {
  return settings.balanceExpires ? period : '*';
}

export interface Booking {
  memberId: number;
  /** The member's current unit. */
  unitId: number;
  occurredOn: string;
  account: Account;
  /** Positive, as the user sees it; the sign is the account's. */
  points: number;
  veto?: boolean;
  rule?: { id: number; code: string } | null;
  reason: string;
  source: EntrySource;
  approvedBy: number | null;
  createdBy: number | null;
  now: string;
}

interface Booked {
  id: number;
  period: string;
  bucket: string;
  signed: number;
}

/**
 * Books one entry with its figures. A redemption spends from the balance with a conditional
 * update and fails with points.insufficient_balance rather than overdraw it. Must run inside a
 * transaction. Lock order everywhere: shop order → shop item → tally → balance.
 */
export async function book(db: Db, dialect: DialectName, b: Booking, settings?: PointsSettings, locked?: LockedTally): Promise<Booked> {
  const s = settings ?? (await settingsFor(db, b.unitId));
  const period = periodOf(b.occurredOn, s.periodKind);
  const signed = signedPoints(b.account, b.points);
  return apply(db, dialect, {
    member_id: b.memberId, unit_id: b.unitId, period, occurred_on: b.occurredOn, account: b.account, points: signed, veto: b.veto ? 1 : 0,
    bucket: bucketFor(s, period), rule_id: b.rule?.id ?? null, rule_code: b.rule?.code ?? null, reason: b.reason, source: b.source, reverses_id: null,
    approved_by: b.approvedBy, created_by: b.createdBy, created_at: b.now,
  }, locked);
}

/**
 * Reverses an entry with its mirror image (same account, period and bucket, opposite sign). The
 * database allows one reversal per entry; a reversal itself is never reversed.
 */
export async function reverse(db: Db, dialect: DialectName, entryId: number, r: { reason: string; memberUnitId: number; by: number | null; now: string; source?: EntrySource }) {
  const original = await repo.entryById(db, entryId);
  if (!original) throw new AppError(404, 'error.not_found');
  if (original.reverses_id !== null) throw new AppError(422, 'points.cannot_reverse');
  if (await repo.reversalOf(db, entryId)) throw new AppError(409, 'points.already_reversed');
  return apply(db, dialect, {
    member_id: original.member_id, unit_id: r.memberUnitId, period: original.period, occurred_on: original.occurred_on, account: original.account,
    points: -original.points, veto: -original.veto, bucket: original.bucket, rule_id: original.rule_id, rule_code: original.rule_code,
    reason: r.reason, source: r.source ?? 'correction', reverses_id: original.id, approved_by: r.by, created_by: r.by, created_at: r.now,
  });
}

/** The member's tally row, already locked by the caller in this transaction (see repo.lockTally). */
export type LockedTally = Awaited<ReturnType<typeof repo.lockTally>>;

async function apply(db: Db, dialect: DialectName, e: Parameters<typeof repo.insertEntry>[1] & { points: number; veto: number; period: string; bucket: string; member_id: number; unit_id: number; account: string; created_at: string }, locked?: LockedTally): Promise<Booked> {
  const tally = locked && locked.period === e.period ? locked : await repo.lockTally(db, dialect, e.member_id, e.period, e.unit_id, e.created_at);
  if (e.account === 'redemption' && e.points < 0) {
    if (!(await repo.spendBalance(db, e.member_id, e.bucket, -e.points))) {
      throw new AppError(422, 'points.insufficient_balance', undefined, { price: -e.points, balance: await repo.balanceOf(db, e.member_id, e.bucket) });
    }
  } else if (e.points !== 0) {
    await repo.addToBalance(db, e.member_id, e.bucket, e.points);
  }
  const id = await repo.insertEntry(db, e);
  const next = addTally(fromRow(tally), tallyDelta({ account: e.account as Account, signed: e.points, veto: e.veto }));
  const score = scoreOf(next);
  // The tie-break "earlier reach of the score": the moment the score last changed.
  await repo.writeTally(db, e.member_id, e.period, { ...next, score, reached_at: score !== tally.score ? e.created_at : tally.reached_at });
  return { id, period: e.period, bucket: e.bucket, signed: e.points };
}

/**
 * Books many earned entries (base, bonus, deductions — not redemptions) whose tallies the caller
 * has locked: each entry is inserted, each touched tally and balance written once. The figures
 * follow the same rules as `book`, entry by entry.
 */
export async function bookMany(db: Db, bookings: Array<Booking & { settings: PointsSettings }>, locked: Map<string, LockedTally>) {
  const tallies = new Map<string, { row: LockedTally; tally: Tally; score: number; reachedAt: string }>();
  const balances = new Map<string, { memberId: number; bucket: string; delta: number }>();
  const ids: number[] = [];
  for (const b of bookings) {
    if (b.account === 'redemption') throw new Error('bookMany books earned points only');
    const period = periodOf(b.occurredOn, b.settings.periodKind);
    const bucket = bucketFor(b.settings, period);
    const signed = signedPoints(b.account, b.points);
    const key = `${b.memberId}|${period}`;
    const row = locked.get(key);
    if (!row) throw new Error(`tally ${key} was not locked`);
    ids.push(await repo.insertEntry(db, {
      member_id: b.memberId, unit_id: b.unitId, period, occurred_on: b.occurredOn, account: b.account, points: signed, veto: b.veto ? 1 : 0, bucket,
      rule_id: b.rule?.id ?? null, rule_code: b.rule?.code ?? null, reason: b.reason, source: b.source, reverses_id: null, approved_by: b.approvedBy, created_by: b.createdBy, created_at: b.now,
    }));
    const t = tallies.get(key) ?? { row, tally: fromRow(row), score: row.score, reachedAt: row.reached_at };
    const tally = addTally(t.tally, tallyDelta({ account: b.account, signed, veto: b.veto ? 1 : 0 }));
    const score = scoreOf(tally);
    tallies.set(key, { row, tally, score, reachedAt: score !== t.score ? b.now : t.reachedAt });
    const bkey = `${b.memberId}|${bucket}`;
    balances.set(bkey, { memberId: b.memberId, bucket, delta: (balances.get(bkey)?.delta ?? 0) + signed });
  }
  for (const t of tallies.values()) await repo.writeTally(db, t.row.member_id, t.row.period, { ...t.tally, score: t.score, reached_at: t.reachedAt });
  for (const b of balances.values()) if (b.delta !== 0) await repo.addToBalance(db, b.memberId, b.bucket, b.delta);
  return ids;
}

function fromRow(t: { base: number; bonus: number; deduction: number; redeemed: number; vetoes: number }): Tally {
  return { base: t.base, bonus: t.bonus, deduction: t.deduction, redeemed: t.redeemed, vetoes: t.vetoes };
}

/** A member's figures for a period: score for ranking, balance for spending. */
export async function figures(db: Db, memberId: number, period: string, bucket: string) {
  const t = await repo.tallyOf(db, memberId, period);
  const tally = t ? fromRow(t) : { base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0 };
  return { period, ...tally, vetoed: tally.vetoes > 0, score: scoreOf(tally), earned: balanceFrom({ ...tally, redeemed: 0 }), balance: await repo.balanceOf(db, memberId, bucket) };
}

export interface Drift {
  kind: 'tally' | 'balance' | 'unit';
  memberId: number;
  key: string;
  stored: unknown;
  fromLedger: unknown;
}

/**
 * Recomputes every figure from the ledger, a slice of members at a time (bounded memory at 10
 * million entries), and reports any difference. There must be none.
 */
export async function verify(db: Db, onProgress?: (done: number, total: number) => void) {
  const drifts: Drift[] = [];
  const bounds = await db.selectFrom('member').select((eb) => [eb.fn.min<number>('id').as('lo'), eb.fn.max<number>('id').as('hi')]).executeTakeFirst();
  const lo = toCount(bounds?.lo);
  const hi = toCount(bounds?.hi);
  const SLICE = 20_000;
  let entries = 0;
  for (let from = lo; from <= hi; from += SLICE) {
    const to = from + SLICE;
    const sums = await db
      .selectFrom('points_entry')
      .select(['member_id', 'period', 'account', 'bucket', (eb) => eb.fn.sum<number>('points').as('points'), (eb) => eb.fn.sum<number>('veto').as('veto'), (eb) => eb.fn.countAll().as('n')])
      .where('member_id', '>=', from)
      .where('member_id', '<', to)
      .groupBy(['member_id', 'period', 'account', 'bucket'])
      .execute();
    const expectedTally = new Map<string, Tally>();
    const expectedBalance = new Map<string, number>();
    for (const s of sums) {
      entries += toCount(s.n);
      const key = `${s.member_id}|${s.period}`;
      expectedTally.set(key, addTally(expectedTally.get(key) ?? { base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0 }, tallyDelta({ account: s.account as Account, signed: toCount(s.points), veto: toCount(s.veto) })));
      const bkey = `${s.member_id}|${s.bucket}`;
      expectedBalance.set(bkey, (expectedBalance.get(bkey) ?? 0) + toCount(s.points));
    }
    const stored = await db
      .selectFrom('points_tally as t')
      .innerJoin('member as m', 'm.id', 't.member_id')
      .select(['t.member_id', 't.period', 't.base', 't.bonus', 't.deduction', 't.redeemed', 't.vetoes', 't.score', 't.unit_id', 'm.unit_id as member_unit_id'])
      .where('t.member_id', '>=', from)
      .where('t.member_id', '<', to)
      .execute();
    const seen = new Set<string>();
    for (const t of stored) {
      const key = `${t.member_id}|${t.period}`;
      seen.add(key);
      const want = expectedTally.get(key) ?? { base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0 };
      const have = fromRow(t);
      if (JSON.stringify(have) !== JSON.stringify(want) || t.score !== scoreOf(want)) drifts.push({ kind: 'tally', memberId: t.member_id, key: t.period, stored: { ...have, score: t.score }, fromLedger: { ...want, score: scoreOf(want) } });
      if (t.unit_id !== t.member_unit_id) drifts.push({ kind: 'unit', memberId: t.member_id, key: t.period, stored: t.unit_id, fromLedger: t.member_unit_id });
    }
    for (const [key, want] of expectedTally) {
      if (!seen.has(key)) drifts.push({ kind: 'tally', memberId: Number(key.split('|')[0]), key: key.split('|')[1], stored: null, fromLedger: want });
    }
    const balances = await db.selectFrom('points_balance').selectAll().where('member_id', '>=', from).where('member_id', '<', to).execute();
    const seenBalance = new Set<string>();
    for (const b of balances) {
      const key = `${b.member_id}|${b.bucket}`;
      seenBalance.add(key);
      const want = expectedBalance.get(key) ?? 0;
      if (b.balance !== want) drifts.push({ kind: 'balance', memberId: b.member_id, key: b.bucket, stored: b.balance, fromLedger: want });
    }
    for (const [key, want] of expectedBalance) {
      if (!seenBalance.has(key) && want !== 0) drifts.push({ kind: 'balance', memberId: Number(key.split('|')[0]), key: key.split('|')[1], stored: null, fromLedger: want });
    }
    onProgress?.(Math.min(to, hi + 1) - lo, hi + 1 - lo);
  }
  return { entries, drifts };
}
