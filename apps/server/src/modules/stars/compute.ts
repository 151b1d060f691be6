// Stars from the ledger: the scheme in force for a member's unit, the member's entries of the
// period summed by account and rule, and the domain's evaluateStars. Used for the preview, for a
// member's "点亮一颗星" progress, and when a campaign opens (the computed stars of every candidate).
import { DEFAULT_STAR_SCHEME, evaluateStars, periodRange, type LedgerAggregate, type StarEvaluation, type StarScheme } from '@xianfeng/domain';
import { sql } from 'kysely';
import type { Db } from '../../core/context.ts';
import { toCount } from '../../db/dialect.ts';

/** Members per aggregate query in a batch: bounded IN lists, and progress between chunks. */
export const BATCH_CHUNK = 2000;

export function parseScheme(config: string): StarScheme {
  return JSON.parse(config) as StarScheme;
}

/** The scheme row of the unit or its nearest ancestor for the period, else the shipped default. */
export async function schemeFor(db: Db, unitId: number, period: string): Promise<{ scheme: StarScheme; unitId: number | null }> {
  const row = await db
    .selectFrom('star_scheme as s')
    .innerJoin('unit_closure as c', 'c.ancestor_id', 's.unit_id')
    .select(['s.unit_id', 's.config'])
    .where('c.descendant_id', '=', unitId)
    .where('s.period', '=', period)
    .orderBy('c.depth')
    .limit(1)
    .executeTakeFirst();
  return row ? { scheme: parseScheme(row.config), unitId: row.unit_id } : { scheme: DEFAULT_STAR_SCHEME, unitId: null };
}

/**
 * The scheme in force for each of the given units (nearest ancestor's row for the period), in
 * one query: a subtree rarely has more than a handful of scheme rows.
 */
export async function schemesForUnits(db: Db, unitIds: number[], period: string): Promise<Map<number, StarScheme>> {
  const out = new Map<number, StarScheme>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('star_scheme as s')
    .innerJoin('unit_closure as c', 'c.ancestor_id', 's.unit_id')
    .select(['c.descendant_id', 'c.depth', 's.config'])
    .where('s.period', '=', period)
    .where('c.descendant_id', 'in', unitIds)
    .execute();
  const nearest = new Map<number, { depth: number; config: string }>();
  for (const r of rows) {
    const seen = nearest.get(r.descendant_id);
    if (!seen || r.depth < seen.depth) nearest.set(r.descendant_id, { depth: r.depth, config: r.config });
  }
  const parsed = new Map<string, StarScheme>();
  for (const id of unitIds) {
    const hit = nearest.get(id);
    if (!hit) out.set(id, DEFAULT_STAR_SCHEME);
    else {
      if (!parsed.has(hit.config)) parsed.set(hit.config, parseScheme(hit.config));
      out.set(id, parsed.get(hit.config)!);
    }
  }
  return out;
}

/**
 * The ledger of the period for these members, summed by account and rule code. The period is
 * read as a date range, so a unit that keeps quarters still has its year evaluated whole; a
 * reversal counts as minus one award. Every entry of those dates was booked to a period of the
 * same year ('2026', '2026-Q1', '2026-03' all sort between '2026' and '2027'), so that range on
 * the (member_id, period) index skips other years' entries before their rows are read: about a
 * third less work for a batch over a ledger that keeps last year.
 */
export async function aggregates(db: Db, memberIds: number[], period: string): Promise<Map<number, LedgerAggregate>> {
  const out = new Map<number, { rows: LedgerAggregate['rows'][number][]; vetoes: number }>();
  for (const id of memberIds) out.set(id, { rows: [], vetoes: 0 });
  if (memberIds.length === 0) return out;
  const { from, to } = periodRange(period);
  const year = from.slice(0, 4);
  const rows = await db
    .selectFrom('points_entry')
    .select([
      'member_id',
      'account',
      'rule_code',
      (eb) => eb.fn.sum<number>('points').as('points'),
      sql<number>`SUM(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END)`.as('entries'),
      (eb) => eb.fn.sum<number>('veto').as('vetoes'),
    ])
    .where('member_id', 'in', memberIds)
    .where('period', '>=', year)
    .where('period', '<', String(Number(year) + 1))
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .where('account', '!=', 'redemption')
    .groupBy(['member_id', 'account', 'rule_code'])
    .execute();
  for (const r of rows) {
    const agg = out.get(r.member_id)!;
    agg.rows.push({ account: r.account, ruleCode: r.rule_code, points: toCount(r.points), entries: toCount(r.entries) });
    agg.vetoes += toCount(r.vetoes);
  }
  return out;
}

/** Evaluates members (id and unit) against the schemes of their units. */
export async function evaluateMembers(db: Db, members: { id: number; unit_id: number }[], period: string): Promise<Map<number, StarEvaluation>> {
  const [schemes, aggs] = await Promise.all([
    schemesForUnits(db, [...new Set(members.map((m) => m.unit_id))], period),
    aggregates(db, members.map((m) => m.id), period),
  ]);
  const out = new Map<number, StarEvaluation>();
  for (const m of members) out.set(m.id, evaluateStars(schemes.get(m.unit_id)!, aggs.get(m.id)!));
  return out;
}

/** One member, right after a new ledger entry or for their own page. */
export async function evaluateMember(db: Db, memberId: number, period: string): Promise<StarEvaluation | null> {
  const member = await db.selectFrom('member').select(['id', 'unit_id']).where('id', '=', memberId).executeTakeFirst();
  if (!member) return null;
  return (await evaluateMembers(db, [member], period)).get(memberId)!;
}

/**
 * Every member of a subtree, in chunks (ordered by id so a run is repeatable); `onChunk` receives
 * each chunk's results so callers can write them out or report progress without holding 200,000
 * evaluations at once.
 */
export async function evaluateSubtree(
  db: Db,
  unitId: number,
  period: string,
  onChunk: (results: Map<number, StarEvaluation>, done: number, total: number) => Promise<void> | void,
): Promise<number> {
  const members = await db
    .selectFrom('member')
    .select(['id', 'unit_id'])
    .where('unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId))
    .orderBy('id')
    .execute();
  const evaluate = (i: number) => evaluateMembers(db, members.slice(i, i + BATCH_CHUNK), period);
  // One chunk ahead: the database reads the next chunk while the caller handles this one.
  let next = members.length ? evaluate(0) : null;
  for (let i = 0; next; i += BATCH_CHUNK) {
    const results = await next;
    next = i + BATCH_CHUNK < members.length ? evaluate(i + BATCH_CHUNK) : null;
    try {
      await onChunk(results, Math.min(i + BATCH_CHUNK, members.length), members.length);
    } catch (e) {
      next?.catch(() => undefined);
      throw e;
    }
  }
  return members.length;
}
