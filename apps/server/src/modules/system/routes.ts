import {
  EDUCATION_LEVELS, ETHNICITIES, GENDERS, MEMBER_STATUSES, ROLES, UNIT_KINDS, enumLabel,
} from '@xianfeng/domain';
import { route, type RouteSpec } from '../../core/http.ts';

function labelled(name: 'gender' | 'memberStatus' | 'education' | 'unitKind', values: readonly string[]) {
  return values.map((value) => ({ value, zh: enumLabel(name, value, 'zh-CN'), en: enumLabel(name, value, 'en') }));
}

export const systemRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/health',
    summary: 'Liveness and the database in use',
    tags: ['system'],
    access: 'public',
    async handler({ ctx }) {
      const { db, dialect } = ctx.deps.database;
      await db.selectFrom('unit').select('id').limit(1).execute();
      return { status: 'ok', database: dialect };
    },
  }),
  route({
    method: 'GET',
    url: '/api/meta',
    summary: 'The enumerations forms need, with Chinese and English labels',
    tags: ['system'],
    access: 'public',
    async handler() {
      return {
        unitKinds: labelled('unitKind', UNIT_KINDS.map((k) => (typeof k === 'string' ? k : k.value))),
        genders: labelled('gender', GENDERS),
        memberStatuses: labelled('memberStatus', MEMBER_STATUSES),
        educationLevels: labelled('education', EDUCATION_LEVELS.map((e) => (typeof e === 'string' ? e : e.value))),
        ethnicities: ETHNICITIES.map((e) => (typeof e === 'string' ? e : e.value)),
        roles: ROLES.map((value) => ({ value, zh: enumLabel('role' as never, value, 'zh-CN'), en: enumLabel('role' as never, value, 'en') })),
      };
    },
  }),
];
