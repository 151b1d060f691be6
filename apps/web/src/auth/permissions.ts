// What each role may do comes from the domain package, the same table the server enforces. The
// web app uses it only to decide which menu items and buttons to show; the server checks every
// request again, on the caller's scope.
import { canGrant, roleHas, ROLES, type Permission, type Role } from '@xianfeng/domain';
import type { Me } from '../api/types.ts';

export { roleHas, ROLES };

/** Whether any of the user's grants carries the permission (somewhere in their scope). */
export function can(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && me.grants.some((g) => roleHas(g.role, permission));
}

/** ROLES runs from strongest to weakest: the home page and header follow the strongest role. */
export function strongestRole(me: Me): Role {
  return ROLES.find((r) => me.grants.some((g) => g.role === r)) ?? 'resident';
}

/** Roles the user may hand out (within their own scope, which the server checks). */
export function grantableRoles(me: Me): Role[] {
  return ROLES.filter((r) => me.grants.some((g) => canGrant(g.role, r)));
}
