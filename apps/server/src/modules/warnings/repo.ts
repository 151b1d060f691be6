// SQL of the warning cascade. Fan-out and escalation are INSERT … SELECT statements over the
// closure table, so reaching 12,000 units and their 30,000 people is a handful of statements, and
// every insert is idempotent (ON CONFLICT DO NOTHING on natural keys): a resumed job never
// notifies a unit or a person twice.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Db } from '../../core/context.ts';

/** A subquery of unit ids (column descendant_id), such as a scope or the silent units of a warning. */
export type UnitIdQuery = SelectQueryBuilder<DB, any, { descendant_id: number | null }>;

/** The roles whose holders are told when a warning reaches their unit (the unit's own grants). */
export const RESPONSIBLE_ROLES = ['unit_admin', 'secretary', 'duty_officer', 'grid_worker'] as const;

export async function getWarning(db: Db, id: number) {
  return db.selectFrom('warning').selectAll().where('id', '=', id).executeTakeFirst();
}

export type WarningRow = NonNullable<Awaited<ReturnType<typeof getWarning>>>;

export async function areaUnits(db: Db, warningId: number) {
  return db
    .selectFrom('warning_area')
    .innerJoin('unit', 'unit.id', 'warning_area.unit_id')
    .select(['unit.id', 'unit.code', 'unit.name', 'unit.kind', 'unit.area_code'])
    .where('warning_area.warning_id', '=', warningId)
    .orderBy('unit.id')
    .execute();
}

/**
 * The next units (by id) of the covered subtrees that the fan-out has not passed yet. Party groups
 * (党小组) are left out: they are a branch's members meeting, with no duty post of their own; the
 * warning reaches their branch.
 */
export async function nextCoveredUnits(db: Db, warningId: number, afterUnitId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('unit_closure')
    .innerJoin('unit', 'unit.id', 'unit_closure.descendant_id')
    .select('unit_closure.descendant_id as id')
    .distinct()
    .where('unit_closure.ancestor_id', 'in', (eb) => eb.selectFrom('warning_area').select('unit_id').where('warning_id', '=', warningId))
    .where('unit_closure.descendant_id', '>', afterUnitId)
    .where('unit.archived_at', 'is', null)
    .where('unit.kind', '!=', 'group')
    .orderBy('unit_closure.descendant_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertWarningUnits(db: Db, warningId: number, unitIds: number[], now: string) {
  if (unitIds.length === 0) return;
  await db
    .insertInto('warning_unit')
    .columns(['warning_id', 'unit_id', 'parent_id', 'kind', 'notified_at'])
    .expression((eb) =>
      eb.selectFrom('unit').select([sql.lit(warningId).as('warning_id'), 'unit.id', 'unit.parent_id', 'unit.kind', sql.lit(now).as('notified_at')]).where('unit.id', 'in', unitIds),
    )
    .onConflict((oc) => oc.columns(['warning_id', 'unit_id']).doNothing())
    .execute();
}

export interface NotifyInput {
  kind: string;
  title: string;
  /** null for what belongs to no warning (an alarm raised from a village). */
  warningId: number | null;
  link: string;
  /** Distinguishes rounds: a person is told once per warning and prefix (issue, raise, cancel, reminder…). */
  dedupePrefix: string;
  now: string;
}

/**
 * One notification per person of `people` (user_id, unit_id pairs), naming the first of their
 * units. User text goes in as parameters; the dedupe key makes a second run tell nobody twice.
 */
async function notifyPeople(db: Db, people: SelectQueryBuilder<DB, any, { user_id: number; unit_id: number | null }>, n: NotifyInput) {
  const text = (v: string) => sql<string>`CAST(${v} AS TEXT)`;
  await db
    .insertInto('notification')
    .columns(['user_id', 'kind', 'title', 'body', 'link', 'warning_id', 'unit_id', 'dedupe_key', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom(people.as('p'))
        .innerJoin('app_user', 'app_user.id', 'p.user_id')
        .select((s) => [
          'p.user_id',
          text(n.kind).as('kind'),
          text(n.title).as('title'),
          text('').as('body'),
          text(n.link).as('link'),
          sql<number | null>`CAST(${n.warningId} AS INTEGER)`.as('warning_id'),
          s.fn.min('p.unit_id').as('unit_id'),
          sql<string>`${text(`${n.dedupePrefix}:`)} || CAST(p.user_id AS TEXT)`.as('dedupe_key'),
          text(n.now).as('created_at'),
        ])
        .where('app_user.disabled_at', 'is', null)
        .groupBy('p.user_id'),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Tells the responsible people of the given units (ids, or a subquery of unit ids). */
export async function notifyResponsible(db: Db, units: UnitIdQuery | number[], n: NotifyInput) {
  if (Array.isArray(units) && units.length === 0) return;
  const people = db
    .selectFrom('role_grant')
    .select(['role_grant.user_id', 'role_grant.unit_id'])
    .where('role_grant.unit_id', 'in', units as number[])
    .where('role_grant.role', 'in', [...RESPONSIBLE_ROLES]);
  await notifyPeople(db, people, n);
}

/** Tells the backup contacts of the given units. */
export async function notifyBackupContacts(db: Db, units: UnitIdQuery, n: NotifyInput) {
  const people = db.selectFrom('unit_backup_contact').select(['unit_backup_contact.user_id', 'unit_backup_contact.unit_id']).where('unit_backup_contact.unit_id', 'in', units as never);
  await notifyPeople(db, people, n);
}

/** Units of a warning still silent before escalation step `step` (a subquery). */
export function silentUnits(db: Db, warningId: number, step: number) {
  return db
    .selectFrom('warning_unit')
    .select('warning_unit.unit_id as descendant_id')
    .where('warning_unit.warning_id', '=', warningId)
    .where('warning_unit.acked_at', 'is', null)
    .where('warning_unit.escalation_step', '<', step);
}

export function parentsOfSilentUnits(db: Db, warningId: number, step: number) {
  return db
    .selectFrom('warning_unit')
    .select('warning_unit.parent_id as descendant_id')
    .where('warning_unit.warning_id', '=', warningId)
    .where('warning_unit.acked_at', 'is', null)
    .where('warning_unit.escalation_step', '<', step)
    .where('warning_unit.parent_id', 'is not', null);
}

export async function appendEvent(db: Db, e: { warningId: number; unitId?: number | null; kind: string; actorId?: number | null; detail?: Record<string, unknown>; now: string }) {
  await db
    .insertInto('warning_event')
    .values({ warning_id: e.warningId, unit_id: e.unitId ?? null, kind: e.kind, actor_id: e.actorId ?? null, detail: JSON.stringify(e.detail ?? {}), created_at: e.now })
    .execute();
}

export async function unitNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
