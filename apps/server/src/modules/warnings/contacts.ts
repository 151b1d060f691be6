// A unit's backup contacts (备用联系人): the people told, with the parent's duty officers, when the
// unit stays silent past its acknowledgement deadline — a deputy secretary, a village committee
// member, someone who answers the phone at night.
import { requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';

export async function listBackupContacts(ctx: RequestCtx, unitId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'warning.read', unitId);
  const rows = await db
    .selectFrom('unit_backup_contact')
    .innerJoin('app_user', 'app_user.id', 'unit_backup_contact.user_id')
    .select(['app_user.id', 'app_user.username', 'app_user.display_name', 'app_user.phone_masked', 'app_user.disabled_at', 'unit_backup_contact.created_at'])
    .where('unit_backup_contact.unit_id', '=', unitId)
    .orderBy('unit_backup_contact.created_at')
    .execute();
  return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name, phone: r.phone_masked, disabled: r.disabled_at !== null, since: r.created_at }));
}

export async function addBackupContact(ctx: RequestCtx, unitId: number, userId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'warning.manage', unitId);
  const user = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst();
  if (!user) throw notFound();
  await db.transaction().execute(async (tx) => {
    // Adding someone already there is harmless, and leaves no second audit entry.
    const already = await tx.selectFrom('unit_backup_contact').select('user_id').where('unit_id', '=', unitId).where('user_id', '=', userId).executeTakeFirst();
    if (already) return;
    await tx.insertInto('unit_backup_contact').values({ unit_id: unitId, user_id: userId, created_at: nowIso(ctx.deps) }).onConflict((oc) => oc.columns(['unit_id', 'user_id']).doNothing()).execute();
    await recordAudit(tx, ctx, { entityType: 'unit_backup_contact', entityId: `${unitId}:${userId}`, unitId, action: 'add', after: { userId, name: user.display_name } });
  });
  return listBackupContacts(ctx, unitId);
}

export async function removeBackupContact(ctx: RequestCtx, unitId: number, userId: number) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'warning.manage', unitId);
  await db.transaction().execute(async (tx) => {
    const result = await tx.deleteFrom('unit_backup_contact').where('unit_id', '=', unitId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound();
    await recordAudit(tx, ctx, { entityType: 'unit_backup_contact', entityId: `${unitId}:${userId}`, unitId, action: 'remove', before: { userId } });
  });
  return listBackupContacts(ctx, unitId);
}
