// The cascade's installation-wide settings: acknowledgement deadlines per level and recovery
// targets per kind of outage, with the domain's defaults until an administrator changes them.
import { DEFAULT_ACK_DEADLINES, DEFAULT_RECOVERY_TARGETS, validateAckDeadlines, validateRecoveryTargets, type AckDeadlines, type RecoveryTargets } from '@xianfeng/domain';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { requirePermission } from '../../core/access.ts';
import { forbidden, unprocessable } from '../../core/errors.ts';

const ACK_KEY = 'warning.ack_deadlines';
const RECOVERY_KEY = 'recovery.targets';

async function read<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('system_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? { ...fallback, ...(JSON.parse(row.value) as T) } : fallback;
}

export const ackDeadlines = (db: Db): Promise<AckDeadlines> => read(db, ACK_KEY, DEFAULT_ACK_DEADLINES);
export const recoveryTargets = (db: Db): Promise<RecoveryTargets> => read(db, RECOVERY_KEY, DEFAULT_RECOVERY_TARGETS);

export async function getSettings(ctx: RequestCtx) {
  const db = ctx.deps.database.db;
  return { ackDeadlines: await ackDeadlines(db), recoveryTargets: await recoveryTargets(db) };
}

/** Installation-wide, so only a system-wide grant (the system administrator) may change them. */
export async function updateSettings(ctx: RequestCtx, input: { ackDeadlines?: Record<string, number>; recoveryTargets?: Record<string, number> }) {
  const auth = requirePermission(ctx.auth, 'warning.manage');
  if (!auth.grants.some((g) => g.unitId === null)) throw forbidden();
  if (input.ackDeadlines && !validateAckDeadlines(input.ackDeadlines)) throw unprocessable('warning.deadlines_invalid');
  if (input.recoveryTargets && !validateRecoveryTargets(input.recoveryTargets)) throw unprocessable('warning.targets_invalid');
  const now = nowIso(ctx.deps);
  await ctx.deps.database.db.transaction().execute(async (tx) => {
    for (const [key, value] of [[ACK_KEY, input.ackDeadlines], [RECOVERY_KEY, input.recoveryTargets]] as const) {
      if (!value) continue;
      const before = await tx.selectFrom('system_setting').select('value').where('key', '=', key).executeTakeFirst();
      await tx
        .insertInto('system_setting')
        .values({ key, value: JSON.stringify(value), updated_by: auth.userId || null, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: auth.userId || null, updated_at: now }))
        .execute();
      await recordAudit(tx, ctx, { entityType: 'system_setting', entityId: key, unitId: null, action: 'update', before: before ? JSON.parse(before.value) : null, after: value });
    }
  });
  return getSettings(ctx);
}
