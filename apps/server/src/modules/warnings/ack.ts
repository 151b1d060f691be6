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

export async function acknowledge(ctx: RequestCtx, warningId: number, unitId: number) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', unitId);
  const now = nowIso(ctx.deps);
  const outcome = await db.transaction().execute(async (tx) => {
    const warning = await repo.getWarning(tx, warningId);
    if (!warning) throw notFound();
    const reached = await tx.selectFrom('warning_unit').select(['acked_at', 'acked_by', 'notified_at']).where('warning_id', '=', warningId).where('unit_id', '=', unitId).executeTakeFirst();
    if (!reached) throw unprocessable('warning.not_covered');
    if (reached.acked_at) return { acknowledgedAt: reached.acked_at, already: true };
    const status = effectiveStatus({ status: warning.status, expiresAt: warning.expires_at }, now);
    if (status !== 'active') throw conflict('warning.not_active', { status: statusWord(status, ctx.locale) });
    const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(reached.notified_at)) / 1000));
    const result = await tx
      .updateTable('warning_unit')
      .set({ acked_at: now, acked_by: auth.userId || null, ack_seconds: seconds })
      .where('warning_id', '=', warningId)
      .where('unit_id', '=', unitId)
      .where('acked_at', 'is', null)
      .executeTakeFirst();
    // Two people of one village pressing 签收 at once: the second finds it done.
    if (Number(result.numUpdatedRows) === 0) {
      const row = await tx.selectFrom('warning_unit').select('acked_at').where('warning_id', '=', warningId).where('unit_id', '=', unitId).executeTakeFirstOrThrow();
      return { acknowledgedAt: row.acked_at!, already: true };
    }
    await repo.appendEvent(tx, { warningId, unitId, kind: 'acknowledged', actorId: auth.userId || null, detail: { seconds }, now });
    await enqueueWarningEvent(tx, { warningId, event: 'warning.acknowledged', now, unitIds: [unitId], dedupeSuffix: `u${unitId}` });
    await recordAudit(tx, ctx, { entityType: 'warning_unit', entityId: `${warningId}:${unitId}`, unitId, action: 'acknowledge', after: { acknowledgedAt: now } });
    return { acknowledgedAt: now, already: false };
  });
  if (!outcome.already) await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'acknowledged', unitId, at: now });
  return outcome;
}
