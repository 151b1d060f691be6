// The one place that decides whether a caller may act on a unit. Deny by default: a grant
// applies to its unit and every unit below it (looked up in the closure table), and a caller
// outside the subtree is told "not found", exactly as if the record did not exist.
import { roleHas, type Permission } from '@xianfeng/domain';
import type { Auth, Db } from './context.ts';
import { forbidden, notFound, unauthenticated } from './errors.ts';

export function requireAuth(auth: Auth | null): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

interface Scope {
  /** A system-wide grant (system administrator). */
  global: boolean;
  /** Roots of the subtrees the caller may act on. */
  roots: number[];
}

export function scopeOf(auth: Auth, permission: Permission): Scope {
  const grants = auth.grants.filter((g) => roleHas(g.role, permission));
  return {
    global: grants.some((g) => g.unitId === null),
    roots: [...new Set(grants.map((g) => g.unitId).filter((id): id is number => id !== null))],
  };
}

/** Refuses (403) a caller who holds the permission nowhere at all. */
export function requirePermission(auth: Auth | null, permission: Permission): Auth {
  const a = requireAuth(auth);
  const scope = scopeOf(a, permission);
  if (!scope.global && scope.roots.length === 0) throw forbidden();
  return a;
}

export async function canAccessUnit(db: Db, auth: Auth, permission: Permission, unitId: number): Promise<boolean> {
  const scope = scopeOf(auth, permission);
  if (scope.global) return true;
  if (scope.roots.length === 0) return false;
  const row = await db
    .selectFrom('unit_closure')
    .select('depth')
    .where('descendant_id', '=', unitId)
    .where('ancestor_id', 'in', scope.roots)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Throws 403 without the permission anywhere, 404 when the unit is outside the caller's subtrees. */
export async function requireUnitAccess(db: Db, auth: Auth | null, permission: Permission, unitId: number): Promise<Auth> {
  const a = requirePermission(auth, permission);
  if (!(await canAccessUnit(db, a, permission, unitId))) throw notFound();
  return a;
}

/** A subquery of every unit id inside the caller's scope for this permission. */
export function scopedUnitIds(db: Db, auth: Auth, permission: Permission) {
  const scope = scopeOf(auth, permission);
  if (scope.global) return db.selectFrom('unit').select('unit.id as descendant_id');
  return db
    .selectFrom('unit_closure')
    .select('unit_closure.descendant_id')
    .where('unit_closure.ancestor_id', 'in', scope.roots.length ? scope.roots : [-1]);
}

export type ScopeQuery = ReturnType<typeof scopedUnitIds>;
