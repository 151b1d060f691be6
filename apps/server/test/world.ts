// The standard world of the API tests: a county with one town and two neighbouring villages
// (A and B), each with a branch and a member, and a person in every role.
import { makeIdNumber } from '@xianfeng/domain';
import { factories, login, type Client, type TestEnv } from './harness.ts';

export interface World {
  units: { county: number; town: number; villageA: number; branchA: number; villageB: number; branchB: number };
  members: { a: number; b: number };
  users: Record<'admin' | 'countyAdmin' | 'secretaryA' | 'secretaryB' | 'adminB' | 'resident' | 'memberA', { id: number; username: string }>;
  as: Record<'admin' | 'countyAdmin' | 'secretaryA' | 'secretaryB' | 'adminB' | 'resident' | 'memberA', Client>;
}

let serial = 100;
/** A valid person: a fresh ID number agreeing with the birth date and gender. */
export function person(overrides: Record<string, unknown> = {}) {
  const gender = (overrides.gender as 'male' | 'female') ?? 'female';
  const birthDate = (overrides.birthDate as string) ?? '1985-03-12';
  serial += 2;
  return {
    name: '王芳',
    gender,
    ethnicity: '汉族',
    birthDate,
    idNumber: makeIdNumber('370783', birthDate, serial % 1000, gender),
    mobile: '13800138000',
    joinDate: '2010-07-01',
    status: 'full',
    fullMemberDate: '2011-07-01',
    education: 'bachelor',
    occupation: '教师',
    specialties: ['电工'],
    ...overrides,
  };
}

export async function buildWorld(env: TestEnv): Promise<World> {
  const f = factories(env);
  const county = await f.unit('C', 'county_committee', null, '中共示范县委员会');
  const town = await f.unit('C01', 'town_committee', county, '中共羊口镇委员会');
  const villageA = await f.unit('C01A', 'village', town, '东庄村');
  const branchA = await f.unit('C01A1', 'branch', villageA, '东庄村党支部');
  const villageB = await f.unit('C01B', 'village', town, '西庄村');
  const branchB = await f.unit('C01B1', 'branch', villageB, '西庄村党支部');
  const users = {
    admin: await f.user('admin', null),
    countyAdmin: await f.user('unit_admin', county),
    secretaryA: await f.user('secretary', villageA),
    secretaryB: await f.user('secretary', villageB),
    adminB: await f.user('unit_admin', villageB),
    resident: await f.user('resident', villageA),
    memberA: await f.user('member', branchA),
  };
  const as = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await login(env.app, u.username)]))) as World['as'];
  const a = await as.admin.post('/api/members', { unitId: branchA, ...person({ name: '张三', gender: 'male' }) });
  const b = await as.admin.post('/api/members', { unitId: branchB, ...person({ name: '李四', gender: 'male' }) });
  if (a.statusCode !== 201 || b.statusCode !== 201) throw new Error(`world members: ${a.body} ${b.body}`);
  return {
    units: { county, town, villageA, branchA, villageB, branchB },
    members: { a: a.json().id, b: b.json().id },
    users,
    as,
  };
}
