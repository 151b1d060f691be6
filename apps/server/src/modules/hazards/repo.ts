// Every SQL statement of hazard reports (隐患排查), their timeline and photos.
import type { ScopeQuery } from '../../core/access.ts';
import type { Db } from '../../core/context.ts';
import { forUpdate, toCount, type DialectName } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { HAZARD_CLOSED_STATUSES, HAZARD_OPEN_STATUSES } from '@xianfeng/domain';
import { subtree } from '../households/repo.ts';

export type NewHazard = Omit<Insertable<DB['hazard']>, 'id'>;

export async function insertHazard(db: Db, h: NewHazard) {
  const row = await db.insertInto('hazard').values(h).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function hazardBase(db: Db) {
  return db
    .selectFrom('hazard')
    .innerJoin('unit', 'unit.id', 'hazard.unit_id')
    .leftJoin('app_user as reporter', 'reporter.id', 'hazard.reported_by')
    .leftJoin('app_user as assignee', 'assignee.id', 'hazard.assigned_to')
    .leftJoin('app_user as fixer', 'fixer.id', 'hazard.fixed_by')
    .leftJoin('app_user as verifier', 'verifier.id', 'hazard.verified_by');
}

const columns = [
  'hazard.id', 'hazard.unit_id', 'unit.name as unit_name', 'unit.code as unit_code', 'hazard.category', 'hazard.place', 'hazard.latitude', 'hazard.longitude',
  'hazard.description', 'hazard.status', 'hazard.source', 'hazard.reported_by', 'reporter.display_name as reporter_display', 'hazard.reporter_name',
  'hazard.contact_phone_masked', 'hazard.contact_email_masked', 'hazard.media_url', 'hazard.reported_at', 'hazard.due_at',
  'hazard.assigned_to', 'assignee.display_name as assignee_name', 'hazard.assigned_at', 'hazard.fixed_by', 'fixer.display_name as fixer_name', 'hazard.fixed_at',
  'hazard.fix_note', 'hazard.verified_by', 'verifier.display_name as verifier_name', 'hazard.closed_at', 'hazard.close_reason', 'hazard.alarm_id', 'hazard.updated_at',
] as const;

export function getHazard(db: Db, id: number) {
  return hazardBase(db)
    .select(columns)
    .select((eb) => eb.selectFrom('hazard_photo').select((c) => c.fn.countAll().as('n')).whereRef('hazard_photo.hazard_id', '=', 'hazard.id').as('photos'))
    .where('hazard.id', '=', id)
    .executeTakeFirst();
}
export type HazardRow = NonNullable<Awaited<ReturnType<typeof getHazard>>>;

/** The hazard row alone, locked for a change of state. */
export function lockHazard(db: Db, dialect: DialectName, id: number) {
  return forUpdate(db.selectFrom('hazard').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export interface HazardFilter {
  scope?: ScopeQuery;
  unitId?: number;
  reportedBy?: number;
  assignedTo?: number;
  statuses?: readonly string[];
  /** Open past its due date at this instant. */
  overdueAt?: string;
  categories?: string[];
  /** Only these ids (Open311 look-ups by service_request_id). */
  ids?: number[];
  reportedFrom?: string;
  reportedTo?: string;
  limit: number;
  offset: number;
  /** Overdue first, then by due date (the triage queue); default newest first. */
  order?: 'queue' | 'newest';
}

/** Hazards of a filter, one page, with the total. */
export async function listHazards(db: Db, f: HazardFilter) {
  let base = hazardBase(db);
  if (f.scope) base = base.where('hazard.unit_id', 'in', f.scope);
  if (f.unitId !== undefined) base = base.where('hazard.unit_id', 'in', subtree(db, f.unitId));
  if (f.reportedBy !== undefined) base = base.where('hazard.reported_by', '=', f.reportedBy);
  if (f.assignedTo !== undefined) base = base.where('hazard.assigned_to', '=', f.assignedTo);
  if (f.statuses) base = base.where('hazard.status', 'in', [...f.statuses]);
  if (f.overdueAt) base = base.where('hazard.status', 'in', [...HAZARD_OPEN_STATUSES]).where('hazard.due_at', '<', f.overdueAt);
  if (f.categories) base = base.where('hazard.category', 'in', f.categories.length ? f.categories : ['']);
  if (f.ids) base = base.where('hazard.id', 'in', f.ids.length ? f.ids : [-1]);
  if (f.reportedFrom) base = base.where('hazard.reported_at', '>=', f.reportedFrom);
  if (f.reportedTo) base = base.where('hazard.reported_at', '<=', f.reportedTo);
  let page = base
    .select(columns)
    .select((eb) => eb.selectFrom('hazard_photo').select((c) => c.fn.countAll().as('n')).whereRef('hazard_photo.hazard_id', '=', 'hazard.id').as('photos'));
  page = f.order === 'queue'
    ? page.orderBy('hazard.due_at').orderBy('hazard.id')
    : page.orderBy('hazard.reported_at', 'desc').orderBy('hazard.id', 'desc');
  const [rows, total] = await Promise.all([
    page.limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total.n) };
}

/** Moves a hazard from one state to the next; 0 rows when someone else moved it first. */
export async function moveHazard(db: Db, id: number, from: string, set: Partial<Omit<Insertable<DB['hazard']>, 'id'>>) {
  const result = await db.updateTable('hazard').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function unitWithParent(db: Db, unitId: number) {
  return db.selectFrom('unit').select(['kind', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
}

/** Names on the hazard the alarm raised from it (the alarm names the hazard from its insert). */
export async function linkAlarm(db: Db, hazardId: number, alarmId: number, now: string) {
  await db.updateTable('hazard').set({ alarm_id: alarmId, updated_at: now }).where('id', '=', hazardId).execute();
}

export async function appendEvent(db: Db, e: { hazardId: number; action: string; from: string | null; to: string; actorId: number | null; note: string; detail?: Record<string, unknown>; now: string }) {
  await db
    .insertInto('hazard_event')
    .values({ hazard_id: e.hazardId, action: e.action, from_status: e.from, to_status: e.to, actor_id: e.actorId, note: e.note, detail: JSON.stringify(e.detail ?? {}), created_at: e.now })
    .execute();
}

export function eventsOf(db: Db, hazardId: number) {
  return db
    .selectFrom('hazard_event')
    .leftJoin('app_user', 'app_user.id', 'hazard_event.actor_id')
    .select(['hazard_event.id', 'hazard_event.action', 'hazard_event.from_status', 'hazard_event.to_status', 'hazard_event.note', 'hazard_event.detail', 'hazard_event.created_at', 'app_user.display_name as actor_name'])
    .where('hazard_event.hazard_id', '=', hazardId)
    .orderBy('hazard_event.id')
    .execute();
}

/**
 * People a hazard may be assigned to: anyone but residents holding a role on the hazard's
 * village (or community) or a unit inside it, or on a unit above it (the town's duty officers).
 */
export function assigneeCandidates(db: Db, unitId: number, villageId: number) {
  return db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .innerJoin('unit', 'unit.id', 'role_grant.unit_id')
    .select(['app_user.id', 'app_user.display_name', 'role_grant.role', 'unit.name as unit_name'])
    .where('app_user.disabled_at', 'is', null)
    .where('role_grant.role', '!=', 'resident')
    .where((eb) =>
      eb.or([
        eb('role_grant.unit_id', 'in', subtree(db, villageId)),
        eb('role_grant.unit_id', 'in', eb.selectFrom('unit_closure').select('unit_closure.ancestor_id').where('unit_closure.descendant_id', '=', unitId)),
      ]),
    )
    .orderBy('app_user.display_name')
    .orderBy('app_user.id')
    .execute();
}

/** Open and overdue hazards per village or community of the scope. */
export async function countsByVillage(db: Db, scope: ScopeQuery, now: string, unitId?: number) {
  let q = db
    .selectFrom('hazard')
    .innerJoin('unit_closure as uc', 'uc.descendant_id', 'hazard.unit_id')
    .innerJoin('unit as v', 'v.id', 'uc.ancestor_id')
    .where('v.kind', 'in', ['village', 'community'])
    .where('hazard.unit_id', 'in', scope)
    .where('hazard.status', 'not in', [...HAZARD_CLOSED_STATUSES]);
  if (unitId !== undefined) q = q.where('hazard.unit_id', 'in', subtree(db, unitId));
  const rows = await q
    .select((eb) => [
      'v.id', 'v.name', 'v.code',
      eb.fn.countAll().as('active'),
      eb.fn.sum(eb.case().when('hazard.status', 'in', [...HAZARD_OPEN_STATUSES]).then(1).else(0).end()).as('open'),
      eb.fn.sum(eb.case().when(eb.and([eb('hazard.status', 'in', [...HAZARD_OPEN_STATUSES]), eb('hazard.due_at', '<', now)])).then(1).else(0).end()).as('overdue'),
    ])
    .groupBy(['v.id', 'v.name', 'v.code'])
    .orderBy('v.code')
    .execute();
  return rows.map((r) => ({ unitId: r.id, name: r.name, active: toCount(r.active), open: toCount(r.open), overdue: toCount(r.overdue) }));
}

// ——— photos ———

export async function countPhotos(db: Db, hazardId: number) {
  const row = await db.selectFrom('hazard_photo').select((eb) => eb.fn.countAll().as('n')).where('hazard_id', '=', hazardId).executeTakeFirstOrThrow();
  return toCount(row.n);
}

export async function insertPhoto(db: Db, p: { hazardId: number; stage: string; mime: string; data: Buffer; userId: number | null; now: string }) {
  const row = await db
    .insertInto('hazard_photo')
    .values({ hazard_id: p.hazardId, stage: p.stage, mime: p.mime, size: p.data.length, data: p.data, created_by: p.userId, created_at: p.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Copies the hazard's photos to the alarm raised from it, so the duty officers up the tree see
 * them without access to the hazard. One INSERT … SELECT: the images never leave the database.
 * Both tables hold at most six photos of the same kinds, so the copies fit the alarm's limits.
 */
export async function copyPhotosToAlarm(db: Db, hazardId: number, alarmId: number) {
  const result = await db
    .insertInto('alarm_photo')
    .columns(['alarm_id', 'mime', 'size', 'data', 'created_at'])
    .expression(
      // A literal, not a parameter: PostgreSQL would type a bare parameter in the select list as text.
      db.selectFrom('hazard_photo').select((eb) => [eb.lit(alarmId).as('alarm_id'), 'mime', 'size', 'data', 'created_at']).where('hazard_id', '=', hazardId).orderBy('id'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function photosOf(db: Db, hazardId: number) {
  return db.selectFrom('hazard_photo').select(['id', 'stage', 'mime', 'size', 'created_at']).where('hazard_id', '=', hazardId).orderBy('id').execute();
}

export function photo(db: Db, hazardId: number, photoId: number) {
  return db.selectFrom('hazard_photo').select(['id', 'mime', 'data']).where('id', '=', photoId).where('hazard_id', '=', hazardId).executeTakeFirst();
}

/** One notification to one person (the assignee), told once per hazard and round. */
export async function notifyUser(db: Db, n: { userId: number; kind: string; title: string; link: string; unitId: number; dedupeKey: string; now: string }) {
  await db
    .insertInto('notification')
    .values({ user_id: n.userId, kind: n.kind, title: n.title, body: '', link: n.link, warning_id: null, unit_id: n.unitId, dedupe_key: n.dedupeKey, created_at: n.now, read_at: null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
