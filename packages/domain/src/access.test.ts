import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_LABELS, ROLE_PERMISSIONS, canGrant, isPermission, isRole, roleHas, type Permission, type Role } from './access.ts';

// The whole table. ✓ = allowed.
//                 admin  unit_admin  secretary  duty  grid  member  resident
const TABLE = `
unit.read          ✓      ✓           ✓          ✓     ✓     ✓       -
unit.write         ✓      ✓           -          -     -     -       -
member.read        ✓      ✓           ✓          -     -     -       -
member.write       ✓      ✓           ✓          -     -     -       -
member.unmask      ✓      ✓           -          -     -     -       -
member.import      ✓      ✓           ✓          -     -     -       -
member.export      ✓      ✓           ✓          -     -     -       -
audit.read         ✓      ✓           -          -     -     -       -
user.read          ✓      ✓           ✓          -     -     -       -
user.manage        ✓      ✓           -          -     -     -       -
points.read        ✓      ✓           ✓          -     -     -       -
points.approve     ✓      ✓           ✓          -     -     -       -
points.manage      ✓      ✓           ✓          -     -     -       -
evaluation.read    ✓      ✓           ✓          -     -     -       -
evaluation.recommend ✓    ✓           ✓          -     -     -       -
evaluation.review  ✓      ✓           ✓          -     -     -       -
evaluation.decide  ✓      ✓           -          -     -     -       -
evaluation.manage  ✓      ✓           ✓          -     -     -       -
warning.read       ✓      ✓           ✓          ✓     ✓     ✓       -
warning.issue      ✓      ✓           ✓          ✓     -     -       -
warning.ack        ✓      ✓           ✓          ✓     ✓     -       -
warning.manage     ✓      ✓           -          -     -     -       -
household.read     ✓      ✓           ✓          ✓     ✓     -       -
household.write    ✓      ✓           ✓          -     ✓     -       -
alarm.raise        ✓      ✓           ✓          ✓     ✓     ✓       ✓
hazard.report      ✓      ✓           ✓          ✓     ✓     ✓       ✓
hazard.read        ✓      ✓           ✓          ✓     ✓     -       -
hazard.triage      ✓      ✓           ✓          ✓     ✓     -       -
deliberation.participate ✓ ✓          ✓          ✓     ✓     ✓       ✓
deliberation.moderate ✓   ✓           ✓          -     ✓     -       -
deliberation.manage ✓     ✓           ✓          -     -     -       -
help.request       ✓      ✓           ✓          ✓     ✓     ✓       ✓
help.serve         ✓      ✓           ✓          -     -     ✓       -
help.read          ✓      ✓           ✓          ✓     ✓     -       -
help.manage        ✓      ✓           ✓          -     -     -       -
mediation.read     ✓      ✓           ✓          -     -     -       -
mediation.manage   ✓      ✓           ✓          -     -     -       -
`;

const rows = TABLE.trim().split('\n').map((line) => line.trim().split(/\s+/));

describe('ROLE_PERMISSIONS', () => {
  it('covers every permission and role in the table', () => {
    expect(rows.map((r) => r[0])).toEqual([...PERMISSIONS]);
    expect(ROLES).toEqual(['admin', 'unit_admin', 'secretary', 'duty_officer', 'grid_worker', 'member', 'resident']);
  });

  for (const [permission, ...marks] of rows) {
    ROLES.forEach((role, i) => {
      const allowed = marks[i] === '✓';
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(roleHas(role, permission as Permission)).toBe(allowed);
        expect(ROLE_PERMISSIONS[role].includes(permission as Permission)).toBe(allowed);
      });
    });
  }

  it('keeps unmasking to administrators', () => {
    expect(ROLES.filter((r) => roleHas(r, 'member.unmask'))).toEqual(['admin', 'unit_admin']);
  });

  it('lists no permission twice and none unknown', () => {
    for (const role of ROLES) {
      expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
      for (const p of ROLE_PERMISSIONS[role]) expect(isPermission(p)).toBe(true);
    }
  });

  it('refuses unknown roles instead of throwing', () => {
    expect(roleHas('nobody' as Role, 'unit.read')).toBe(false);
    expect(isRole('nobody')).toBe(false);
    expect(isRole('secretary')).toBe(true);
  });
});

describe('ROLE_LABELS', () => {
  it('names each role in Chinese and English', () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, ROLE_LABELS[r].zh]))).toEqual({
      admin: '系统管理员', unit_admin: '党务工作者(组织管理员)', secretary: '书记', duty_officer: '值班员', grid_worker: '网格员', member: '党员', resident: '群众',
    });
    for (const r of ROLES) expect(ROLE_LABELS[r].en).toMatch(/^[A-Z]/);
  });
});

describe('canGrant', () => {
  // Rows: granter; columns: granted role.
  //                 admin  unit_admin  secretary  duty  grid  member  resident
  const GRANTS = `
admin              ✓      ✓           ✓          ✓     ✓     ✓       ✓
unit_admin         -      ✓           ✓          ✓     ✓     ✓       ✓
secretary          -      -           -          -     -     -       -
duty_officer       -      -           -          -     -     -       -
grid_worker        -      -           -          -     -     -       -
member             -      -           -          -     -     -       -
resident           -      -           -          -     -     -       -
`;
  for (const [granter, ...marks] of GRANTS.trim().split('\n').map((l) => l.trim().split(/\s+/))) {
    ROLES.forEach((granted, i) => {
      const allowed = marks[i] === '✓';
      it(`${granter} ${allowed ? 'may' : 'may not'} grant ${granted}`, () => {
        expect(canGrant(granter as Role, granted)).toBe(allowed);
      });
    });
  }
  it('grants nothing unknown', () => {
    expect(canGrant('admin', 'root' as Role)).toBe(false);
  });
});
