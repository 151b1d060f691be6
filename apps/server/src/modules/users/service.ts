// Accounts and role grants. A grant gives a role on a unit and its whole subtree; who may grant
// what is decided by the domain's canGrant, and only inside the granter's own scope.
import crypto from 'node:crypto';
import { canGrant, maskMobile, parseMobile, passwordStrongEnough, type Role } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requirePermission, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { recordAudit } from '../../core/audit.ts';
import { likeText, toCount } from '../../db/dialect.ts';
import { hashPassword } from '../auth/password.ts';
import * as memberRepo from '../members/repo.ts';

/** A readable one-time password: no 0/O or 1/l to misread over the phone. */
export function generatePassword() {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const pick = (set: string) => set[crypto.randomInt(set.length)];
  const chars = [pick(digits), pick(digits), ...Array.from({ length: 8 }, () => pick(letters + digits))];
  return chars.join('');
}

async function grantsOf(db: Db, userIds: number[]) {
  if (userIds.length === 0) return new Map<number, Array<{ id: number; role: string; unit: { id: number; code: string; name: string } | null }>>();
  const rows = await db
    .selectFrom('role_grant')
    .leftJoin('unit', 'unit.id', 'role_grant.unit_id')
    .select(['role_grant.id', 'role_grant.user_id', 'role_grant.role', 'unit.id as unit_id', 'unit.code', 'unit.name'])
    .where('role_grant.user_id', 'in', userIds)
    .orderBy('role_grant.id')
    .execute();
  const map = new Map<number, Array<{ id: number; role: string; unit: { id: number; code: string; name: string } | null }>>();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push({ id: r.id, role: r.role, unit: r.unit_id === null ? null : { id: r.unit_id, code: r.code!, name: r.name! } });
    map.set(r.user_id, list);
  }
  return map;
}

function presentUser(u: { id: number; username: string | null; display_name: string; phone_masked: string | null; disabled_at: string | null; member_id: number | null }, grants: Awaited<ReturnType<typeof grantsOf>>) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phone: u.phone_masked,
    memberId: u.member_id,
    disabled: u.disabled_at !== null,
    grants: grants.get(u.id) ?? [],
  };
}

/** Users whose every grant lies inside the caller's scope: only they may be managed by the caller. */
async function loadManageable(ctx: RequestCtx, userId: number) {
  const auth = requirePermission(ctx.auth, 'user.manage');
  const db = ctx.deps.database.db;
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound();
  if (!scopeOf(auth, 'user.manage').global) {
    const grants = await db.selectFrom('role_grant').select(['unit_id']).where('user_id', '=', userId).execute();
    if (grants.length === 0) throw notFound();
    for (const g of grants) if (g.unit_id === null || !(await canAccessUnit(db, auth, 'user.manage', g.unit_id))) throw notFound();
  }
  return user;
}

export async function list(ctx: RequestCtx, query: { unitId?: number; q?: string; page: number; pageSize: number }) {
  const auth = requirePermission(ctx.auth, 'user.read');
  const { db, dialect } = ctx.deps.database;
  let units = scopedUnitIds(db, auth, 'user.read');
  if (query.unitId !== undefined) {
    await requireUnitAccess(db, auth, 'user.read', query.unitId);
    units = db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', query.unitId);
  }
  const global = scopeOf(auth, 'user.read').global && query.unitId === undefined;
  let base = db.selectFrom('app_user');
  if (!global) base = base.where('app_user.id', 'in', db.selectFrom('role_grant').select('role_grant.user_id').where('role_grant.unit_id', 'in', units));
  if (query.q) {
    const q = query.q;
    base = base.where((eb) => eb.or([likeText(dialect, 'app_user.display_name', q, 'contains'), likeText(dialect, 'app_user.username', q, 'contains')]));
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('app_user.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  const grants = await grantsOf(db, rows.map((r) => r.id));
  return { items: rows.map((u) => presentUser(u, grants)), total: toCount(count?.n), page: query.page, pageSize: query.pageSize };
}

async function checkGrantable(ctx: RequestCtx, role: Role, unitId: number | null) {
  const auth = requirePermission(ctx.auth, 'user.manage');
  const db = ctx.deps.database.db;
  if (unitId === null) {
    if (role !== 'admin' || !scopeOf(auth, 'user.manage').global) throw forbidden();
    return;
  }
  await requireUnitAccess(db, auth, 'user.manage', unitId);
  // The caller's strongest role over that unit decides what they may hand out.
  const rolesOver: Role[] = [];
  for (const g of auth.grants) {
    if (g.unitId === null || (await canAccessUnit(db, { ...auth, grants: [g] }, 'user.manage', unitId))) rolesOver.push(g.role);
  }
  if (!rolesOver.some((r) => canGrant(r, role))) throw forbidden();
}

export interface CreateUserInput {
  username?: string | null;
  phone?: string | null;
  displayName: string;
  password?: string | null;
  role: Role;
  unitId: number | null;
  memberId?: number | null;
}

export async function createUser(ctx: RequestCtx, input: CreateUserInput) {
  await checkGrantable(ctx, input.role, input.unitId);
  const { db } = ctx.deps.database;
  const cipher = ctx.deps.cipher;
  const issues = [];
  if (!input.username && !input.phone) issues.push({ field: 'username', code: 'user.login_required' });
  let phone: string | null = null;
  if (input.phone) {
    const m = parseMobile(input.phone);
    if (m.ok) phone = m.value;
    else issues.push({ field: 'phone', code: m.code });
  }
  if (input.password && !passwordStrongEnough(input.password)) issues.push({ field: 'password', code: 'error.password_too_weak' });
  if (issues.length) throw invalid(issues);
  if (input.memberId) {
    const member = await memberRepo.findById(db, input.memberId);
    if (!member || !(await canAccessUnit(db, ctx.auth!, 'member.read', member.unit_id))) throw invalid([{ field: 'memberId', code: 'error.not_found' }]);
  }
  const initialPassword = input.password || generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const now = nowIso(ctx.deps);
  const userId = await db.transaction().execute(async (trx) => {
    if (input.username && (await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst())) {
      throw conflict('user.username_taken', {}, [{ field: 'username', code: 'user.username_taken' }]);
    }
    if (phone && (await trx.selectFrom('app_user').select('id').where('phone_hash', '=', cipher.blindIndex(phone)).executeTakeFirst())) {
      throw conflict('user.phone_taken', {}, [{ field: 'phone', code: 'user.phone_taken' }]);
    }
    const { id } = await trx
      .insertInto('app_user')
      .values({
        username: input.username || null,
        display_name: input.displayName,
        phone_enc: phone ? cipher.encrypt(phone) : null,
        phone_hash: phone ? cipher.blindIndex(phone) : null,
        phone_masked: phone ? maskMobile(phone) : null,
        password_hash: passwordHash,
        member_id: input.memberId ?? null,
        // A password someone else chose is changed at first login.
        must_change_password: 1,
        disabled_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_grant').values({ user_id: id, role: input.role, unit_id: input.unitId, granted_by: ctx.auth!.userId, created_at: now }).execute();
    await recordAudit(trx, ctx, {
      entityType: 'user', entityId: id, unitId: input.unitId, action: 'user.create',
      after: { username: input.username ?? null, displayName: input.displayName, phone: phone ? maskMobile(phone) : null, role: input.role, unitId: input.unitId },
    });
    return id;
  });
  return { user: await getUser(ctx, userId), initialPassword: input.password ? undefined : initialPassword };
}

export async function getUser(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentUser(user, await grantsOf(db, [id]));
}

export async function addGrant(ctx: RequestCtx, userId: number, role: Role, unitId: number | null) {
  await loadManageable(ctx, userId);
  await checkGrantable(ctx, role, unitId);
  const db = ctx.deps.database.db;
  await db.transaction().execute(async (trx) => {
    let existing = trx.selectFrom('role_grant').select('id').where('user_id', '=', userId).where('role', '=', role);
    existing = unitId === null ? existing.where('unit_id', 'is', null) : existing.where('unit_id', '=', unitId);
    if (await existing.executeTakeFirst()) return;
    await trx.insertInto('role_grant').values({ user_id: userId, role, unit_id: unitId, granted_by: ctx.auth!.userId, created_at: nowIso(ctx.deps) }).execute();
    await recordAudit(trx, ctx, { entityType: 'user', entityId: userId, unitId, action: 'user.grant', after: { role, unitId } });
  });
  return getUser(ctx, userId);
}

export async function removeGrant(ctx: RequestCtx, userId: number, grantId: number) {
  await loadManageable(ctx, userId);
  const db = ctx.deps.database.db;
  const grant = await db.selectFrom('role_grant').selectAll().where('id', '=', grantId).where('user_id', '=', userId).executeTakeFirst();
  if (!grant) throw notFound();
  await checkGrantable(ctx, grant.role as Role, grant.unit_id);
  if (userId === ctx.auth!.userId && grant.role === 'admin') throw unprocessable('user.cannot_remove_own_admin');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('role_grant').where('id', '=', grantId).execute();
    await recordAudit(trx, ctx, { entityType: 'user', entityId: userId, unitId: grant.unit_id, action: 'user.revoke', before: { role: grant.role, unitId: grant.unit_id } });
  });
  return getUser(ctx, userId);
}

export async function resetPassword(ctx: RequestCtx, userId: number) {
  const user = await loadManageable(ctx, userId);
  const temporaryPassword = generatePassword();
  const hash = await hashPassword(temporaryPassword);
  const db = ctx.deps.database.db;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, must_change_password: 1, updated_at: nowIso(ctx.deps) }).where('id', '=', user.id).execute();
    await recordAudit(trx, ctx, { entityType: 'user', entityId: user.id, unitId: null, action: 'user.reset_password' });
  });
  await ctx.deps.sessions.destroyAllForUser(user.id);
  return { temporaryPassword };
}

export async function setDisabled(ctx: RequestCtx, userId: number, disabled: boolean) {
  const user = await loadManageable(ctx, userId);
  if (disabled && user.id === ctx.auth!.userId) throw unprocessable('user.cannot_disable_self');
  const db = ctx.deps.database.db;
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ disabled_at: disabled ? now : null, updated_at: now }).where('id', '=', user.id).execute();
    await recordAudit(trx, ctx, { entityType: 'user', entityId: user.id, unitId: null, action: disabled ? 'user.disable' : 'user.enable' });
  });
  if (disabled) await ctx.deps.sessions.destroyAllForUser(user.id);
  return getUser(ctx, user.id);
}

