// The deliberation hall's installation-wide setting: how many reports hide a comment on their own.
import { DEFAULT_HIDE_AFTER_REPORTS, validateHideAfterReports } from '@xianfeng/domain';
import { requireAuth, requirePermission } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { forbidden, invalid } from '../../core/errors.ts';

const KEY = 'deliberation.hide_after_reports';

export async function hideAfterReports(db: Db): Promise<number> {
  const row = await db.selectFrom('system_setting').select('value').where('key', '=', KEY).executeTakeFirst();
  const value = row ? (JSON.parse(row.value) as unknown) : DEFAULT_HIDE_AFTER_REPORTS;
  return validateHideAfterReports(value) ? value : DEFAULT_HIDE_AFTER_REPORTS;
}

export async function getSettings(ctx: RequestCtx) {
  requireAuth(ctx.auth);
  return { hideAfterReports: await hideAfterReports(ctx.deps.database.db) };
}

/** Installation-wide, so only a system-wide grant (the system administrator) may change it. */
export async function updateSettings(ctx: RequestCtx, input: { hideAfterReports: number }) {
  const auth = requirePermission(ctx.auth, 'deliberation.manage');
  if (!auth.grants.some((g) => g.unitId === null)) throw forbidden();
  if (!validateHideAfterReports(input.hideAfterReports)) throw invalid([{ field: 'hideAfterReports', code: 'deliberation.hide_after_invalid' }]);
  const now = nowIso(ctx.deps);
  await ctx.deps.database.db.transaction().execute(async (tx) => {
    const before = await hideAfterReports(tx);
    const value = JSON.stringify(input.hideAfterReports);
    await tx
      .insertInto('system_setting')
      .values({ key: KEY, value, updated_by: auth.userId || null, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: auth.userId || null, updated_at: now }))
      .execute();
    await recordAudit(tx, ctx, { entityType: 'system_setting', entityId: KEY, unitId: null, action: 'update', before, after: input.hideAfterReports });
  });
  return getSettings(ctx);
}
