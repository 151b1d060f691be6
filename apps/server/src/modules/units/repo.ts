// Every SQL statement about units and their closure table.
//
// Why a closure table: scope checks ("is unit X inside the subtree of Y?") run on every request
// and subtree aggregates run on every list; both become one indexed lookup or a join on
// (ancestor_id). A materialized path would need LIKE-prefix scans whose index use depends on the
// PostgreSQL collation; the closure table behaves the same on both databases. At 12,000 units of
// depth ≤ 6 it holds under 80,000 rows. Moves rewrite only the moved subtree's rows.
import { sql } from 'kysely';
import type { Db } from '../../core/context.ts';
import type { ScopeQuery } from '../../core/access.ts';
import { likeText, toCount, type DialectName } from '../../db/dialect.ts';
import type { UnitRow } from '../../db/schema.ts';

export const unitColumns = ['unit.id', 'unit.code', 'unit.name', 'unit.kind', 'unit.parent_id', 'unit.phone', 'unit.founded_on', 'unit.archived_at', 'unit.created_at', 'unit.updated_at', 'unit.member_count', 'unit.full_member_count', 'unit.subtree_member_count', 'unit.area_code'] as const;

export function findById(db: Db, id: number) {
  return db.selectFrom('unit').select(unitColumns).where('unit.id', '=', id).executeTakeFirst();
}

export function findByCode(db: Db, code: string) {
  return db.selectFrom('unit').select(unitColumns).where('unit.code', '=', code).executeTakeFirst();
}

export function findByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([] as UnitRow[]);
  return db.selectFrom('unit').select(unitColumns).where('unit.code', 'in', codes).execute();
}

export function findByNames(db: Db, names: string[]) {
  if (names.length === 0) return Promise.resolve([] as UnitRow[]);
  return db.selectFrom('unit').select(unitColumns).where('unit.name', 'in', names).where('unit.archived_at', 'is', null).execute();
}

export function children(db: Db, parentId: number, includeArchived: boolean) {
  let q = db.selectFrom('unit').select(unitColumns).where('unit.parent_id', '=', parentId);
  if (!includeArchived) q = q.where('unit.archived_at', 'is', null);
  return q.orderBy('unit.code').execute();
}

export function rootUnits(db: Db) {
  return db.selectFrom('unit').select(unitColumns).where('unit.parent_id', 'is', null).where('unit.archived_at', 'is', null).orderBy('unit.code').execute();
}

/** Ancestors from the root down to (excluding) the unit itself. */
export function ancestors(db: Db, id: number) {
  return db
    .selectFrom('unit_closure')
    .innerJoin('unit', 'unit.id', 'unit_closure.ancestor_id')
    .select(['unit.id', 'unit.code', 'unit.name', 'unit.kind'])
    .where('unit_closure.descendant_id', '=', id)
    .where('unit_closure.depth', '>', 0)
    .orderBy('unit_closure.depth', 'desc')
    .execute();
}

/** Whole-subtree member counts (maintained) and child counts for a set of units. */
export async function subtreeStats(db: Db, ids: number[]) {
  const stats = new Map<number, { memberCount: number; childCount: number }>();
  if (ids.length === 0) return stats;
  const [members, kids] = await Promise.all([
    db.selectFrom('unit').select(['id', 'subtree_member_count']).where('id', 'in', ids).execute(),
    db
      .selectFrom('unit')
      .select(['unit.parent_id as id', (eb) => eb.fn.countAll().as('n')])
      .where('unit.parent_id', 'in', ids)
      .where('unit.archived_at', 'is', null)
      .groupBy('unit.parent_id')
      .execute(),
  ]);
  for (const id of ids) stats.set(id, { memberCount: 0, childCount: 0 });
  for (const r of members) stats.get(r.id)!.memberCount = r.subtree_member_count;
  for (const r of kids) if (r.id !== null) stats.get(r.id)!.childCount = toCount(r.n);
  return stats;
}

export async function subtreeMemberCount(db: Db, id: number): Promise<number> {
  const row = await db.selectFrom('unit').select('subtree_member_count').where('id', '=', id).executeTakeFirst();
  return row?.subtree_member_count ?? 0;
}

/** Members in the union of the given subtrees ('all': the whole installation), from the counters. */
/** Whether the subtrees of `roots` hold every unit: they include each top of the tree. */
export async function coversWholeTree(db: Db, roots: number[] | 'all') {
  if (roots === 'all') return true;
  if (roots.length === 0) return false;
  const outside = await db.selectFrom('unit').select('id').where('parent_id', 'is', null).where('id', 'not in', roots).limit(1).executeTakeFirst();
  return !outside;
}

export async function memberCountUnder(db: Db, roots: number[] | 'all') {
  if (roots !== 'all' && roots.length === 0) return 0;
  const q =
    roots === 'all'
      ? db.selectFrom('unit').select((eb) => eb.fn.sum<number>('member_count').as('n'))
      : db
          .selectFrom('unit')
          .select((eb) => eb.fn.sum<number>('subtree_member_count').as('n'))
          .where('id', 'in', roots)
          // Nested roots (a grant on a town and one on a village in it) must not count twice.
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('unit_closure as c')
                  .select('c.depth')
                  .whereRef('c.descendant_id', '=', 'unit.id')
                  .where('c.ancestor_id', 'in', roots)
                  .where('c.depth', '>', 0),
              ),
            ),
          );
  const row = await q.executeTakeFirst();
  return toCount(row?.n ?? 0);
}

export async function directMemberStats(db: Db, id: number) {
  const rows = await db
    .selectFrom('member')
    .select(['member.status', (eb) => eb.fn.countAll().as('n')])
    .where('member.unit_id', '=', id)
    .groupBy('member.status')
    .execute();
  let full = 0;
  let total = 0;
  for (const r of rows) {
    const n = toCount(r.n);
    total += n;
    if (r.status === 'full') full += n;
  }
  return { full, total };
}

export async function hasSecretary(db: Db, id: number) {
  const row = await db.selectFrom('role_grant').select('id').where('unit_id', '=', id).where('role', '=', 'secretary').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function isDescendant(db: Db, ancestorId: number, descendantId: number) {
  const row = await db
    .selectFrom('unit_closure')
    .select('depth')
    .where('ancestor_id', '=', ancestorId)
    .where('descendant_id', '=', descendantId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUnit(
  db: Db,
  values: { code: string; name: string; kind: string; parent_id: number | null; phone: string | null; founded_on: string | null; now: string },
) {
  const { now, ...rest } = values;
  const { id } = await db
    .insertInto('unit')
    .values({ ...rest, archived_at: null, member_count: 0, full_member_count: 0, subtree_member_count: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('unit_closure').values({ ancestor_id: id, descendant_id: id, depth: 0 }).execute();
  if (values.parent_id !== null) {
    await db
      .insertInto('unit_closure')
      .columns(['ancestor_id', 'descendant_id', 'depth'])
      .expression((eb) =>
        eb
          .selectFrom('unit_closure')
          .select(['ancestor_id', eb.val(id).as('descendant_id'), sql<number>`depth + 1`.as('depth')])
          .where('descendant_id', '=', values.parent_id!),
      )
      .execute();
  }
  return id;
}

/** Re-hangs a subtree: drop the links from old ancestors, add links from the new ones. */
export async function moveSubtree(db: Db, id: number, newParentId: number, now: string) {
  // The subtree's members leave the old ancestors' counts and join the new ones'.
  const moved = await subtreeMemberCount(db, id);
  await adjustSubtreeCounts(db, id, -moved, false);
  await db
    .deleteFrom('unit_closure')
    .where('descendant_id', 'in', (eb) => eb.selectFrom('unit_closure as s').select('s.descendant_id').where('s.ancestor_id', '=', id))
    .where('ancestor_id', 'in', (eb) =>
      eb.selectFrom('unit_closure as a').select('a.ancestor_id').where('a.descendant_id', '=', id).where('a.ancestor_id', '!=', id),
    )
    .execute();
  await db
    .insertInto('unit_closure')
    .columns(['ancestor_id', 'descendant_id', 'depth'])
    .expression((eb) =>
      eb
        .selectFrom('unit_closure as a')
        .innerJoin('unit_closure as d', (join) => join.on('d.ancestor_id', '=', id))
        .select(['a.ancestor_id', 'd.descendant_id', sql<number>`a.depth + d.depth + 1`.as('depth')])
        .where('a.descendant_id', '=', newParentId),
    )
    .execute();
  await db.updateTable('unit').set({ parent_id: newParentId, updated_at: now }).where('id', '=', id).execute();
  await adjustSubtreeCounts(db, id, moved, false);
}

export function updateUnit(db: Db, id: number, values: Partial<Pick<UnitRow, 'code' | 'name' | 'kind' | 'phone' | 'founded_on' | 'archived_at' | 'area_code'>>, now: string) {
  return db.updateTable('unit').set({ ...values, updated_at: now }).where('id', '=', id).execute();
}

export async function activeChildCount(db: Db, id: number) {
  const row = await db.selectFrom('unit').select((eb) => eb.fn.countAll().as('n')).where('parent_id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
  return toCount(row?.n);
}

/**
 * A unit gained (or lost) members, `fullDelta` of them full members: its own counts and the subtree
 * counts of it and its ancestors. A probationary member becoming full is (0, +1).
 */
export async function adjustMemberCount(db: Db, unitId: number, delta: number, fullDelta: number) {
  await db
    .updateTable('unit')
    .set((eb) => ({ member_count: eb('member_count', '+', delta), full_member_count: eb('full_member_count', '+', fullDelta) }))
    .where('id', '=', unitId)
    .execute();
  if (delta !== 0) await adjustSubtreeCounts(db, unitId, delta, true);
}

/** Adds delta to the subtree counts of the unit's ancestors (and of the unit itself, if asked). */
function adjustSubtreeCounts(db: Db, unitId: number, delta: number, includeSelf: boolean) {
  let ancestors = db.selectFrom('unit_closure').select('ancestor_id').where('descendant_id', '=', unitId);
  if (!includeSelf) ancestors = ancestors.where('depth', '>', 0);
  return db
    .updateTable('unit')
    .set((eb) => ({ subtree_member_count: eb('subtree_member_count', '+', delta) }))
    .where('id', 'in', ancestors)
    .execute();
}

export function searchInScope(db: Db, dialect: DialectName, scope: ScopeQuery, opts: { q?: string; kind?: string; limit: number }) {
  let q = db.selectFrom('unit').select(unitColumns).where('unit.id', 'in', scope).where('unit.archived_at', 'is', null);
  const text = opts.q;
  if (text) q = q.where((eb) => eb.or([likeText(dialect, 'unit.name', text, 'contains'), likeText(dialect, 'unit.code', text, 'contains')]));
  if (opts.kind) q = q.where('unit.kind', '=', opts.kind);
  return q.orderBy('unit.code').limit(opts.limit).execute();
}

/** The top-most units inside a set of grant roots (a root nested in another root is dropped). */
export async function topRoots(db: Db, roots: number[]) {
  if (roots.length === 0) return [];
  const nested = await db
    .selectFrom('unit_closure')
    .select('descendant_id')
    .where('ancestor_id', 'in', roots)
    .where('descendant_id', 'in', roots)
    .where('depth', '>', 0)
    .execute();
  const drop = new Set(nested.map((r) => r.descendant_id));
  const keep = roots.filter((r) => !drop.has(r));
  return db.selectFrom('unit').select(unitColumns).where('unit.id', 'in', keep).where('unit.archived_at', 'is', null).orderBy('unit.code').execute();
}
