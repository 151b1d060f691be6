// Every SQL statement of alarms (上报) and their photos.
import type { ScopeQuery } from '../../core/access.ts';
import type { Db } from '../../core/context.ts';
import { forUpdate, toCount, type DialectName } from '../../db/dialect.ts';
import { subtree } from '../households/repo.ts';

export interface NewAlarm {
  unitId: number;
  kind: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  raisedBy: number;
  /** The hazard report it is raised from, if any. */
  hazardId: number | null;
  now: string;
}

export async function insertAlarm(db: Db, a: NewAlarm) {
  const row = await db
    .insertInto('alarm')
    .values({
      unit_id: a.unitId, kind: a.kind, place: a.place, latitude: a.latitude, longitude: a.longitude, description: a.description,
      status: 'open', raised_by: a.raisedBy, raised_at: a.now, handled_by: null, handled_at: null, note: null, warning_id: null, hazard_id: a.hazardId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function alarmBase(db: Db) {
  return db
    .selectFrom('alarm')
    .innerJoin('unit', 'unit.id', 'alarm.unit_id')
    .innerJoin('app_user as raiser', 'raiser.id', 'alarm.raised_by')
    .leftJoin('app_user as handler', 'handler.id', 'alarm.handled_by')
    // The hazard report it was raised from, for its category (at most one row: the hazard's id).
    .leftJoin('hazard', 'hazard.id', 'alarm.hazard_id');
}

const columns = [
  'alarm.id', 'alarm.unit_id', 'unit.name as unit_name', 'alarm.kind', 'alarm.place', 'alarm.latitude', 'alarm.longitude', 'alarm.description', 'alarm.status',
  'alarm.raised_by', 'raiser.display_name as raiser_name', 'alarm.raised_at', 'alarm.handled_by', 'handler.display_name as handler_name', 'alarm.handled_at', 'alarm.note', 'alarm.warning_id',
  'alarm.hazard_id', 'hazard.category as hazard_category',
] as const;

export function getAlarm(db: Db, id: number) {
  return alarmBase(db)
    .select(columns)
    .select((eb) => eb.selectFrom('alarm_photo').select((c) => c.fn.countAll().as('n')).whereRef('alarm_photo.alarm_id', '=', 'alarm.id').as('photos'))
    .where('alarm.id', '=', id)
    .executeTakeFirst();
}
export type AlarmRow = NonNullable<Awaited<ReturnType<typeof getAlarm>>>;

/** The alarm row alone, locked for a change of state. */
export function lockAlarm(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('alarm').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export interface AlarmFilter {
  /** Units whose alarms may be listed (the caller's scope), and optionally a subtree of them. */
  scope?: ScopeQuery;
  unitId?: number;
  raisedBy?: number;
  statuses?: string[];
  limit: number;
  offset: number;
}

/** Alarms newest first. */
export async function listAlarms(db: Db, f: AlarmFilter) {
  let base = alarmBase(db);
  if (f.scope) base = base.where('alarm.unit_id', 'in', f.scope);
  if (f.unitId !== undefined) base = base.where('alarm.unit_id', 'in', subtree(db, f.unitId));
  if (f.raisedBy !== undefined) base = base.where('alarm.raised_by', '=', f.raisedBy);
  if (f.statuses) base = base.where('alarm.status', 'in', f.statuses);
  const [rows, total] = await Promise.all([
    base
      .select(columns)
      .select((eb) => eb.selectFrom('alarm_photo').select((c) => c.fn.countAll().as('n')).whereRef('alarm_photo.alarm_id', '=', 'alarm.id').as('photos'))
      .orderBy('alarm.raised_at', 'desc').orderBy('alarm.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

/** Moves an alarm from one state to the next; 0 rows when someone else moved it first. */
export async function moveAlarm(db: Db, id: number, from: string, to: { status: string; userId: number | null; note: string | null; warningId?: number; now: string }) {
  const result = await db
    .updateTable('alarm')
    .set({ status: to.status, handled_by: to.userId, handled_at: to.now, note: to.note, ...(to.warningId ? { warning_id: to.warningId } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The unit of the alarm and every unit above it (the town's and the county's duty offices), as a subquery. */
export function unitAndAncestors(db: Db, unitId: number) {
  return db.selectFrom('unit_closure').select('unit_closure.ancestor_id as descendant_id').where('unit_closure.descendant_id', '=', unitId);
}

/** Warnings in force that reached the unit. */
export async function activeWarningsReaching(db: Db, unitId: number, now: string) {
  const rows = await db
    .selectFrom('warning_unit')
    .innerJoin('warning', 'warning.id', 'warning_unit.warning_id')
    .select('warning.id')
    .where('warning_unit.unit_id', '=', unitId)
    .where('warning.status', '=', 'active')
    .where((eb) => eb.or([eb('warning.expires_at', 'is', null), eb('warning.expires_at', '>', now)]))
    .orderBy('warning.id')
    .execute();
  return rows.map((r) => r.id);
}

// ——— photos ———

export async function countPhotos(db: Db, alarmId: number) {
  const row = await db.selectFrom('alarm_photo').select((eb) => eb.fn.countAll().as('n')).where('alarm_id', '=', alarmId).executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function insertPhoto(db: Db, p: { alarmId: number; mime: string; data: Buffer; now: string }) {
  const row = await db.insertInto('alarm_photo').values({ alarm_id: p.alarmId, mime: p.mime, size: p.data.length, data: p.data, created_at: p.now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function photosOf(db: Db, alarmId: number) {
  return db.selectFrom('alarm_photo').select(['id', 'mime', 'size', 'created_at']).where('alarm_id', '=', alarmId).orderBy('id').execute();
}

export function photo(db: Db, alarmId: number, photoId: number) {
  return db.selectFrom('alarm_photo').select(['id', 'mime', 'data']).where('id', '=', photoId).where('alarm_id', '=', alarmId).executeTakeFirst();
}

/** Alarms still needing someone: open, or being handled. */
export const ACTIVE_STATUSES = ['open', 'handling'];

