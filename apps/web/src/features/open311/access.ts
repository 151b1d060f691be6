// Who sees the Open311 settings. The server checks every request again.
import type { Me } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';

/**
 * Client applications file requests anywhere in the installation, so only a system-wide grant of
 * user.manage (the system administrator) registers and revokes them — the server's rule. A
 * county's party affairs worker manages the county's accounts, not the installation's API keys.
 */
export function isOpen311Admin(me: Me): boolean {
  return me.grants.some((g) => g.unit === null && roleHas(g.role, 'user.manage'));
}
