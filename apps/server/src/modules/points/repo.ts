// Every SQL statement of the points module: settings, rules, the ledger and its figures, claims,
// evidence, lists, tasks, the shop and the plaque.
import { sql } from 'kysely';
import type { Db } from '../../core/context.ts';
import { forUpdate, toCount, type DialectName } from '../../db/dialect.ts';
import type { PointsEntryTable, PointsRuleTable } from '../../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';

export type RuleRow = Selectable<PointsRuleTable>;
export type EntryRow = Selectable<PointsEntryTable>;

// ——— settings and rules, inherited down the tree ———

/** The settings row of the unit or its nearest ancestor that has one. */
export function nearestSettings(db: Db, unitId: number) {
  return db
    .selectFrom('points_settings as s')
    .innerJoin('unit_closure as c', 'c.ancestor_id', 's.unit_id')
    .select(['s.unit_id', 's.period_kind', 's.board_enabled', 's.balance_expires', 'c.depth'])
    .where('c.descendant_id', '=', unitId)
    .orderBy('c.depth')
    .limit(1)
    .executeTakeFirst();
}

export async function saveSettings(db: Db, unitId: number, values: { period_kind: string; board_enabled: number; balance_expires: number }, now: string) {
  await db
    .insertInto('points_settings')
    .values({ unit_id: unitId, ...values, updated_at: now })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();
}

/** Every rule row of the unit and its ancestors, nearest first within each code. */
export function rulesAbove(db: Db, unitId: number) {
  return db
    .selectFrom('points_rule as r')
    .innerJoin('unit_closure as c', 'c.ancestor_id', 'r.unit_id')
    .selectAll('r')
    .select('c.depth')
    .where('c.descendant_id', '=', unitId)
    .orderBy('r.code')
    .orderBy('c.depth')
    .execute();
}

export function ruleById(db: Db, id: number) {
  return db.selectFrom('points_rule').selectAll().where('id', '=', id).executeTakeFirst();
}

export function ruleByCode(db: Db, unitId: number, code: string) {
  return db.selectFrom('points_rule').selectAll().where('unit_id', '=', unitId).where('code', '=', code).executeTakeFirst();
}

export async function insertRules(db: Db, rows: Array<Insertable<PointsRuleTable>>) {
  if (rows.length === 0) return [];
  return db.insertInto('points_rule').values(rows).returning('id').execute();
}

export function updateRule(db: Db, id: number, values: Partial<Insertable<PointsRuleTable>>) {
  return db.updateTable('points_rule').set(values).where('id', '=', id).execute();
}

// ——— the ledger ———

export async function insertEntry(db: Db, entry: Insertable<PointsEntryTable>) {
  const row = await db.insertInto('points_entry').values(entry).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function entryById(db: Db, id: number) {
  return db.selectFrom('points_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

export function reversalOf(db: Db, id: number) {
  return db.selectFrom('points_entry').select('id').where('reverses_id', '=', id).executeTakeFirst();
}

/**
 * Locks the member's figures for a period (creating the row if needed), so that checks of caps and
 * the booking after them cannot interleave with another booking for the same member and period.
 */
export async function lockTally(db: Db, dialect: DialectName, memberId: number, period: string, unitId: number, now: string) {
  await db
    .insertInto('points_tally')
    .values({ member_id: memberId, period, unit_id: unitId, base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0, score: 0, reached_at: now })
    .onConflict((oc) => oc.columns(['member_id', 'period']).doNothing())
    .execute();
  return forUpdate(db.selectFrom('points_tally').selectAll().where('member_id', '=', memberId).where('period', '=', period), dialect).executeTakeFirstOrThrow();
}

/** lockTally for many (member, period) pairs at once, in a fixed order so that batches cannot deadlock. */
export async function lockTallies(db: Db, dialect: DialectName, pairs: Array<{ memberId: number; period: string; unitId: number }>, now: string) {
  const locked = new Map<string, Awaited<ReturnType<typeof lockTally>>>();
  if (pairs.length === 0) return locked;
  const unique = [...new Map(pairs.map((p) => [`${p.memberId}|${p.period}`, p])).values()].sort((a, b) => a.memberId - b.memberId || (a.period < b.period ? -1 : 1));
  for (let i = 0; i < unique.length; i += 500) {
    await db
      .insertInto('points_tally')
      .values(unique.slice(i, i + 500).map((p) => ({ member_id: p.memberId, period: p.period, unit_id: p.unitId, base: 0, bonus: 0, deduction: 0, redeemed: 0, vetoes: 0, score: 0, reached_at: now })))
      .onConflict((oc) => oc.columns(['member_id', 'period']).doNothing())
      .execute();
  }
  const members = [...new Set(unique.map((p) => p.memberId))];
  const periods = [...new Set(unique.map((p) => p.period))];
  for (let i = 0; i < members.length; i += 500) {
    const rows = await forUpdate(
      db.selectFrom('points_tally').selectAll().where('member_id', 'in', members.slice(i, i + 500)).where('period', 'in', periods).orderBy('member_id').orderBy('period'),
      dialect,
    ).execute();
    for (const r of rows) locked.set(`${r.member_id}|${r.period}`, r);
  }
  return locked;
}

/** What members already received under some rules: for checking caps and cycles of a batch in memory. */
export function ruleHistory(db: Db, memberIds: number[], ruleCodes: string[]) {
  if (memberIds.length === 0 || ruleCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('points_entry')
    .select(['member_id', 'rule_code', 'period', 'occurred_on', 'points', 'reverses_id'])
    .where('member_id', 'in', memberIds)
    .where('rule_code', 'in', ruleCodes)
    .execute();
}

export function writeTally(db: Db, memberId: number, period: string, values: { base: number; bonus: number; deduction: number; redeemed: number; vetoes: number; score: number; reached_at: string }) {
  return db.updateTable('points_tally').set(values).where('member_id', '=', memberId).where('period', '=', period).execute();
}

/** Adds to a balance (creating it). Earning, refunds and corrections come this way. */
export async function addToBalance(db: Db, memberId: number, bucket: string, delta: number) {
  await db
    .insertInto('points_balance')
    .values({ member_id: memberId, bucket, balance: delta })
    .onConflict((oc) => oc.columns(['member_id', 'bucket']).doUpdateSet((eb) => ({ balance: eb('points_balance.balance', '+', delta) })))
    .execute();
}

/**
 * Spends from a balance only if it covers the amount: one conditional statement, so that no
 * interleaving of concurrent redemptions can take it below zero. False when it does not cover it.
 */
export async function spendBalance(db: Db, memberId: number, bucket: string, amount: number) {
  const res = await db
    .updateTable('points_balance')
    .set((eb) => ({ balance: eb('balance', '-', amount) }))
    .where('member_id', '=', memberId)
    .where('bucket', '=', bucket)
    .where('balance', '>=', amount)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function balanceOf(db: Db, memberId: number, bucket: string) {
  const row = await db.selectFrom('points_balance').select('balance').where('member_id', '=', memberId).where('bucket', '=', bucket).executeTakeFirst();
  return row?.balance ?? 0;
}

/** Points booked under a rule to a member in a period, and awards inside a cycle window. */
export async function ruleUsage(db: Db, memberId: number, ruleCode: string, period: string, cycle: { from: string; to: string } | null) {
  const inPeriod = await db
    .selectFrom('points_entry')
    .select((eb) => eb.fn.sum<number>('points').as('n'))
    .where('member_id', '=', memberId)
    .where('rule_code', '=', ruleCode)
    .where('period', '=', period)
    .executeTakeFirst();
  let inCycle = 0;
  if (cycle) {
    // Awards less their reversals: a reversed award frees its place in the cycle.
    const row = await db
      .selectFrom('points_entry')
      .select((eb) => eb.fn.sum<number>(sql`CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END`).as('n'))
      .where('member_id', '=', memberId)
      .where('rule_code', '=', ruleCode)
      .where('occurred_on', '>=', cycle.from)
      .where('occurred_on', '<=', cycle.to)
      .executeTakeFirst();
    inCycle = toCount(row?.n);
  }
  return { inPeriod: Math.abs(toCount(inPeriod?.n)), inCycle };
}

export function tallyOf(db: Db, memberId: number, period: string) {
  return db.selectFrom('points_tally').selectAll().where('member_id', '=', memberId).where('period', '=', period).executeTakeFirst();
}

export function tallies(db: Db, memberId: number) {
  return db.selectFrom('points_tally').selectAll().where('member_id', '=', memberId).orderBy('period', 'desc').execute();
}

export function balances(db: Db, memberId: number) {
  return db.selectFrom('points_balance').selectAll().where('member_id', '=', memberId).execute();
}

/** A member's ledger, newest first, with rule names and whether each entry was reversed. */
export function memberEntries(db: Db, memberId: number, opts: { period?: string; limit: number; offset: number }) {
  return db
    .selectFrom('points_entry as e')
    .leftJoin('points_rule as r', 'r.id', 'e.rule_id')
    .leftJoin('points_entry as rev', 'rev.reverses_id', 'e.id')
    .selectAll('e')
    .select(['r.name as rule_name', 'rev.id as reversed_by'])
    .where('e.member_id', '=', memberId)
    .$if(!!opts.period, (q) => q.where('e.period', '=', opts.period!))
    .orderBy('e.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export async function countMemberEntries(db: Db, memberId: number, period?: string) {
  const row = await db
    .selectFrom('points_entry')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('member_id', '=', memberId)
    .$if(!!period, (q) => q.where('period', '=', period!))
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Moves a member's figures with them on a transfer (组织关系转接): boards read tallies by unit. */
export function moveTallies(db: Db, memberId: number, unitId: number) {
  return db.updateTable('points_tally').set({ unit_id: unitId }).where('member_id', '=', memberId).execute();
}
