// Who sees which warning screens. The server checks every request again on the caller's scope.
import type { Me } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';

/**
 * The deadlines and recovery targets hold for the whole installation, so only a system-wide grant
 * of warning.manage (the system administrator) changes them — the server's rule.
 */
export function isWarningAdmin(me: Me): boolean {
  return me.grants.some((g) => g.unit === null && roleHas(g.role, 'warning.manage'));
}
