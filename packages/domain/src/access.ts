// Roles and what they allow. Where a grant applies (its unit and the subtree below) is decided by
// the database; this is only the table of what each role may do.

export const ROLES = ['admin', 'unit_admin', 'secretary', 'duty_officer', 'grid_worker', 'member', 'resident'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  admin: { zh: '系统管理员', en: 'System administrator' },
  unit_admin: { zh: '党务工作者(组织管理员)', en: 'Party affairs worker (unit administrator)' },
  secretary: { zh: '书记', en: 'Secretary' },
  duty_officer: { zh: '值班员', en: 'Duty officer' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  member: { zh: '党员', en: 'Party member' },
  resident: { zh: '群众', en: 'Resident' },
};

export const PERMISSIONS = [
  'unit.read',
  'unit.write',
  'member.read',
  'member.write',
  'member.unmask',
  'member.import',
  'member.export',
  'audit.read',
  'user.read',
  'user.manage',
  // Points: see figures and ledgers; approve claims and book entries; edit catalogues, lists and shops.
  'points.read',
  'points.approve',
  'points.manage',
  // Five stars and commendations: see campaigns and candidates; recommend at the branch; review at
  // the organizing committee; record the leading group's decision and handle objections; set up
  // schemes, campaigns, quotas and the holiday calendar.
  'evaluation.read',
  'evaluation.recommend',
  'evaluation.review',
  'evaluation.decide',
  'evaluation.manage',
  // Warning cascade: see warnings that reach one's units and their dashboards; issue, update and
  // cancel warnings (and import CAP); acknowledge and report for a unit (evacuation, outages);
  // set deadlines, targets, channels and backup contacts. Vulnerable households of grids are read
  // and kept by those responsible for the grid. Anyone with a role in a village may raise an alarm.
  'warning.read',
  'warning.issue',
  'warning.ack',
  'warning.manage',
  'household.read',
  'household.write',
  'alarm.raise',
  // Hazard reports (隐患排查): anyone with a role in a village reports one; those responsible for
  // the grid see the queue, triage (assign, reject) and verify fixes.
  'hazard.report',
  'hazard.read',
  'hazard.triage',
  // Deliberation hall (议事厅): the people of a community or grid raise topics, discuss, report
  // comments and vote there (where exactly is decided by their grants' units); moderators hide and
  // restore comments; managers run councils, votes, decisions and follow-up actions.
  'deliberation.participate',
  'deliberation.moderate',
  'deliberation.manage',
  // Help requests (群众求助): anyone with a role files one where they live; members serve them
  // (register where they live, accept, resolve); those responsible for a village see its queue
  // and who registered there; secretaries close requests with a reason.
  'help.request',
  'help.serve',
  'help.read',
  'help.manage',
  // People's mediation (金牌和事佬): figures without names for the units in scope; the pool of
  // mediators and the cases (register, declare, assign, supervise) for the secretaries and unit
  // administrators above the case's village. A mediator reaches only the cases they are assigned
  // to, by the assignment itself, not by a permission.
  'mediation.read',
  'mediation.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  unit_admin: PERMISSIONS,
  // A secretary chairs the branch (recommends) and the committee (reviews); the leading group's
  // decision is recorded by the party affairs worker (unit_admin) of the organizing unit.
  secretary: [
    'unit.read', 'member.read', 'member.write', 'member.import', 'member.export', 'user.read', 'points.read', 'points.approve', 'points.manage',
    'evaluation.read', 'evaluation.recommend', 'evaluation.review', 'evaluation.manage',
    'warning.read', 'warning.issue', 'warning.ack', 'household.read', 'household.write', 'alarm.raise',
    'hazard.report', 'hazard.read', 'hazard.triage',
    'deliberation.participate', 'deliberation.moderate', 'deliberation.manage',
    'help.request', 'help.serve', 'help.read', 'help.manage',
    'mediation.read', 'mediation.manage',
  ],
  // The duty officer (值班员) of a county, town or village office runs the cascade for it.
  duty_officer: ['unit.read', 'warning.read', 'warning.issue', 'warning.ack', 'household.read', 'alarm.raise', 'hazard.report', 'hazard.read', 'hazard.triage', 'deliberation.participate', 'help.request', 'help.read'],
  // A grid worker (网格员) acknowledges for the grid, keeps its households and reports evacuation.
  grid_worker: ['unit.read', 'warning.read', 'warning.ack', 'household.read', 'household.write', 'alarm.raise', 'hazard.report', 'hazard.read', 'hazard.triage', 'deliberation.participate', 'deliberation.moderate', 'help.request', 'help.read'],
  // A member sees the organization tree and the warnings reaching their units; their own record
  // is served without a permission.
  member: ['unit.read', 'warning.read', 'alarm.raise', 'hazard.report', 'deliberation.participate', 'help.request', 'help.serve'],
  // A resident sees public pages, and can raise the alarm where they live.
  resident: ['alarm.raise', 'hazard.report', 'deliberation.participate', 'help.request'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

const GRANTABLE_BY_UNIT_ADMIN: readonly Role[] = ['unit_admin', 'secretary', 'duty_officer', 'grid_worker', 'member', 'resident'];

/**
 * Whether a holder of `granterRole` may give `grantedRole` to someone: an admin anything; a
 * unit_admin anything but admin (within their own scope, which the caller checks); others nothing.
 */
export function canGrant(granterRole: Role, grantedRole: Role): boolean {
  if (!isRole(grantedRole)) return false;
  if (granterRole === 'admin') return true;
  if (granterRole === 'unit_admin') return GRANTABLE_BY_UNIT_ADMIN.includes(grantedRole);
  return false;
}
