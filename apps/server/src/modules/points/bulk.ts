// Loading whole ledgers at once — demo data, benchmarks, records carried over from paper — for
// members who have no points yet. The figures are computed with the same domain functions `book`
// uses, entry by entry in time order, so `verify` finds them consistent.
import { addTally, periodOf, scoreOf, signedPoints, tallyDelta, type Account, type EntrySource, type PeriodKind, type Tally } from '@xianfeng/domain';
import type { Db } from '../../core/context.ts';

export interface BulkEntry {
  memberId: number;
  unitId: number;
  occurredOn: string;
  account: Exclude<Account, 'redemption'>;
  /** Positive, as the user sees it. */
  points: number;
  veto?: boolean;
  rule: { id: number; code: string } | null;
  reason: string;
  source: EntrySource;
  createdAt: string;
}

/** The tables a bulk load fills, whose planner statistics it should refresh. */
export const POINTS_BULK_TABLES = ['points_entry', 'points_tally', 'points_balance', 'points_claim', 'shop_item', 'shop_order', 'service_task', 'conduct_ack'];

const EMPTY: Tally = { base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0 };

export async function loadLedgers(db: Db, entries: BulkEntry[], settings: { periodKind: PeriodKind; balanceExpires: boolean }, approvedBy: number | null = null) {
  const sorted = [...entries].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const tallies = new Map<string, { memberId: number; unitId: number; period: string; tally: Tally; score: number; reachedAt: string }>();
  const balances = new Map<string, number>();
  const rows = sorted.map((e) => {
    const period = periodOf(e.occurredOn, settings.periodKind);
    const bucket = settings.balanceExpires ? period : '*';
    const signed = signedPoints(e.account, e.points);
    const key = `${e.memberId}|${period}`;
    const t = tallies.get(key) ?? { memberId: e.memberId, unitId: e.unitId, period, tally: EMPTY, score: 0, reachedAt: e.createdAt };
    const tally = addTally(t.tally, tallyDelta({ account: e.account, signed, veto: e.veto ? 1 : 0 }));
    const score = scoreOf(tally);
    tallies.set(key, { ...t, tally, score, reachedAt: score !== t.score ? e.createdAt : t.reachedAt });
    balances.set(`${e.memberId}|${bucket}`, (balances.get(`${e.memberId}|${bucket}`) ?? 0) + signed);
    return {
      member_id: e.memberId, unit_id: e.unitId, period, occurred_on: e.occurredOn, account: e.account, points: signed, veto: e.veto ? 1 : 0, bucket,
      rule_id: e.rule?.id ?? null, rule_code: e.rule?.code ?? null, reason: e.reason, source: e.source, reverses_id: null, approved_by: approvedBy, created_by: approvedBy,
      created_at: e.createdAt,
    };
  });
  // 17 columns: 1,000 rows stay below SQLite's 32,766 bound parameters per statement.
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('points_entry').values(rows.slice(i, i + 1000)).execute();
  const tallyRows = [...tallies.values()].map((t) => ({ member_id: t.memberId, period: t.period, unit_id: t.unitId, ...t.tally, score: t.score, reached_at: t.reachedAt }));
  for (let i = 0; i < tallyRows.length; i += 2000) await db.insertInto('points_tally').values(tallyRows.slice(i, i + 2000)).execute();
  const balanceRows = [...balances].map(([key, balance]) => ({ member_id: Number(key.split('|')[0]), bucket: key.split('|')[1], balance }));
  for (let i = 0; i < balanceRows.length; i += 5000) await db.insertInto('points_balance').values(balanceRows.slice(i, i + 5000)).execute();
  return { entries: rows.length, tallies: tallyRows.length };
}
