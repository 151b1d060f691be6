import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, login, PASSWORD, startTestEnv, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

describe.each(DATABASES)('organization tree (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
  });
  afterAll(() => env?.close());

  it('a county administrator creates a branch under a village and sees it in the tree', async () => {
    const res = await w.as.countyAdmin.post('/api/units', { code: 'C01A2', name: '东庄村第二支部', kind: '党支部', parentId: w.units.villageA, foundedOn: '2020-07-01', phone: '0536-1234567' });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({ code: 'C01A2', kind: 'branch', parentId: w.units.villageA, foundedOn: '2020-07-01' });
    expect(unit.path.map((p: { code: string }) => p.code)).toEqual(['C', 'C01', 'C01A']);
    const children = await w.as.countyAdmin.get(`/api/units/${w.units.villageA}/children`);
    expect(children.json().map((u: { code: string }) => u.code)).toContain('C01A2');
  });

  it('finds units by a part of their name or code, taking % and _ literally on both databases', async () => {
    for (const [code, name] of [['C01A_X', '东庄村_临时支部'], ['C01A9X', '东庄村%第九支部'], ['C01A8X', '东庄村第八支部']]) {
      expect((await w.as.countyAdmin.post('/api/units', { code, name, kind: '党支部', parentId: w.units.villageA })).statusCode).toBe(201);
    }
    const codes = async (q: string) => (await w.as.countyAdmin.get(`/api/units?q=${encodeURIComponent(q)}`)).json().map((u: { code: string }) => u.code).filter((c: string) => c.endsWith('X'));
    expect(await codes('_')).toEqual(['C01A_X']);
    expect(await codes('%')).toEqual(['C01A9X']);
    expect(await codes('a_x')).toEqual(['C01A_X']);
    expect(await codes('第八')).toEqual(['C01A8X']);
  });

  it('refuses a duplicate unit code with 409 naming the field', async () => {
    const res = await w.as.admin.post('/api/units', { code: 'C01A', name: '重复', kind: 'village', parentId: w.units.town });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe('code');
  });

  it('explains bad input beside each field, in Chinese by default and in English on request', async () => {
    const zh = await w.as.admin.post('/api/units', { code: 'bad code!', name: '', kind: '火星', parentId: w.units.town });
    expect(zh.statusCode).toBe(400);
    const fields = zh.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('name');
    expect(zh.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const english = await login(env.app, w.users.admin.username, PASSWORD, 'en');
    const en = await english.post('/api/units', { code: 'X1', name: 'x', kind: 'mars', parentId: w.units.town });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/^[\x20-\x7e]+$/);
    expect(en.json().error.details[0].message).toMatch(/^[\x20-\x7e“”‘’…]+$/);
  });

  it('moves a subtree, keeps member counts, and refuses to move a unit under its own descendant', async () => {
    const created = await w.as.admin.post('/api/units', { code: 'C02', name: '中共桑梓镇委员会', kind: 'town_committee', parentId: w.units.county });
    const town2 = created.json().id;
    const moved = await w.as.admin.post(`/api/units/${w.units.villageA}/move`, { parentId: town2 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().path.map((p: { code: string }) => p.code)).toEqual(['C', 'C02']);
    const town2Detail = await w.as.admin.get(`/api/units/${town2}`);
    expect(town2Detail.json().memberCount).toBe(1);
    const town1 = await w.as.admin.get(`/api/units/${w.units.town}`);
    expect(town1.json().memberCount).toBe(1);
    // The member list of the new town now includes village A's member.
    const list = await w.as.admin.get(`/api/members?unitId=${town2}`);
    expect(list.json().items.map((m: { name: string }) => m.name)).toEqual(['张三']);
    const cycle = await w.as.admin.post(`/api/units/${town2}/move`, { parentId: w.units.branchA });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.code).toBe('error.unit_cycle');
    // Put it back for the other tests.
    await w.as.admin.post(`/api/units/${w.units.villageA}/move`, { parentId: w.units.town });
    expect((await w.as.admin.get(`/api/units/${town2}`)).json().memberCount).toBe(0);
    expect((await w.as.admin.get(`/api/units/${w.units.town}`)).json().memberCount).toBe(2);
    expect((await w.as.admin.get(`/api/units/${w.units.county}`)).json().memberCount).toBe(2);
  });

  it('archives an empty unit but refuses one that still has members or children', async () => {
    const busy = await w.as.admin.post(`/api/units/${w.units.branchA}/archive`);
    expect(busy.statusCode).toBe(422);
    const empty = await w.as.admin.post('/api/units', { code: 'C01A8', name: '临时党小组', kind: 'group', parentId: w.units.branchA });
    const archived = await w.as.admin.post(`/api/units/${empty.json().id}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).toBeTruthy();
    const children = await w.as.admin.get(`/api/units/${w.units.branchA}/children`);
    expect(children.json().map((u: { code: string }) => u.code)).not.toContain('C01A8');
    const withArchived = await w.as.admin.get(`/api/units/${w.units.branchA}/children?includeArchived=1`);
    expect(withArchived.json().map((u: { code: string }) => u.code)).toContain('C01A8');
  });

  it('warns where a branch breaks the organization rules', async () => {
    const res = await w.as.admin.get(`/api/units/${w.units.branchA}`);
    const codes = res.json().warnings.map((x: { code: string }) => x.code);
    expect(codes).toContain('unit.warn_branch_too_small');
    expect(codes).toContain('unit.warn_no_secretary');
  });

  it('a village secretary sees their own village as the root of their tree', async () => {
    const res = await w.as.secretaryA.get('/api/units/roots');
    expect(res.json().map((u: { code: string }) => u.code)).toEqual(['C01A']);
    const up = await w.as.secretaryA.get(`/api/units/${w.units.town}`);
    expect(up.statusCode).toBe(404);
  });

  it('records every change in the audit log with before and after', async () => {
    await w.as.admin.patch(`/api/units/${w.units.villageB}`, { name: '西庄村（新）' });
    const log = await w.as.admin.get(`/api/audit?entityType=unit&entityId=${w.units.villageB}`);
    const entry = log.json().items.find((e: { action: string }) => e.action === 'unit.update');
    expect(entry.before).toEqual({ name: '西庄村' });
    expect(entry.after).toEqual({ name: '西庄村（新）' });
  });
});
