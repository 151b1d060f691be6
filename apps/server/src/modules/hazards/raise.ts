// Raising a hazard to the warning cascade: a hazard that turns dangerous (the crack widens, the
// drain overflows in a storm) becomes an alarm (上报) of its unit. The alarm is written in the same
// transaction as the hazard's link to it, exactly as modules/alarms raises one — the same rows,
// the same notifications to the unit's and every higher unit's responsible people, the same
// outbound event and timeline entries on warnings in force — and names the hazard it came from.
import { ALARM_KINDS, HAZARD_CLOSED_STATUSES, hazardCategory, type HazardCategory, type HazardStatus } from '@xianfeng/domain';
import { requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import * as alarms from '../alarms/repo.ts';
import { enqueueOutbound } from '../notifications/outbound.ts';
import * as warnings from '../warnings/repo.ts';
import { getHazard } from './hazards.ts';
import * as repo from './repo.ts';

export async function raiseToAlarm(ctx: RequestCtx, id: number, note: string) {
  const { db, dialect } = ctx.deps.database;
  const h = await repo.getHazard(db, id);
  if (!h) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, 'hazard.triage', h.unit_id);
  await requireUnitAccess(db, auth, 'alarm.raise', h.unit_id);
  const now = nowIso(ctx.deps);
  const { alarmId, reached } = await db.transaction().execute(async (tx) => {
    const row = await repo.lockHazard(tx, dialect, id);
    if (!row) throw notFound();
    if (row.alarm_id !== null) throw conflict('hazard.already_raised', { alarmId: row.alarm_id });
    if ((HAZARD_CLOSED_STATUSES as readonly string[]).includes(row.status)) throw conflict('hazard.closed');
    const kind = hazardCategory(row.category as HazardCategory).alarmKind;
    const kindName = ALARM_KINDS.find((k) => k.value === kind)?.zh ?? kind;
    const description = `${row.description}${note ? `\n${note}` : ''}`;
    const newId = await alarms.insertAlarm(tx, { unitId: row.unit_id, kind, place: row.place, latitude: row.latitude, longitude: row.longitude, description, raisedBy: auth.userId, now });
    const title = `${h.unit_name} ${kindName}${row.place ? `（${row.place}）` : ''}`;
    const link = `/alarms/${newId}`;
    await warnings.notifyResponsible(tx, alarms.unitAndAncestors(tx, row.unit_id), { kind: 'alarm.raised', title, warningId: null, link, dedupePrefix: `alarm${newId}`, now });
    await enqueueOutbound(tx, {
      eventKind: 'alarm.raised', unitIds: [row.unit_id], dedupeKey: `alarm${newId}:alarm.raised`, now,
      payload: { event: 'alarm.raised', alarmId: newId, hazardId: id, title, unit: h.unit_name, kind, kindName, place: row.place, latitude: row.latitude, longitude: row.longitude, description, raisedAt: now, link, at: now },
    });
    const warningIds = await alarms.activeWarningsReaching(tx, row.unit_id, now);
    for (const warningId of warningIds) {
      await warnings.appendEvent(tx, { warningId, unitId: row.unit_id, kind: 'alarm_raised', actorId: auth.userId || null, detail: { alarmId: newId, kind, place: row.place, hazardId: id }, now });
    }
    await repo.linkAlarm(tx, id, newId, now);
    await repo.appendEvent(tx, { hazardId: id, action: 'raise', from: row.status, to: row.status as HazardStatus, actorId: auth.userId || null, note, detail: { alarmId: newId }, now });
    await recordAudit(tx, ctx, { entityType: 'alarm', entityId: newId, unitId: row.unit_id, action: 'alarms.raise', after: { kind, place: row.place, description, hazardId: id } });
    await recordAudit(tx, ctx, { entityType: 'hazard', entityId: id, unitId: row.unit_id, action: 'hazards.raise', after: { alarmId: newId } });
    return { alarmId: newId, reached: warningIds };
  });
  // After the commit, as for any alarm: the dashboards of warnings in force over the unit hear of it.
  for (const warningId of reached) await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'alarm_raised', unitId: h.unit_id, at: now });
  return { alarmId, hazard: await getHazard(ctx, id) };
}
