// Raising a hazard to the warning cascade: a hazard that turns dangerous (the crack widens, the
// drain overflows in a storm) becomes an alarm (上报) of its unit. The alarm is raised by
// modules/alarms (raiseAlarmIn) in the same transaction as the hazard's link to it — the same rows,
// the same notifications to the unit's and every higher unit's responsible people, the same
// outbound event and timeline entries on warnings in force — and names the hazard it came from.
// The hazard's photos go with it, for those up the tree who may see the alarm but not the hazard.
import { HAZARD_CLOSED_STATUSES, hazardCategory, type HazardCategory, type HazardStatus } from '@xianfeng/domain';
import { requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { raiseAlarmIn, tellDashboards } from '../alarms/alarms.ts';
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
    const raised = await raiseAlarmIn(tx, ctx, auth.userId, {
      unit: { id: row.unit_id, name: h.unit_name },
      kind: hazardCategory(row.category as HazardCategory).alarmKind,
      place: row.place,
      latitude: row.latitude,
      longitude: row.longitude,
      description: `${row.description}${note ? `\n${note}` : ''}`,
      hazardId: id,
    }, now);
    const photos = await repo.copyPhotosToAlarm(tx, id, raised.alarmId);
    await repo.linkAlarm(tx, id, raised.alarmId, now);
    await repo.appendEvent(tx, { hazardId: id, action: 'raise', from: row.status, to: row.status as HazardStatus, actorId: auth.userId || null, note, detail: { alarmId: raised.alarmId }, now });
    await recordAudit(tx, ctx, { entityType: 'hazard', entityId: id, unitId: row.unit_id, action: 'hazards.raise', after: { alarmId: raised.alarmId, photos } });
    return raised;
  });
  // After the commit, as for any alarm: the dashboards of warnings in force over the unit hear of it.
  await tellDashboards(ctx, reached, 'alarm_raised', h.unit_id, now);
  return { alarmId, hazard: await getHazard(ctx, id) };
}
