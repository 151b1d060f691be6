// Walks EVERY API route and tries it as an anonymous caller, a resident, and an administrator of
// the neighbouring village, each aimed at village A's data. A route added without a probe here
// fails the first test, so no route escapes the check by being forgotten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, DATABASES, startTestEnv, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';
import { workbookWithRows } from './sheets.ts';

interface Probe {
  url: string;
  body?: unknown;
  upload?: Buffer;
}

/** For each route: a request aimed at village A (or its member, or its people). */
function probes(w: World): Record<string, (() => Probe) | 'self'> {
  const A = w.units.villageA;
  return {
    'POST /api/auth/logout': 'self',
    'GET /api/auth/me': 'self',
    'POST /api/auth/password': 'self',
    'GET /api/home': 'self',
    'GET /api/units/roots': () => ({ url: '/api/units/roots' }),
    'GET /api/units': () => ({ url: '/api/units?q=东庄' }),
    'GET /api/units/:id': () => ({ url: `/api/units/${A}` }),
    'GET /api/units/:id/children': () => ({ url: `/api/units/${A}/children` }),
    'POST /api/units': () => ({ url: '/api/units', body: { code: 'NEW1', name: '新支部', kind: 'branch', parentId: A } }),
    'PATCH /api/units/:id': () => ({ url: `/api/units/${A}`, body: { name: '改名' } }),
    'POST /api/units/:id/move': () => ({ url: `/api/units/${w.units.branchA}/move`, body: { parentId: w.units.villageB } }),
    'POST /api/units/:id/archive': () => ({ url: `/api/units/${w.units.branchA}/archive` }),
    'GET /api/members': () => ({ url: `/api/members?unitId=${A}` }),
    'GET /api/members/:id': () => ({ url: `/api/members/${w.members.a}` }),
    'POST /api/members': () => ({ url: '/api/members', body: { unitId: w.units.branchA, ...person() } }),
    'PATCH /api/members/:id': () => ({ url: `/api/members/${w.members.a}`, body: { occupation: '农民' } }),
    'POST /api/members/:id/transfer': () => ({ url: `/api/members/${w.members.a}/transfer`, body: { toUnitId: w.units.branchB } }),
    'POST /api/members/:id/unmask': () => ({ url: `/api/members/${w.members.a}/unmask`, body: { field: 'idNumber' } }),
    'GET /api/members/export': () => ({ url: `/api/members/export?unitId=${A}` }),
    'GET /api/specialties': () => ({ url: `/api/specialties?unitId=${A}` }),
    'POST /api/specialties': () => ({ url: '/api/specialties', body: { unitId: A, name: '编织' } }),
    'GET /api/imports/members/template': () => ({ url: '/api/imports/members/template' }),
    'GET /api/imports/units/template': () => ({ url: '/api/imports/units/template' }),
    'POST /api/imports/members': () => ({ url: '/api/imports/members?dryRun=1', upload: memberRoll() }),
    'POST /api/imports/units': () => ({ url: '/api/imports/units?dryRun=1', upload: unitRoll() }),
    'GET /api/audit': () => ({ url: `/api/audit?unitId=${A}` }),
    'GET /api/users': () => ({ url: `/api/users?unitId=${A}` }),
    'POST /api/users': () => ({ url: '/api/users', body: { username: 'intruder', displayName: 'x', role: 'secretary', unitId: A } }),
    'POST /api/users/:id/grants': () => ({ url: `/api/users/${w.users.secretaryA.id}/grants`, body: { role: 'member', unitId: A } }),
    'DELETE /api/users/:id/grants/:grantId': () => ({ url: `/api/users/${w.users.secretaryA.id}/grants/${grantIds.secretaryA}` }),
    'POST /api/users/:id/reset-password': () => ({ url: `/api/users/${w.users.secretaryA.id}/reset-password` }),
    'POST /api/users/:id/disable': () => ({ url: `/api/users/${w.users.secretaryA.id}/disable` }),
    'POST /api/users/:id/enable': () => ({ url: `/api/users/${w.users.secretaryA.id}/enable` }),
    // Points: a member's own pages need only a session (the service finds their member record);
    // every other route is aimed at village A, its member, or records created there.
    'GET /api/points/my': 'self',
    'GET /api/points/my/rules': 'self',
    'GET /api/points/my/claims': 'self',
    'GET /api/points/my/shop': 'self',
    'GET /api/points/my/orders': 'self',
    'GET /api/points/my/tasks': 'self',
    'GET /api/points/my/conduct': 'self',
    'POST /api/points/my/conduct/:id/ack': 'self',
    'POST /api/points/evidence': 'self',
    'GET /api/points/evidence/:id': 'self',
    'POST /api/points/claims': 'self',
    'GET /api/points/claims/:id': 'self',
    'POST /api/points/claims/:id/withdraw': 'self',
    'GET /api/points/members/:id': 'self',
    'GET /api/points/members/:id/entries': 'self',
    'POST /api/points/tasks/:id/claim': 'self',
    'POST /api/points/task-claims/:id/report': 'self',
    'POST /api/points/task-claims/:id/withdraw': 'self',
    'POST /api/points/shop/orders': 'self',
    'POST /api/points/shop/orders/:id/cancel': 'self',
    'GET /api/points/claims': () => ({ url: `/api/points/claims?unitId=${A}` }),
    'POST /api/points/claims/approve': () => ({ url: '/api/points/claims/approve', body: { ids: [points.claim] } }),
    'POST /api/points/claims/reject': () => ({ url: '/api/points/claims/reject', body: { ids: [points.claim], reason: '越权' } }),
    'GET /api/points/ledger': () => ({ url: `/api/points/ledger?unitId=${A}` }),
    'GET /api/points/figures': () => ({ url: `/api/points/figures?unitId=${A}&period=2026` }),
    'POST /api/points/entries': () => ({ url: '/api/points/entries', body: { memberId: w.members.a, ruleId: points.rule, occurredOn: '2026-01-05', reason: '越权' } }),
    'POST /api/points/entries/:id/reverse': () => ({ url: `/api/points/entries/${points.entry}/reverse`, body: { reason: '越权' } }),
    'POST /api/points/violations': () => ({ url: '/api/points/violations', body: { memberId: w.members.a, conductItemId: 1, occurredOn: '2026-01-05', remark: '越权' } }),
    'GET /api/points/rules': () => ({ url: `/api/points/rules?unitId=${A}` }),
    'POST /api/points/rules': () => ({ url: '/api/points/rules', body: { unitId: A, code: 'X1', name: '越权', account: 'bonus', pointsMin: 1, pointsMax: 1 } }),
    'PATCH /api/points/rules/:id': () => ({ url: `/api/points/rules/${points.rule}`, body: { name: '越权' } }),
    'POST /api/points/rules/adopt': () => ({ url: '/api/points/rules/adopt', body: { unitId: A } }),
    'GET /api/points/settings': () => ({ url: `/api/points/settings?unitId=${A}` }),
    'PUT /api/points/settings': () => ({ url: '/api/points/settings', body: { unitId: A, periodKind: 'month', boardEnabled: false, balanceExpires: true } }),
    'GET /api/points/conduct': () => ({ url: `/api/points/conduct?unitId=${A}` }),
    'PUT /api/points/conduct': () => ({ url: '/api/points/conduct', body: { unitId: A, items: [{ kind: 'do', text: '越权' }] } }),
    'POST /api/points/conduct/adopt': () => ({ url: '/api/points/conduct/adopt', body: { unitId: A } }),
    'GET /api/points/tasks': () => ({ url: `/api/points/tasks?unitId=${A}` }),
    'POST /api/points/tasks': () => ({ url: '/api/points/tasks', body: { unitId: A, title: '越权', points: 1, capacity: 1 } }),
    'PATCH /api/points/tasks/:id': () => ({ url: `/api/points/tasks/${points.task}`, body: { status: 'closed' } }),
    'POST /api/points/tasks/adopt': () => ({ url: '/api/points/tasks/adopt', body: { unitId: A } }),
    'GET /api/points/task-claims': () => ({ url: '/api/points/task-claims' }),
    'POST /api/points/task-claims/:id/decide': () => ({ url: `/api/points/task-claims/${points.taskClaim}/decide`, body: { approve: true } }),
    'GET /api/points/shop/items': () => ({ url: `/api/points/shop/items?unitId=${A}` }),
    'POST /api/points/shop/items': () => ({ url: '/api/points/shop/items', body: { unitId: A, name: '越权', price: 1, stock: 1 } }),
    'PATCH /api/points/shop/items/:id': () => ({ url: `/api/points/shop/items/${points.item}`, body: { addStock: 100 } }),
    'GET /api/points/shop/orders': () => ({ url: `/api/points/shop/orders?unitId=${A}` }),
    'POST /api/points/shop/orders/:id/hand-over': () => ({ url: `/api/points/shop/orders/${points.order}/hand-over` }),
    'GET /api/points/board': () => ({ url: `/api/points/board?unitId=${A}` }),
    'GET /api/points/export': () => ({ url: `/api/points/export?unitId=${A}&what=ledger` }),
    'GET /api/points/import/template': () => ({ url: '/api/points/import/template' }),
    'POST /api/points/import': () => ({ url: `/api/points/import?unitId=${A}&dryRun=1`, upload: workbookWithRows(['身份证号', '姓名', '规则编码', '日期'], [['370783198503121007', '张三', 'JC02', '2026-01-05']]) }),
    'GET /api/points/board/stats': () => ({ url: `/api/points/board/stats?unitId=${A}` }),
    'GET /api/points/plaque': () => ({ url: `/api/points/plaque?unitId=${A}` }),
    'POST /api/points/plaque': () => ({ url: '/api/points/plaque', body: { unitId: A, period: '2026', memberId: w.members.a, reason: '越权' } }),
  };
  function memberRoll() {
    return workbookWithRows(['姓名', '性别', '出生日期', '身份证号', '入党日期', '党员状态', '所在支部'], [['赵六', '男', '1980-01-01', String(person({ gender: 'male', birthDate: '1980-01-01' }).idNumber), '2005-01-01', '正式党员', 'C01A1']]);
  }
  function unitRoll() {
    return workbookWithRows(['组织编码', '组织名称', '组织类型', '上级组织编码'], [['C01A9', '新党小组', '党小组', 'C01A1']]);
  }
}
const grantIds = { secretaryA: 0 };
/** Points records of village A, made before the walk: a rule, an entry, a claim, a task and its claim, an item and an order. */
const points = { rule: 0, entry: 0, claim: 0, task: 0, taskClaim: 0, item: 0, order: 0 };

describe.each(DATABASES)('authorization of every route (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const g = await env.deps.database.db.selectFrom('role_grant').select('id').where('user_id', '=', w.users.secretaryA.id).executeTakeFirstOrThrow();
    grantIds.secretaryA = g.id;
    await env.deps.database.db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    const A = w.units.villageA;
    await w.as.secretaryA.post('/api/points/rules/adopt', { unitId: A });
    const rules = (await w.as.secretaryA.get(`/api/points/rules?unitId=${A}`)).json().items as Array<{ id: number; code: string }>;
    points.rule = rules.find((r) => r.code === 'JC02')!.id;
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    points.entry = (await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.find((r) => r.code === 'JC03')!.id, occurredOn: day, reason: '主题党日' })).json().id;
    points.claim = (await w.as.memberA.post('/api/points/claims', { ruleId: points.rule, occurredOn: day, remark: '党小组会' })).json().id;
    points.task = (await w.as.secretaryA.post('/api/points/tasks', { unitId: A, title: '探望老人', points: 2, capacity: 3 })).json().id;
    points.taskClaim = (await w.as.memberA.post(`/api/points/tasks/${points.task}/claim`)).json().id;
    await w.as.memberA.post(`/api/points/task-claims/${points.taskClaim}/report`, { report: '已探望' });
    points.item = (await w.as.secretaryA.post('/api/points/shop/items', { unitId: A, name: '毛巾', price: 1, stock: 5 })).json().id;
    points.order = (await w.as.memberA.post('/api/points/shop/orders', { itemId: points.item })).json().id;
    for (const [k, v] of Object.entries(points)) if (!v) throw new Error(`authorization fixture ${k} was not created`);
  });
  afterAll(() => env?.close());

  const send = (client: ReturnType<typeof anonymous>, method: string, p: Probe) =>
    p.upload ? client.upload(p.url, 'roll.csv', p.upload) : client.request(method, p.url, p.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));

  it('has a probe for every route that is not public', () => {
    const table = probes(w);
    const missing = env.app.xfRoutes.filter((r) => r.access !== 'public' && !(`${r.method} ${r.url}` in table)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('only health, meta, login and the public pioneer board are public', () => {
    const pub = env.app.xfRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(pub.sort()).toEqual(['GET /api/health', 'GET /api/meta', 'GET /api/public/board', 'POST /api/auth/login']);
  });

  it('refuses an anonymous caller on every non-public route with 401', async () => {
    const anon = anonymous(env.app);
    const table = probes(w);
    for (const r of env.app.xfRoutes.filter((r) => r.access !== 'public')) {
      const entry = table[`${r.method} ${r.url}`];
      const probe = entry === 'self' ? { url: r.url } : entry();
      const res = await send(anon, r.method, probe);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('error.unauthenticated');
    }
  });

  it('refuses a resident on every route that needs a permission', async () => {
    const table = probes(w);
    for (const r of env.app.xfRoutes.filter((r) => r.access !== 'public' && r.access !== 'session')) {
      const res = await send(w.as.resident, r.method, (table[`${r.method} ${r.url}`] as () => Probe)());
      expect(res.statusCode, `${r.method} ${r.url} → ${res.body}`).toBe(403);
    }
  });

  it('refuses the neighbouring village’s administrator on every route aimed at village A', async () => {
    const table = probes(w);
    for (const r of env.app.xfRoutes.filter((r) => r.access !== 'public' && r.access !== 'session')) {
      const probe = (table[`${r.method} ${r.url}`] as () => Probe)();
      const res = await send(w.as.adminB, r.method, probe);
      if (r.method === 'GET' && (r.url === '/api/units/roots' || r.url === '/api/units' || r.url.endsWith('/template') || r.url === '/api/points/task-claims')) {
        // Scope-wide reads answer with the caller's own scope: nothing of village A may appear.
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('东庄');
        expect(res.body).not.toContain('探望老人');
        continue;
      }
      if (r.method === 'POST' && r.url.startsWith('/api/imports/')) {
        // An import aimed at village A: the unit is unknown to B's administrator, nothing written.
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(200);
        expect(res.json().ok).toBe(false);
        continue;
      }
      expect([403, 404], `${r.method} ${r.url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    }
    // And nothing changed in village A.
    const member = await w.as.admin.get(`/api/members/${w.members.a}`);
    expect(member.json().unit.id).toBe(w.units.branchA);
    expect(member.json().occupation).toBe('教师');
    const unit = await w.as.admin.get(`/api/units/${w.units.villageA}`);
    expect(unit.json().name).toBe('东庄村');
  });

  it('gives the same answer for a member outside scope and one that does not exist', async () => {
    const outside = await w.as.secretaryB.get(`/api/members/${w.members.a}`);
    const missing = await w.as.secretaryB.get('/api/members/999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });

  it('a village secretary never sees the neighbouring village’s members in a scope-wide list', async () => {
    const res = await w.as.secretaryB.get('/api/members?pageSize=100');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((m: { name: string }) => m.name);
    expect(names).toContain('李四');
    expect(names).not.toContain('张三');
  });
});
