// Bottom-up alarms (上报): anyone with a role in a village raises the alarm where they are; the
// responsible people of the unit and of every unit above it (the town's and the county's duty
// officers) are told in the same transaction, and every open dashboard of a warning covering the
// unit hears of it. A duty officer takes it up, closes it, or turns it into a warning.
import { ALARM_KINDS, alarmHasLocation, checkWarningInput, warningTitle, type AlarmStatus, type HazardType, type WarningLevel } from '@xianfeng/domain';
import { canAccessUnit, requireAuth, requirePermission, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Auth, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { reachesUnit } from '../commitments/repo.ts';
import { unitById } from '../households/repo.ts';
import { enqueueOutbound } from '../notifications/outbound.ts';
import { createWarning, startRound } from '../warnings/issue.ts';
import * as warnings from '../warnings/repo.ts';
import * as repo from './repo.ts';
import type { ListQuery, PromoteBody, RaiseBody } from './schemas.ts';
import { ALARM_ACTION_PERMISSION, transition, type AlarmAction } from './states.ts';

const kindName = (kind: string) => ALARM_KINDS.find((k) => k.value === kind)?.zh ?? kind;

/**
 * Whether the caller may raise the alarm at a unit: inside a subtree they hold alarm.raise on, or
 * inside the village or community one of those grants lies in (a member registered on the
 * village's branch raises it for the village or any of its grids).
 */
async function mayRaiseAt(db: Db, auth: Auth, unitId: number) {
  const scope = scopeOf(auth, 'alarm.raise');
  return scope.global || reachesUnit(db, scope.roots, unitId);
}

/** Whether the caller may see an alarm: the one who raised it always, else warning.read on its unit. */
export async function maySee(db: Db, auth: Auth, alarm: { raised_by: number; unit_id: number }) {
  return alarm.raised_by === auth.userId || canAccessUnit(db, auth, 'warning.read', alarm.unit_id);
}

export function presentAlarm(a: repo.AlarmRow) {
  return {
    id: a.id,
    unitId: a.unit_id,
    unitName: a.unit_name,
    kind: a.kind,
    place: a.place,
    latitude: a.latitude,
    longitude: a.longitude,
    description: a.description,
    status: a.status as AlarmStatus,
    raisedBy: { id: a.raised_by, name: a.raiser_name },
    raisedAt: a.raised_at,
    handledBy: a.handler_name,
    handledAt: a.handled_at,
    note: a.note,
    warningId: a.warning_id,
    /** The hazard report it was raised from (modules/hazards/raise.ts); its page tells who may see it. */
    hazard: a.hazard_id == null ? null : { id: a.hazard_id, category: a.hazard_category },
    photoCount: Number(a.photos),
  };
}

/** After a commit: tell the dashboards of every warning in force over the unit that its alarms changed. */
export async function tellDashboards(ctx: RequestCtx, warningIds: number[], kind: string, unitId: number, at: string) {
  for (const warningId of warningIds) await ctx.deps.events.publish({ topic: 'warning', warningId, kind, unitId, at });
}

/** An alarm to raise, already checked: where, what, and the hazard report it comes from if any. */
export interface AlarmToRaise {
  unit: { id: number; name: string };
  kind: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  hazardId?: number;
}

/**
 * Raises an alarm inside the caller's transaction — the one place that knows what raising entails:
 * the row, the notifications to the responsible people of the unit and of every unit above it, the
 * outbound event, the timeline entry of each warning in force over the unit, and the audit entry.
 * Used by the raise route and by a hazard raised to the cascade (modules/hazards/raise.ts), so the
 * two cannot drift apart. Returns the new id and the warnings reached: the caller tells their
 * dashboards (tellDashboards) after the commit.
 */
export async function raiseAlarmIn(tx: Db, ctx: RequestCtx, raisedBy: number, a: AlarmToRaise, now: string) {
  const coords = { latitude: a.latitude, longitude: a.longitude };
  // The hazard is named only when there is one, so an alarm raised directly reads as it always did.
  const fromHazard = a.hazardId === undefined ? {} : { hazardId: a.hazardId };
  // The inbox writes the sentence around it (收到紧急上报：…): the title says where and what.
  const title = `${a.unit.name} ${kindName(a.kind)}${a.place ? `（${a.place}）` : ''}`;
  const alarmId = await repo.insertAlarm(tx, { unitId: a.unit.id, kind: a.kind, place: a.place, ...coords, description: a.description, raisedBy, hazardId: a.hazardId ?? null, now });
  const link = `/alarms/${alarmId}`;
  await warnings.notifyResponsible(tx, repo.unitAndAncestors(tx, a.unit.id), { kind: 'alarm.raised', title, warningId: null, link, dedupePrefix: `alarm${alarmId}`, now });
  await enqueueOutbound(tx, {
    eventKind: 'alarm.raised', unitIds: [a.unit.id], dedupeKey: `alarm${alarmId}:alarm.raised`, now,
    payload: { event: 'alarm.raised', alarmId, ...fromHazard, title, unit: a.unit.name, kind: a.kind, kindName: kindName(a.kind), place: a.place, ...coords, description: a.description, raisedAt: now, link, at: now },
  });
  const warningIds = await repo.activeWarningsReaching(tx, a.unit.id, now);
  for (const warningId of warningIds) {
    await warnings.appendEvent(tx, { warningId, unitId: a.unit.id, kind: 'alarm_raised', actorId: raisedBy || null, detail: { alarmId, kind: a.kind, place: a.place, ...fromHazard }, now });
  }
  await recordAudit(tx, ctx, { entityType: 'alarm', entityId: alarmId, unitId: a.unit.id, action: 'alarms.raise', after: { kind: a.kind, place: a.place, ...coords, description: a.description, ...fromHazard } });
  return { alarmId, reached: warningIds };
}

export async function raiseAlarm(ctx: RequestCtx, body: RaiseBody) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'alarm.raise');
  if (!(await mayRaiseAt(db, auth, body.unitId))) throw notFound();
  const unit = await unitById(db, body.unitId);
  if (!unit) throw notFound();
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  if (!alarmHasLocation(body)) throw invalid([{ field: 'place', code: 'alarm.no_location' }]);
  // Coordinates count only as a pair.
  const coords = typeof body.latitude === 'number' && typeof body.longitude === 'number' ? { latitude: body.latitude, longitude: body.longitude } : { latitude: null, longitude: null };
  const now = nowIso(ctx.deps);
  const { alarmId, reached } = await db.transaction().execute((tx) =>
    raiseAlarmIn(tx, ctx, auth.userId, { unit: { id: unit.id, name: unit.name }, kind: body.kind, place: body.place, ...coords, description: body.description }, now),
  );
  await tellDashboards(ctx, reached, 'alarm_raised', unit.id, now);
  return getAlarm(ctx, alarmId);
}

export async function getAlarm(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const alarm = await repo.getAlarm(db, id);
  if (!alarm || !(await maySee(db, auth, alarm))) throw notFound();
  const photos = await repo.photosOf(db, id);
  return {
    ...presentAlarm(alarm),
    photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, createdAt: p.created_at, url: `/api/alarms/${id}/photos/${p.id}` })),
    canHandle: await canAccessUnit(db, auth, 'warning.issue', alarm.unit_id),
  };
}

const statusesOf = (status: ListQuery['status']) => (status === undefined ? undefined : status === 'active' ? repo.ACTIVE_STATUSES : [status]);

/** Alarms of the units in the caller's scope (or a subtree of it), newest first. */
export async function listAlarms(ctx: RequestCtx, q: ListQuery) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'warning.read');
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'warning.read', q.unitId);
  const { rows, total } = await repo.listAlarms(db, {
    scope: scopedUnitIds(db, auth, 'warning.read'), unitId: q.unitId, statuses: statusesOf(q.status), limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
  });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(presentAlarm) };
}

/** The alarms I raised, whatever my role, newest first. */
export async function myAlarms(ctx: RequestCtx, q: { page: number; pageSize: number }) {
  const auth = requireAuth(ctx.auth);
  const { rows, total } = await repo.listAlarms(ctx.deps.database.db, { raisedBy: auth.userId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(presentAlarm) };
}

/** An alarm the caller may act on, or "not found". */
async function actionable(ctx: RequestCtx, id: number, action: AlarmAction) {
  const db = ctx.deps.database.db;
  const alarm = await repo.getAlarm(db, id);
  if (!alarm) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, ALARM_ACTION_PERMISSION[action], alarm.unit_id);
  return { alarm, auth };
}

/** Takes an alarm up (handle) or closes it, with a note; the state table decides what is allowed. */
export async function act(ctx: RequestCtx, id: number, action: Exclude<AlarmAction, 'promote'>, note: string) {
  const { db, dialect } = ctx.deps.database;
  const { alarm, auth } = await actionable(ctx, id, action);
  const now = nowIso(ctx.deps);
  const next = await db.transaction().execute(async (tx) => {
    const row = await repo.lockAlarm(tx, dialect, id);
    if (!row) throw notFound();
    const t = transition(row.status as AlarmStatus, action);
    if (!t.ok) throw conflict(t.code);
    const kept = note || row.note;
    if ((await repo.moveAlarm(tx, id, row.status, { status: t.next, userId: auth.userId || null, note: kept, now })) !== 1) throw conflict('error.conflict');
    await recordAudit(tx, ctx, { entityType: 'alarm', entityId: id, unitId: row.unit_id, action: `alarms.${action}`, before: { status: row.status }, after: { status: t.next, note: kept } });
    return t.next;
  });
  await tellDashboards(ctx, await repo.activeWarningsReaching(db, alarm.unit_id, now), `alarm_${next}`, alarm.unit_id, now);
  return getAlarm(ctx, id);
}

/** Areas of a warning made from an alarm: existing units inside the caller's responsibility. */
async function checkAreas(db: Db, auth: Auth, unitIds: number[]) {
  const units = await db.selectFrom('unit').select(['id', 'name', 'archived_at']).where('id', 'in', unitIds).execute();
  for (const unitId of unitIds) {
    const unit = units.find((u) => u.id === unitId);
    if (!unit || unit.archived_at) throw notFound();
    if (!(await canAccessUnit(db, auth, 'warning.issue', unitId))) throw unprocessable('warning.area_outside_scope', { name: unit.name });
  }
}

/**
 * Turns an alarm into a warning (source 'alarm') issued by a unit the duty officer answers for,
 * covering the alarm's unit unless other areas are chosen. The warning is written in the same
 * transaction as the alarm's new state; the fan-out runs after the commit, as for any warning.
 */
export async function promote(ctx: RequestCtx, id: number, body: PromoteBody) {
  const { db, dialect } = ctx.deps.database;
  const { alarm, auth } = await actionable(ctx, id, 'promote');
  await requireUnitAccess(db, auth, 'warning.issue', body.issuingUnitId);
  const areaUnitIds = [...new Set(body.areaUnitIds ?? [alarm.unit_id])];
  await checkAreas(db, auth, areaUnitIds);
  const now = nowIso(ctx.deps);
  const expiresAt = body.expiresAt ?? null;
  const issues = checkWarningInput({ unitIds: areaUnitIds, effectiveAt: now, expiresAt }, now);
  if (issues.length) throw new AppError(400, 'error.validation', issues.map((code) => ({ field: code === 'warning.no_area' ? 'areaUnitIds' : 'expiresAt', code })));
  const warningId = await db.transaction().execute(async (tx) => {
    const row = await repo.lockAlarm(tx, dialect, id);
    if (!row) throw notFound();
    const t = transition(row.status as AlarmStatus, 'promote');
    if (!t.ok) throw conflict(t.code);
    const place = row.place ? `（地点：${row.place}）` : '';
    const newId = await createWarning(tx, ctx, {
      unitId: body.issuingUnitId,
      hazard: body.hazard,
      level: body.level,
      headline: body.headline?.trim() || warningTitle(body.hazard as HazardType, body.level as WarningLevel),
      description: body.description?.trim() || `${kindName(row.kind)}：${row.description}${place}`,
      instruction: body.instruction,
      areaUnitIds,
      effectiveAt: now,
      expiresAt,
      exercise: false,
      source: 'alarm',
    });
    if ((await repo.moveAlarm(tx, id, row.status, { status: t.next, userId: auth.userId || null, note: row.note, warningId: newId, now })) !== 1) throw conflict('error.conflict');
    await warnings.appendEvent(tx, { warningId: newId, unitId: row.unit_id, kind: 'alarm_promoted', actorId: auth.userId || null, detail: { alarmId: id, kind: row.kind, place: row.place }, now });
    await recordAudit(tx, ctx, { entityType: 'alarm', entityId: id, unitId: row.unit_id, action: 'alarms.promote', before: { status: row.status }, after: { status: t.next, warningId: newId } });
    return newId;
  });
  await startRound(ctx, warningId, 1, 'issued');
  const others = (await repo.activeWarningsReaching(db, alarm.unit_id, now)).filter((w) => w !== warningId);
  await tellDashboards(ctx, others, 'alarm_promoted', alarm.unit_id, now);
  return { warningId, alarm: await getAlarm(ctx, id) };
}
