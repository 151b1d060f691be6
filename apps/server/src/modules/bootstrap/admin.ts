// The first administrator of an empty installation.
import { passwordStrongEnough } from '@xianfeng/domain';
import type { Deps } from '../../core/context.ts';
import { recordAudit } from '../../core/audit.ts';
import { hashPassword } from '../auth/password.ts';
import { generatePassword } from '../users/service.ts';

export async function ensureAdmin(deps: Deps, configuredPassword?: string): Promise<{ created: boolean; username: string; password?: string }> {
  const db = deps.database.db;
  const existing = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: false, username: 'admin' };
  if (configuredPassword && !passwordStrongEnough(configuredPassword)) {
    throw new Error('XIANFENG_ADMIN_PASSWORD must have at least 8 characters with letters and digits');
  }
  const password = configuredPassword || generatePassword();
  const hash = await hashPassword(password);
  const now = deps.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('app_user')
      .values({ username: 'admin', display_name: '系统管理员', phone_enc: null, phone_hash: null, phone_masked: null, password_hash: hash, member_id: null, must_change_password: configuredPassword ? 0 : 1, disabled_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_grant').values({ user_id: id, role: 'admin', unit_id: null, granted_by: null, created_at: now }).execute();
    await recordAudit(trx, { deps, auth: null, locale: 'zh-CN', ip: null }, { entityType: 'user', entityId: id, unitId: null, action: 'user.create', after: { username: 'admin', role: 'admin' } });
  });
  return { created: true, username: 'admin', password: configuredPassword ? undefined : password };
}
