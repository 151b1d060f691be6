// Who a points action is about, checked in one place: the caller themself (a member acting on
// their own behalf) or a member inside the caller's scope for a permission.
import type { Permission } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { canAccessUnit, requireAuth, requirePermission } from '../../core/access.ts';
import { AppError, notFound } from '../../core/errors.ts';

export interface MemberRef {
  id: number;
  name: string;
  unit_id: number;
}

function findMember(ctx: RequestCtx, id: number) {
  return ctx.deps.database.db.selectFrom('member').select(['id', 'name', 'unit_id']).where('id', '=', id).executeTakeFirst();
}

/** The member record of the logged-in person; 422 when their account has none. */
export async function selfMember(ctx: RequestCtx): Promise<MemberRef> {
  const auth = requireAuth(ctx.auth);
  const member = auth.memberId ? await findMember(ctx, auth.memberId) : undefined;
  if (!member) throw new AppError(422, 'points.not_a_member');
  return member;
}

/** A member inside the caller's scope for `permission`; outside it or missing: 404. */
export async function memberInScope(ctx: RequestCtx, memberId: number, permission: Permission): Promise<MemberRef> {
  const auth = requirePermission(ctx.auth, permission);
  const member = await findMember(ctx, memberId);
  if (!member || !(await canAccessUnit(ctx.deps.database.db, auth, permission, member.unit_id))) throw notFound();
  return member;
}

/**
 * The member an action is for: the caller themself, or — a secretary on behalf of an elderly
 * member — someone in the caller's scope for `permission`.
 */
export async function actingFor(ctx: RequestCtx, memberId: number | undefined, permission: Permission): Promise<MemberRef> {
  const auth = requireAuth(ctx.auth);
  if (memberId === undefined || memberId === auth.memberId) return selfMember(ctx);
  return memberInScope(ctx, memberId, permission);
}

/** Whether the caller may read the member's points: themself, or in scope for points.read. */
export async function readableMember(ctx: RequestCtx, memberId: number): Promise<MemberRef> {
  const auth = requireAuth(ctx.auth);
  if (memberId === auth.memberId) return selfMember(ctx);
  return memberInScope(ctx, memberId, 'points.read');
}

export { today } from '../../core/context.ts';
