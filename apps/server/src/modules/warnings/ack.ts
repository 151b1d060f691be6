// Acknowledgement (签收): the fact the whole cascade tracks. Acknowledging twice is harmless (the
// first time stands); acknowledging for a unit outside one's responsibility is "not found";
// a cancelled or expired warning can no longer be acknowledged.
import { effectiveStatus } from '@xianfeng/domain';
import { requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound, unprocessable } from '../../core/errors.ts';
import * as repo from './repo.ts';
import { statusWord } from './issue.ts';
import { enqueueWarningEvent } from '../notifications/outbound.ts';
import { anySubscriber } from '../notifications/repo.ts';

export async function acknowledge(ctx: RequestCtx, warningId: number, unitId: number) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', unitId);
  const now = nowIso(ctx.deps);
  // Everything that is only read happens before the transaction, in one round trip: during a
  // city-wide warning thousands of villages press 签收 within minutes, and on PostgreSQL a
  // transaction holds one of the pool's few connections for each of its round trips.
  const found = await db
    .selectFrom('warning')
    .leftJoin('warning_unit', (j) => j.onRef('warning_unit.warning_id', '=', 'warning.id').on('warning_unit.unit_id', '=', unitId))
    .select(['warning.status', 'warning.expires_at', 'warning_unit.unit_id', 'warning_unit.acked_at', 'warning_unit.notified_at'])
    .where('warning.id', '=', warningId)
    .executeTakeFirst();
  if (!found) throw notFound();
  if (found.unit_id === null || found.notified_at === null) throw unprocessable('warning.not_covered');
  if (found.acked_at) return { acknowledgedAt: found.acked_at, already: true };
  const status = effectiveStatus({ status: found.status, expiresAt: found.expires_at }, now);
  if (status !== 'active') throw conflict('warning.not_active', { status: statusWord(status, ctx.locale) });
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(found.notified_at)) / 1000));
  const subscribed = await anySubscriber(db, 'warning.acknowledged');

  const outcome = await db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('warning_unit')
      .set({ acked_at: now, acked_by: auth.userId || null, ack_seconds: seconds })
      .where('warning_id', '=', warningId)
      .where('unit_id', '=', unitId)
      .where('acked_at', 'is', null)
      // Cancelled since it was read above: the acknowledgement must not land after the cancel.
      .where((eb) => eb.exists(eb.selectFrom('warning').select('warning.id').where('warning.id', '=', warningId).where('warning.status', '=', 'active')))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      // Two people of one village pressing 签收 at once: the second finds it done.
      const row = await tx.selectFrom('warning_unit').select('acked_at').where('warning_id', '=', warningId).where('unit_id', '=', unitId).executeTakeFirstOrThrow();
      if (row.acked_at) return { acknowledgedAt: row.acked_at, already: true };
      throw conflict('warning.not_active', { status: statusWord('cancelled', ctx.locale) });
    }
    await repo.appendEvent(tx, { warningId, unitId, kind: 'acknowledged', actorId: auth.userId || null, detail: { seconds }, now });
    if (subscribed) await enqueueWarningEvent(tx, { warningId, event: 'warning.acknowledged', now, unitIds: [unitId], dedupeSuffix: `u${unitId}` });
    await recordAudit(tx, ctx, { entityType: 'warning_unit', entityId: `${warningId}:${unitId}`, unitId, action: 'acknowledge', after: { acknowledgedAt: now } });
    return { acknowledgedAt: now, already: false };
  });
  if (!outcome.already) await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'acknowledged', unitId, at: now });
  return outcome;
}
