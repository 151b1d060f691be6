// Every SQL statement of the commitments module: commitments and their progress updates, the
// member cards, who may see them, and the comparison (比作风、比贡献) built from the points ledger.
import { sql } from 'kysely';
import type { Db } from '../../core/context.ts';
import { type DialectName, forUpdate, likeText, toCount } from '../../db/dialect.ts';
import type { CompareSort } from './schemas.ts';

/** Units whose residents a member serves: a card is seen across the whole village or community. */
export const COMMUNITY_KINDS = ['village', 'community'];

// ——— commitments ———

export function commitmentOf(db: Db, dialect: DialectName, memberId: number, year: string, lock = false) {
  const q = db.selectFrom('commitment').selectAll().where('member_id', '=', memberId).where('year', '=', year);
  return (lock ? forUpdate(q, dialect) : q).executeTakeFirst();
}

/** Publishes a commitment, or (when a concurrent publish won the race) revises that one. */
export async function upsertCommitment(db: Db, memberId: number, year: string, content: string, now: string) {
  const row = await db
    .insertInto('commitment')
    .values({ member_id: memberId, year, content, published_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['member_id', 'year']).doUpdateSet({ content, updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function reviseCommitment(db: Db, id: number, content: string, now: string) {
  return db.updateTable('commitment').set({ content, updated_at: now }).where('id', '=', id).execute();
}

export async function insertUpdate(db: Db, commitmentId: number, content: string, createdBy: number, now: string) {
  const row = await db
    .insertInto('commitment_update')
    .values({ commitment_id: commitmentId, content, created_by: createdBy, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countUpdates(db: Db, commitmentId: number) {
  const row = await db.selectFrom('commitment_update').select((eb) => eb.fn.countAll().as('n')).where('commitment_id', '=', commitmentId).executeTakeFirst();
  return toCount(row?.n);
}

/** Updates of some commitments, oldest first, with the author's member record (to tell a proxy entry). */
export function updatesOf(db: Db, commitmentIds: number[], latestOnly: boolean) {
  if (commitmentIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('commitment_update as cu')
    .leftJoin('app_user as a', 'a.id', 'cu.created_by')
    .select(['cu.id', 'cu.commitment_id', 'cu.content', 'cu.created_at', 'a.member_id as author_member_id'])
    .where('cu.commitment_id', 'in', commitmentIds);
  if (latestOnly) {
    q = q.where('cu.id', 'in', db.selectFrom('commitment_update').select((eb) => eb.fn.max('id').as('id')).where('commitment_id', 'in', commitmentIds).groupBy('commitment_id'));
  }
  return q.orderBy('cu.id').execute();
}

export async function updateCounts(db: Db, commitmentIds: number[]) {
  const counts = new Map<number, number>();
  if (commitmentIds.length === 0) return counts;
  const rows = await db
    .selectFrom('commitment_update')
    .select(['commitment_id', (eb) => eb.fn.countAll().as('n')])
    .where('commitment_id', 'in', commitmentIds)
    .groupBy('commitment_id')
    .execute();
  for (const r of rows) counts.set(r.commitment_id, toCount(r.n));
  return counts;
}

/** Each member's stars of the latest period that has them (optionally: no later than `before`). */
export async function latestStars(db: Db, memberIds: number[], before?: string) {
  const latest = new Map<number, { period: string; stars: string; star_count: number }>();
  if (memberIds.length === 0) return latest;
  const rows = await db
    .selectFrom('member_star')
    .select(['member_id', 'period', 'stars', 'star_count'])
    .where('member_id', 'in', memberIds)
    .$if(before !== undefined, (q) => q.where('period', '<', before!))
    .orderBy('member_id')
    .orderBy('period', 'desc')
    .execute();
  for (const r of rows) if (!latest.has(r.member_id)) latest.set(r.member_id, r);
  return latest;
}

// ——— cards ———

const cardColumns = [
  'm.id', 'm.name', 'm.status', 'm.join_date', 'u.id as unit_id', 'u.name as unit_name',
  'c.id as commitment_id', 'c.content', 'c.published_at', 'c.updated_at',
] as const;

function cardBase(db: Db, year: string) {
  return db
    .selectFrom('member as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin('commitment as c', (j) => j.onRef('c.member_id', '=', 'm.id').on('c.year', '=', year));
}

export type CardRow = Awaited<ReturnType<typeof cardById>> & object;

export function cardById(db: Db, memberId: number, year: string) {
  return cardBase(db, year).select(cardColumns).where('m.id', '=', memberId).executeTakeFirst();
}

/** Cards of a subtree: members who published this year's commitment first, then by unit and name. */
export async function cardsUnder(db: Db, dialect: DialectName, q: { unitId: number; year: string; name?: string; limit: number; offset: number }) {
  let base = cardBase(db, q.year).where('m.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId));
  if (q.name) base = base.where(likeText(dialect, 'm.name', q.name, 'contains'));
  const [rows, total] = await Promise.all([
    base
      .select(cardColumns)
      .orderBy(sql`CASE WHEN ${sql.ref('c.id')} IS NULL THEN 1 ELSE 0 END`)
      .orderBy('u.code')
      .orderBy('m.name_pinyin')
      .orderBy('m.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total?.n) };
}

export function unitById(db: Db, id: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

/**
 * Whether a unit lies inside one of `roots`' subtrees, or inside a village or community that
 * holds one of `roots`. One indexed look-up on the closure table.
 */
export async function reachesUnit(db: Db, roots: number[], unitId: number) {
  if (roots.length === 0) return false;
  const row = await db
    .selectFrom('unit_closure as up')
    .select('up.ancestor_id')
    .where('up.descendant_id', '=', unitId)
    .where((eb) =>
      eb.or([
        eb('up.ancestor_id', 'in', roots),
        eb.and([
          eb('up.ancestor_id', 'in', eb.selectFrom('unit').select('unit.id').where('unit.kind', 'in', COMMUNITY_KINDS)),
          eb.exists(eb.selectFrom('unit_closure as down').select('down.depth').whereRef('down.ancestor_id', '=', 'up.ancestor_id').where('down.descendant_id', 'in', roots)),
        ]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The nearest village or community at or above a unit, if any. */
export function communityOf(db: Db, unitId: number) {
  return db
    .selectFrom('unit_closure as c')
    .innerJoin('unit as u', 'u.id', 'c.ancestor_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind'])
    .where('c.descendant_id', '=', unitId)
    .where('u.kind', 'in', COMMUNITY_KINDS)
    .orderBy('c.depth')
    .limit(1)
    .executeTakeFirst();
}

export function firstRootUnit(db: Db) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'kind']).where('parent_id', 'is', null).where('archived_at', 'is', null).orderBy('code').limit(1).executeTakeFirst();
}

// ——— the comparison ———

export interface CompareFilter {
  unitId: number;
  year: number;
  sort: CompareSort;
  order: 'asc' | 'desc';
}

/**
 * One row per member of the subtree with the year's figures. Periods of every kind that fall in the
 * year are summed ('2026' ≤ '2026-Q1', '2026-03' < '2027' as text). Violations and verified tasks
 * whose ledger entry was reversed do not count, so the counts agree with the points.
 */
function compareBase(db: Db, f: CompareFilter) {
  const from = String(f.year);
  const to = String(f.year + 1);
  const firstDay = `${f.year}-01-01`;
  const lastDay = `${f.year}-12-31`;
  const members = db.selectFrom('member').select('member.id').where('member.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', f.unitId));

  const tally = db
    .selectFrom('points_tally')
    .select((eb) => [
      'points_tally.member_id',
      eb.fn.sum<number>('base').as('base'),
      eb.fn.sum<number>('bonus').as('bonus'),
      eb.fn.sum<number>('deduction').as('deduction'),
      eb.fn.sum<number>('score').as('score'),
      eb.fn.sum<number>('vetoes').as('vetoes'),
    ])
    .where('period', '>=', from)
    .where('period', '<', to)
    .where('points_tally.member_id', 'in', members)
    .groupBy('points_tally.member_id');
  const violations = db
    .selectFrom('points_violation as v')
    .select((eb) => ['v.member_id', eb.fn.countAll().as('n')])
    .where('v.occurred_on', '>=', firstDay)
    .where('v.occurred_on', '<=', lastDay)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('points_entry as rev').select('rev.id').whereRef('rev.reverses_id', '=', 'v.entry_id'))))
    .where('v.member_id', 'in', members)
    .groupBy('v.member_id');
  const tasks = db
    .selectFrom('task_claim as tc')
    .innerJoin('points_entry as e', 'e.id', 'tc.entry_id')
    .select((eb) => ['tc.member_id', eb.fn.countAll().as('n')])
    .where('tc.status', '=', 'verified')
    .where('e.occurred_on', '>=', firstDay)
    .where('e.occurred_on', '<=', lastDay)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('points_entry as rev').select('rev.id').whereRef('rev.reverses_id', '=', 'e.id'))))
    .where('tc.member_id', 'in', members)
    .groupBy('tc.member_id');
  const updates = db
    .selectFrom('commitment_update as cu')
    .innerJoin('commitment as cc', 'cc.id', 'cu.commitment_id')
    .select((eb) => ['cu.commitment_id', eb.fn.countAll().as('n')])
    .where('cc.year', '=', from)
    .where('cc.member_id', 'in', members)
    .groupBy('cu.commitment_id');

  return db
    .selectFrom('member as m')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin(tally.as('t'), 't.member_id', 'm.id')
    .leftJoin(violations.as('vi'), 'vi.member_id', 'm.id')
    .leftJoin(tasks.as('ta'), 'ta.member_id', 'm.id')
    .leftJoin('commitment as c', (j) => j.onRef('c.member_id', '=', 'm.id').on('c.year', '=', from))
    .leftJoin(updates.as('up'), 'up.commitment_id', 'c.id')
    .where('m.id', 'in', members)
    .select((eb) => [
      'm.id as member_id', 'm.name', 'm.name_pinyin', 'u.name as unit_name', 'u.code as unit_code', 'c.content', 'c.updated_at',
      eb.fn.coalesce('t.base', sql.lit(0)).as('base'),
      eb.fn.coalesce('t.bonus', sql.lit(0)).as('bonus'),
      eb.fn.coalesce('t.deduction', sql.lit(0)).as('deduction'),
      eb.fn.coalesce('t.score', sql.lit(0)).as('score'),
      eb.fn.coalesce('t.vetoes', sql.lit(0)).as('vetoes'),
      eb.fn.coalesce('vi.n', sql.lit(0)).as('violations'),
      eb.fn.coalesce('ta.n', sql.lit(0)).as('tasks'),
      eb.fn.coalesce('up.n', sql.lit(0)).as('updates'),
      sql<number>`CASE WHEN ${sql.ref('c.id')} IS NULL THEN 0 ELSE 1 END`.as('committed'),
      eb.fn
        .coalesce(
          eb.selectFrom('member_star as ms').select('ms.star_count').whereRef('ms.member_id', '=', 'm.id').where('ms.period', '<', to).orderBy('ms.period', 'desc').limit(1),
          sql.lit(0),
        )
        .as('stars'),
      eb.selectFrom('member_star as ms2').select('ms2.stars').whereRef('ms2.member_id', '=', 'm.id').where('ms2.period', '<', to).orderBy('ms2.period', 'desc').limit(1).as('star_codes'),
    ]);
}

export async function compareRows(db: Db, f: CompareFilter, page: { limit: number; offset: number }) {
  const direction = f.order;
  let q = compareBase(db, f);
  // Sorted by the output column; ties always by name, so pages never overlap.
  q = f.sort === 'name' ? q.orderBy('m.name_pinyin', direction) : q.orderBy(sql.ref(f.sort), direction).orderBy('m.name_pinyin');
  const rows = await q.orderBy('m.id').limit(page.limit).offset(page.offset).execute();
  return rows.map((r) => ({
    memberId: r.member_id, name: r.name, unitName: r.unit_name, content: r.content, commitmentUpdatedAt: r.updated_at,
    base: Number(r.base), bonus: Number(r.bonus), deduction: Number(r.deduction), score: Number(r.score), vetoed: Number(r.vetoes) > 0,
    violations: toCount(r.violations), tasks: toCount(r.tasks), updates: toCount(r.updates), committed: Number(r.committed) === 1,
    stars: Number(r.stars), starCodes: r.star_codes ?? null,
  }));
}

/** Members of the subtree, how many published this year's commitment, and their updates. */
export async function compareSummary(db: Db, unitId: number, year: number) {
  const members = db.selectFrom('member').select('member.id').where('member.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId));
  const [count, committed, updates] = await Promise.all([
    db.selectFrom('member').select((eb) => eb.fn.countAll().as('n')).where('member.id', 'in', members).executeTakeFirst(),
    db.selectFrom('commitment').select((eb) => eb.fn.countAll().as('n')).where('year', '=', String(year)).where('member_id', 'in', members).executeTakeFirst(),
    db
      .selectFrom('commitment_update as cu')
      .innerJoin('commitment as c', 'c.id', 'cu.commitment_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.year', '=', String(year))
      .where('c.member_id', 'in', members)
      .executeTakeFirst(),
  ]);
  return { members: toCount(count?.n), committed: toCount(committed?.n), updates: toCount(updates?.n) };
}
