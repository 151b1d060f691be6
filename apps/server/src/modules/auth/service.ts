import { parseMobile, passwordStrongEnough, type Role } from '@xianfeng/domain';
import type { Auth, Deps, RequestCtx } from '../../core/context.ts';
import { AppError, unprocessable } from '../../core/errors.ts';
import { recordAudit } from '../../core/audit.ts';
import { requireAuth } from '../../core/access.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import type { ThrottlePolicy } from './store.ts';

export const SESSION_TTL_SECONDS = 12 * 60 * 60;
// Per login name: 5 failures in 15 minutes lock it for 15 minutes. Per address a wider net, so
// one address cannot walk through many accounts.
const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 };
const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 30, windowSeconds: 900, lockSeconds: 900 };

export async function findUserByLogin(deps: Deps, login: string) {
  const db = deps.database.db;
  const mobile = parseMobile(login);
  let q = db.selectFrom('app_user').selectAll();
  q = mobile.ok ? q.where('phone_hash', '=', deps.cipher.blindIndex(mobile.value)) : q.where('username', '=', login.trim());
  return q.executeTakeFirst();
}

export async function login(ctx: RequestCtx, input: { login: string; password: string }, userAgent: string | null) {
  const { deps } = ctx;
  const now = deps.now();
  const accountKey = `login:${input.login.trim().toLowerCase()}`;
  const addressKey = `ip:${ctx.ip ?? 'unknown'}`;
  const lockedMs = Math.max(await deps.throttle.lockedFor(accountKey, now), await deps.throttle.lockedFor(addressKey, now));
  if (lockedMs > 0) throw new AppError(429, 'error.rate_limited', undefined, { minutes: Math.ceil(lockedMs / 60000) });

  const user = await findUserByLogin(deps, input.login);
  const ok = user && !user.disabled_at ? await verifyPassword(user.password_hash, input.password) : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !ok) {
    await deps.throttle.fail(accountKey, now, ACCOUNT_POLICY);
    await deps.throttle.fail(addressKey, now, ADDRESS_POLICY);
    throw new AppError(401, 'error.bad_credentials');
  }
  await deps.throttle.reset(accountKey);
  const session = await deps.sessions.create({ userId: user.id, ip: ctx.ip, userAgent, ttlSeconds: SESSION_TTL_SECONDS, now });
  await deps.database.db.transaction().execute((trx) =>
    recordAudit(trx, { ...ctx, auth: { userId: user.id, displayName: user.display_name } as Auth }, {
      entityType: 'user',
      entityId: user.id,
      unitId: null,
      action: 'login',
    }),
  );
  return session;
}

export async function loadAuth(deps: Deps, token: string): Promise<Auth | null> {
  const session = await deps.sessions.get(token, deps.now());
  if (!session) return null;
  // The user and their grants in one round trip: every request pays for this lookup.
  const rows = await deps.database.db
    .selectFrom('app_user')
    .leftJoin('role_grant', 'role_grant.user_id', 'app_user.id')
    .leftJoin('unit', 'unit.id', 'role_grant.unit_id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.member_id', 'app_user.disabled_at', 'app_user.must_change_password', 'role_grant.id as grant_id', 'role_grant.role', 'role_grant.unit_id', 'unit.archived_at'])
    .where('app_user.id', '=', session.userId)
    .orderBy('role_grant.id')
    .execute();
  const user = rows[0];
  if (!user || user.disabled_at) return null;
  // A grant on an archived unit no longer gives any access.
  const grants = rows.filter((g) => g.grant_id !== null && (g.unit_id === null || g.archived_at === null));
  return {
    userId: user.id,
    displayName: user.display_name,
    memberId: user.member_id,
    grants: grants.map((g) => ({ role: g.role as Role, unitId: g.unit_id })),
    sessionId: session.id,
    csrfToken: session.csrfToken,
    mustChangePassword: user.must_change_password === 1,
  };
}

export async function me(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'phone_masked', 'member_id', 'must_change_password'])
    .where('id', '=', auth.userId)
    .executeTakeFirstOrThrow();
  const unitIds = [...new Set(auth.grants.map((g) => g.unitId).filter((id): id is number => id !== null))];
  const units = unitIds.length
    ? await db.selectFrom('unit').select(['id', 'code', 'name', 'kind']).where('id', 'in', unitIds).execute()
    : [];
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    phone: user.phone_masked,
    memberId: user.member_id,
    mustChangePassword: user.must_change_password === 1,
    csrfToken: auth.csrfToken,
    grants: auth.grants.map((g) => ({ role: g.role, unit: g.unitId === null ? null : (byId.get(g.unitId) ?? null) })),
  };
}

export async function changePassword(ctx: RequestCtx, input: { currentPassword: string; newPassword: string }) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const user = await db.selectFrom('app_user').select(['password_hash']).where('id', '=', auth.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw unprocessable('error.password_wrong', {}, [{ field: 'currentPassword', code: 'error.password_wrong' }]);
  }
  if (!passwordStrongEnough(input.newPassword)) {
    throw unprocessable('error.password_too_weak', {}, [{ field: 'newPassword', code: 'error.password_too_weak' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, must_change_password: 0, updated_at: ctx.deps.now().toISOString() })
      .where('id', '=', auth.userId)
      .execute();
    await recordAudit(trx, ctx, { entityType: 'user', entityId: auth.userId, unitId: null, action: 'password.change' });
  });
}

export async function logout(ctx: RequestCtx, token: string | undefined) {
  if (token) await ctx.deps.sessions.destroy(token);
}
