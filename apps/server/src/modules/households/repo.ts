// Every SQL statement about households and their vulnerable people.
import type { Db } from '../../core/context.ts';
import { type DialectName, likeText, toCount } from '../../db/dialect.ts';

/** Units a household (and a shelter, and an evacuation report) belongs to: the field level. */
export const FIELD_UNIT_KINDS = ['grid', 'village', 'community'];

export function unitById(db: Db, id: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'kind', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

/** A subquery of a unit and every unit below it. */
export function subtree(db: Db, unitId: number) {
  return db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', unitId);
}

const columns = [
  'household.id', 'household.unit_id', 'unit.name as unit_name', 'household.address', 'household.head_name', 'household.phone_enc', 'household.phone_masked',
  'household.people', 'household.created_at', 'household.updated_at', 'household.archived_at',
] as const;

export function getHousehold(db: Db, id: number) {
  return db.selectFrom('household').innerJoin('unit', 'unit.id', 'household.unit_id').select(columns).where('household.id', '=', id).executeTakeFirst();
}

export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof getHousehold>>>;

export interface ListFilter {
  unitId: number;
  archived: boolean;
  q?: string;
  limit: number;
  offset: number;
}

/** Households of a subtree, those with people to move first before the others, then by address. */
export async function listUnder(db: Db, dialect: DialectName, f: ListFilter) {
  let base = db.selectFrom('household').innerJoin('unit', 'unit.id', 'household.unit_id').where('household.unit_id', 'in', subtree(db, f.unitId));
  base = f.archived ? base.where('household.archived_at', 'is not', null) : base.where('household.archived_at', 'is', null);
  if (f.q) {
    const text = f.q;
    base = base.where((eb) => eb.or([likeText(dialect, 'household.address', text, 'contains'), likeText(dialect, 'household.head_name', text, 'contains')]));
  }
  const [rows, total] = await Promise.all([
    base
      .select(columns)
      .select((eb) =>
        eb.exists(eb.selectFrom('vulnerable_person as vp').select('vp.id').whereRef('vp.household_id', '=', 'household.id').where('vp.removed_at', 'is', null)).as('has_vulnerable'),
      )
      .orderBy('has_vulnerable', 'desc')
      .orderBy('unit.code')
      .orderBy('household.address')
      .orderBy('household.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

/** The people to move first of some households (removed ones left out), oldest record first. */
export function vulnerableOf(db: Db, householdIds: number[]) {
  if (householdIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('vulnerable_person')
    .select(['id', 'household_id', 'name', 'category', 'reason', 'note', 'created_at'])
    .where('household_id', 'in', householdIds)
    .where('removed_at', 'is', null)
    .orderBy('household_id')
    .orderBy('id')
    .execute();
}

/** How many people to move first a subtree's current households hold, per category. */
export async function categoryCounts(db: Db, unitId: number) {
  const rows = await db
    .selectFrom('vulnerable_person as vp')
    .innerJoin('household', 'household.id', 'vp.household_id')
    .select(['vp.category', (eb) => eb.fn.countAll().as('n')])
    .where('vp.removed_at', 'is', null)
    .where('household.archived_at', 'is', null)
    .where('household.unit_id', 'in', subtree(db, unitId))
    .groupBy('vp.category')
    .execute();
  return new Map(rows.map((r) => [r.category, toCount(r.n)]));
}

export interface HouseholdValues {
  address: string;
  head_name: string;
  phone_enc: string | null;
  phone_masked: string | null;
  people: number;
}

export async function insertHousehold(db: Db, unitId: number, v: HouseholdValues, now: string) {
  const row = await db.insertInto('household').values({ unit_id: unitId, ...v, created_at: now, updated_at: now, archived_at: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function updateHousehold(db: Db, id: number, v: Partial<HouseholdValues>, now: string) {
  return db.updateTable('household').set({ ...v, updated_at: now }).where('id', '=', id).execute();
}

export function archiveHousehold(db: Db, id: number, now: string) {
  return db.updateTable('household').set({ archived_at: now, updated_at: now }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertPerson(db: Db, householdId: number, p: { name: string; category: string; reason: string; note: string }, userId: number | null, now: string) {
  const row = await db
    .insertInto('vulnerable_person')
    .values({ household_id: householdId, name: p.name, category: p.category, reason: p.reason, note: p.note, created_by: userId, created_at: now, removed_at: null })
    .returning(['id', 'household_id', 'name', 'category', 'reason', 'note', 'created_at'])
    .executeTakeFirstOrThrow();
  return row;
}

export function personOf(db: Db, householdId: number, personId: number) {
  return db.selectFrom('vulnerable_person').selectAll().where('id', '=', personId).where('household_id', '=', householdId).where('removed_at', 'is', null).executeTakeFirst();
}

/** Removal keeps the row (removed_at): what was recorded, and by whom, stays answerable. */
export function removePerson(db: Db, personId: number, now: string) {
  return db.updateTable('vulnerable_person').set({ removed_at: now }).where('id', '=', personId).where('removed_at', 'is', null).executeTakeFirst();
}
