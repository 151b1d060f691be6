// Every SQL statement of evacuation: shelters and their occupancy, the villages' reports and the
// household check-off, each during one warning.
import { sql } from 'kysely';
import type { ScopeQuery } from '../../core/access.ts';
import type { Db } from '../../core/context.ts';
import { toCount } from '../../db/dialect.ts';
import { subtree } from '../households/repo.ts';

/** Where an overview looks: a unit's subtree, cut to the viewer's part of the warning (null: all of it). */
export interface Area {
  unitId: number | null;
  within: ScopeQuery | null;
}

// ——— shelters ———

const shelterColumns = ['shelter.id', 'shelter.unit_id', 'unit.name as unit_name', 'shelter.name', 'shelter.address', 'shelter.capacity', 'shelter.created_at', 'shelter.archived_at'] as const;

export function getShelter(db: Db, id: number) {
  return db.selectFrom('shelter').innerJoin('unit', 'unit.id', 'shelter.unit_id').select(shelterColumns).where('shelter.id', '=', id).executeTakeFirst();
}
export type ShelterRow = NonNullable<Awaited<ReturnType<typeof getShelter>>>;

export function sheltersUnder(db: Db, unitId: number, archived: boolean) {
  let q = db.selectFrom('shelter').innerJoin('unit', 'unit.id', 'shelter.unit_id').select(shelterColumns).where('shelter.unit_id', 'in', subtree(db, unitId));
  q = archived ? q.where('shelter.archived_at', 'is not', null) : q.where('shelter.archived_at', 'is', null);
  return q.orderBy('unit.code').orderBy('shelter.name').orderBy('shelter.id').execute();
}

export async function insertShelter(db: Db, s: { unitId: number; name: string; address: string; capacity: number }, now: string) {
  const row = await db.insertInto('shelter').values({ unit_id: s.unitId, name: s.name, address: s.address, capacity: s.capacity, created_at: now, archived_at: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function updateShelter(db: Db, id: number, v: { name?: string; address?: string; capacity?: number }) {
  return db.updateTable('shelter').set(v).where('id', '=', id).execute();
}

export function archiveShelter(db: Db, id: number, now: string) {
  return db.updateTable('shelter').set({ archived_at: now }).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
}

/** The most people the shelter holds in any warning still in force. */
export async function occupantsNow(db: Db, shelterId: number, now: string) {
  const row = await db
    .selectFrom('shelter_occupancy')
    .innerJoin('warning', 'warning.id', 'shelter_occupancy.warning_id')
    .select((eb) => eb.fn.max('shelter_occupancy.occupants').as('n'))
    .where('shelter_occupancy.shelter_id', '=', shelterId)
    .where('warning.status', '=', 'active')
    .where((eb) => eb.or([eb('warning.expires_at', 'is', null), eb('warning.expires_at', '>', now)]))
    .executeTakeFirst();
  return toCount(row?.n);
}

// ——— during a warning ———

/** Whether a warning reached the unit (a row in warning_unit). */
export async function reaches(db: Db, warningId: number, unitId: number) {
  const row = await db.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', warningId).where('unit_id', '=', unitId).executeTakeFirst();
  return row !== undefined;
}

export function reportOf(db: Db, warningId: number, unitId: number) {
  return db.selectFrom('evacuation_report').selectAll().where('warning_id', '=', warningId).where('unit_id', '=', unitId).executeTakeFirst();
}

export async function upsertReport(db: Db, r: { warningId: number; unitId: number; toMove: number; moved: number; refused: number; userId: number | null; now: string }) {
  const values = { to_move: r.toMove, moved: r.moved, refused: r.refused, updated_by: r.userId, updated_at: r.now };
  await db
    .insertInto('evacuation_report')
    .values({ warning_id: r.warningId, unit_id: r.unitId, ...values })
    .onConflict((oc) => oc.columns(['warning_id', 'unit_id']).doUpdateSet(values))
    .execute();
}

export function occupancyOf(db: Db, warningId: number, shelterId: number) {
  return db.selectFrom('shelter_occupancy').selectAll().where('warning_id', '=', warningId).where('shelter_id', '=', shelterId).executeTakeFirst();
}

export async function upsertOccupancy(db: Db, o: { warningId: number; shelterId: number; occupants: number; userId: number | null; now: string }) {
  const values = { occupants: o.occupants, updated_by: o.userId, updated_at: o.now };
  await db
    .insertInto('shelter_occupancy')
    .values({ warning_id: o.warningId, shelter_id: o.shelterId, ...values })
    .onConflict((oc) => oc.columns(['warning_id', 'shelter_id']).doUpdateSet(values))
    .execute();
}

export function checkOf(db: Db, warningId: number, householdId: number) {
  return db.selectFrom('evacuation_check').selectAll().where('warning_id', '=', warningId).where('household_id', '=', householdId).executeTakeFirst();
}

export async function upsertCheck(db: Db, c: { warningId: number; householdId: number; status: string; note: string; userId: number | null; now: string }) {
  const values = { status: c.status, note: c.note, checked_by: c.userId, checked_at: c.now };
  await db
    .insertInto('evacuation_check')
    .values({ warning_id: c.warningId, household_id: c.householdId, ...values })
    .onConflict((oc) => oc.columns(['warning_id', 'household_id']).doUpdateSet(values))
    .execute();
}

/** A household's check status in a warning: 'pending' until someone checks it. */
const checkStatus = sql<string>`COALESCE(${sql.ref('evacuation_check.status')}, 'pending')`;

function householdsWithChecks(db: Db, warningId: number) {
  return db
    .selectFrom('household')
    .innerJoin('unit', 'unit.id', 'household.unit_id')
    .leftJoin('evacuation_check', (j) => j.onRef('evacuation_check.household_id', '=', 'household.id').on('evacuation_check.warning_id', '=', warningId))
    .where('household.archived_at', 'is', null);
}

/** Households of a subtree with their check status in the warning; pending ones first. */
export async function householdsToCheck(db: Db, warningId: number, unitId: number, q: { status?: string; limit: number; offset: number }) {
  let base = householdsWithChecks(db, warningId).where('household.unit_id', 'in', subtree(db, unitId));
  if (q.status) base = base.where(checkStatus, '=', q.status);
  const [rows, total, counts] = await Promise.all([
    base
      .leftJoin('app_user', 'app_user.id', 'evacuation_check.checked_by')
      .select([
        'household.id', 'household.unit_id', 'unit.name as unit_name', 'household.address', 'household.head_name', 'household.phone_masked', 'household.people',
        'household.created_at', 'household.updated_at', 'household.archived_at', checkStatus.as('status'), 'evacuation_check.note', 'evacuation_check.checked_at', 'app_user.display_name as checked_by_name',
      ])
      .orderBy(sql`CASE WHEN ${checkStatus} = 'pending' THEN 0 ELSE 1 END`)
      .orderBy('unit.code')
      .orderBy('household.address')
      .orderBy('household.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    checkCounts(db, warningId, { unitId, within: null }, { reachedOnly: false }),
  ]);
  return { rows, total: toCount(total.n), counts };
}

/**
 * Households inside an area per check status, and the people in them: of the units the warning
 * reached (the overview), or of the whole subtree (a village's own list, which also shows a grid
 * added after the warning went out).
 */
export async function checkCounts(db: Db, warningId: number, area: Area, opts = { reachedOnly: true }) {
  let q = householdsWithChecks(db, warningId);
  if (opts.reachedOnly) q = q.where('household.unit_id', 'in', db.selectFrom('warning_unit').select('warning_unit.unit_id').where('warning_unit.warning_id', '=', warningId));
  if (area.unitId !== null) q = q.where('household.unit_id', 'in', subtree(db, area.unitId));
  if (area.within) q = q.where('household.unit_id', 'in', area.within);
  const rows = await q
    .select([checkStatus.as('status'), (eb) => eb.fn.countAll().as('households'), (eb) => eb.fn.sum<number>('household.people').as('people')])
    .groupBy(checkStatus)
    .execute();
  const by = (s: string) => rows.find((r) => r.status === s);
  return {
    households: rows.reduce((n, r) => n + toCount(r.households), 0),
    pending: toCount(by('pending')?.households),
    moved: toCount(by('moved')?.households),
    refused: toCount(by('refused')?.households),
    notHome: toCount(by('not_home')?.households),
    peopleMoved: toCount(by('moved')?.people),
  };
}

/** The villages' reports inside an area, by unit. */
export function reportsIn(db: Db, warningId: number, area: Area) {
  let q = db
    .selectFrom('evacuation_report')
    .innerJoin('unit', 'unit.id', 'evacuation_report.unit_id')
    .leftJoin('app_user', 'app_user.id', 'evacuation_report.updated_by')
    .select(['unit.id', 'unit.name', 'unit.kind', 'evacuation_report.to_move', 'evacuation_report.moved', 'evacuation_report.refused', 'evacuation_report.updated_at', 'app_user.display_name as updated_by_name'])
    .where('evacuation_report.warning_id', '=', warningId);
  if (area.unitId !== null) q = q.where('evacuation_report.unit_id', 'in', subtree(db, area.unitId));
  if (area.within) q = q.where('evacuation_report.unit_id', 'in', area.within);
  return q.orderBy('unit.code').execute();
}

/** The shelters of the units a warning reached, inside an area, with their occupancy in it. */
export function sheltersIn(db: Db, warningId: number, area: Area) {
  let q = db
    .selectFrom('shelter')
    .innerJoin('unit', 'unit.id', 'shelter.unit_id')
    .leftJoin('shelter_occupancy', (j) => j.onRef('shelter_occupancy.shelter_id', '=', 'shelter.id').on('shelter_occupancy.warning_id', '=', warningId))
    .select(['shelter.id', 'shelter.unit_id', 'unit.name as unit_name', 'shelter.name', 'shelter.address', 'shelter.capacity', 'shelter_occupancy.occupants', 'shelter_occupancy.updated_at'])
    .where('shelter.archived_at', 'is', null)
    .where('shelter.unit_id', 'in', db.selectFrom('warning_unit').select('warning_unit.unit_id').where('warning_unit.warning_id', '=', warningId));
  if (area.unitId !== null) q = q.where('shelter.unit_id', 'in', subtree(db, area.unitId));
  if (area.within) q = q.where('shelter.unit_id', 'in', area.within);
  return q.orderBy('unit.code').orderBy('shelter.name').orderBy('shelter.id').execute();
}
