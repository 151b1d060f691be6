import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DATABASES, startTestEnv, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

describe.each(DATABASES)('first page per role (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    await env.deps.database.db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
  });
  afterAll(() => env?.close());

  it('a county administrator sees the figures of the whole county and the rule warnings', async () => {
    const res = await w.as.countyAdmin.get('/api/home');
    expect(res.json()).toMatchObject({ role: 'unit_admin', unit: { code: 'C' }, counts: { members: 2, full: 2, probationary: 0, units: 6 } });
    const warned = res.json().warnings.map((x: { unit: { code: string }; code: string }) => `${x.unit.code}:${x.code}`);
    expect(warned).toContain('C01A1:unit.warn_branch_too_small');
  });

  it('a village secretary sees only their village', async () => {
    const res = await w.as.secretaryA.get('/api/home');
    expect(res.json()).toMatchObject({ role: 'secretary', unit: { code: 'C01A' }, counts: { members: 1, units: 2 } });
    expect(JSON.stringify(res.json())).not.toContain('C01B');
  });

  it('a member sees their own entry, masked, and no figures', async () => {
    const res = await w.as.memberA.get('/api/home');
    expect(res.json()).toMatchObject({ role: 'member', counts: null, self: { name: '张三' } });
    expect(res.json().self.idNumber).toMatch(/\*{10}/);
  });

  it('a resident sees no registry data', async () => {
    const res = await w.as.resident.get('/api/home');
    expect(res.json()).toMatchObject({ role: 'resident', counts: null, self: null, warnings: [] });
  });

  it('offers browsable API documentation', async () => {
    const res = await anonymous(env.app).get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
