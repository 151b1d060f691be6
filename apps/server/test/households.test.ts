// Vulnerable households of a grid, through the API on both databases: the people responsible for a
// grid register households and the people in them to move first, with the reason each is
// recorded; the duty officers above may read them; nobody else sees them — not the neighbouring
// village, not another grid's worker, not a resident — and every read leaves an audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

describe.each(DATABASES)('vulnerable households (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let gridA1: number;
  let gridA2: number;
  let gridWorker1: Client;
  let townDuty: Client;
  let householdA1: number;
  let householdA2: number;

  const audits = (entityType: string, action?: string) => {
    let q = env.deps.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', entityType);
    if (action) q = q.where('action', '=', action);
    return q.orderBy('id').execute();
  };
  const register = (c: Client, body: Record<string, unknown>) => c.post('/api/households', { unitId: gridA1, address: '东庄村一组 12 号', headName: '王大爷', phone: '13800138000', people: 2, ...body });

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const f = factories(env);
    gridA1 = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    gridA2 = await f.unit('C01A-G2', 'grid', w.units.villageA, '东庄二网格');
    gridWorker1 = await login(env.app, (await f.user('grid_worker', gridA1)).username);
    townDuty = await login(env.app, (await f.user('duty_officer', w.units.town)).username);
  });
  afterAll(async () => env?.close());

  it('registers a household under a grid, its phone encrypted at rest and shown masked', async () => {
    const res = await register(gridWorker1, {});
    expect(res.statusCode, res.body).toBe(201);
    householdA1 = res.json().id;
    expect(res.json()).toMatchObject({ unitId: gridA1, unitName: '东庄一网格', address: '东庄村一组 12 号', headName: '王大爷', phone: '138****8000', people: 2, vulnerable: [] });
    const row = await env.deps.database.db.selectFrom('household').selectAll().where('id', '=', householdA1).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13800138000');
    expect(env.deps.cipher.decrypt(row.phone_enc!)).toBe('13800138000');
    const [entry] = await audits('household', 'households.create');
    expect(JSON.parse(entry.after_json!)).toMatchObject({ phone: '138****8000' });
    expect(entry.after_json).not.toContain('13800138000');
    const other = await register(w.as.secretaryA, { unitId: gridA2, address: '东庄村二组 3 号', headName: '李奶奶', phone: null, people: 1 });
    expect(other.statusCode, other.body).toBe(201);
    householdA2 = other.json().id;
    expect(other.json().phone).toBeNull();
  });

  it('refuses a household outside a grid, village or community, with no one in it, or with a wrong phone', async () => {
    const branch = await register(w.as.secretaryA, { unitId: w.units.branchA });
    expect(branch.statusCode).toBe(422);
    expect(branch.json().error).toMatchObject({ code: 'household.not_grid', message: '住户须登记在网格、村或社区下' });
    const village = await register(w.as.secretaryA, { unitId: w.units.villageA, address: '东庄村村部旁' });
    expect(village.statusCode).toBe(201);
    const empty = await register(w.as.secretaryA, { people: 0 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('people');
    const phone = await register(w.as.secretaryA, { phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.details).toEqual([expect.objectContaining({ field: 'phone', code: 'phone.format' })]);
  });

  it('records a person to move first only with the reason it is recorded', async () => {
    const missing = await gridWorker1.post(`/api/households/${householdA1}/people`, { name: '王大爷', category: 'elderly_alone' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'reason', code: 'household.reason_required', message: '登记需优先转移人员时须说明理由' })]);
    const blank = await gridWorker1.post(`/api/households/${householdA1}/people`, { name: '王大爷', category: 'elderly_alone', reason: '  ' });
    expect(blank.json().error.details[0].code).toBe('household.reason_required');
    const wrongCategory = await gridWorker1.post(`/api/households/${householdA1}/people`, { name: '王大爷', category: 'rich', reason: '独居' });
    expect(wrongCategory.json().error.details[0].field).toBe('category');
    const ok = await gridWorker1.post(`/api/households/${householdA1}/people`, { name: '王大爷', category: 'elderly_alone', reason: '82 岁独居，子女在外地', note: '行动不便' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ name: '王大爷', category: 'elderly_alone', reason: '82 岁独居，子女在外地', note: '行动不便' });
    expect((await gridWorker1.post(`/api/households/${householdA1}/people`, { name: '王小宝', category: 'left_behind_child', reason: '父母外出务工' })).statusCode).toBe(201);
    expect((await w.as.secretaryA.post(`/api/households/${householdA2}/people`, { name: '李奶奶', category: 'disabled', reason: '下肢残疾' })).statusCode).toBe(201);
    expect(await audits('household', 'households.add_person')).toHaveLength(3);
  });

  it('lists a village’s households with their people to move first and a count per category, and audits the view', async () => {
    const before = (await audits('household_list', 'view')).length;
    const res = await w.as.secretaryA.get(`/api/households?unitId=${w.units.villageA}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.categories).toEqual({ elderly_alone: 1, disabled: 1, pregnant: 0, left_behind_child: 1, bedridden: 0, other: 0 });
    // Households with people to move first come first.
    expect(body.items.slice(0, 2).map((h: { id: number }) => h.id).sort()).toEqual([householdA1, householdA2].sort());
    const a1 = body.items.find((h: { id: number }) => h.id === householdA1);
    expect(a1.vulnerable.map((p: { name: string }) => p.name)).toEqual(['王大爷', '王小宝']);
    expect(a1.phone).toBe('138****8000');
    const views = await audits('household_list', 'view');
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ entity_id: String(w.units.villageA), unit_id: w.units.villageA, actor_user_id: w.users.secretaryA.id });
    expect(JSON.parse(views.at(-1)!.after_json!).households).toHaveLength(3);
  });

  it('audits every view of one household too', async () => {
    const before = (await audits('household', 'view')).length;
    const res = await gridWorker1.get(`/api/households/${householdA1}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().vulnerable).toHaveLength(2);
    await gridWorker1.get(`/api/households/${householdA1}`);
    const views = await audits('household', 'view');
    expect(views).toHaveLength(before + 2);
    expect(views.at(-1)).toMatchObject({ entity_id: String(householdA1), unit_id: gridA1 });
  });

  it('shows a grid worker only their own grid; the duty officer of the town reads every grid but keeps none', async () => {
    const own = await gridWorker1.get(`/api/households?unitId=${gridA1}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((h: { id: number }) => h.id)).toEqual([householdA1]);
    expect((await gridWorker1.get(`/api/households?unitId=${gridA2}`)).statusCode).toBe(404);
    expect((await gridWorker1.get(`/api/households?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    expect((await gridWorker1.get(`/api/households/${householdA2}`)).statusCode).toBe(404);
    expect((await gridWorker1.patch(`/api/households/${householdA2}`, { people: 3 })).statusCode).toBe(404);
    const town = await townDuty.get(`/api/households?unitId=${w.units.town}`);
    expect(town.statusCode).toBe(200);
    expect(town.json().total).toBe(3);
    expect((await townDuty.patch(`/api/households/${householdA1}`, { people: 3 })).statusCode).toBe(403);
  });

  it('keeps the neighbouring village and residents out: not found, or no permission at all', async () => {
    const b = w.as.secretaryB;
    const lists = [await b.get(`/api/households?unitId=${w.units.villageA}`), await b.get(`/api/households?unitId=${gridA1}`)];
    for (const res of lists) expect(res.statusCode).toBe(404);
    const views = await audits('household_list', 'view');
    expect(views.filter((v) => v.actor_user_id === w.users.secretaryB.id)).toEqual([]);
    expect((await b.get(`/api/households/${householdA1}`)).json()).toEqual((await b.get('/api/households/999999')).json());
    expect((await register(b, {})).statusCode).toBe(404);
    expect((await b.patch(`/api/households/${householdA1}`, { people: 5 })).statusCode).toBe(404);
    expect((await b.post(`/api/households/${householdA1}/archive`)).statusCode).toBe(404);
    expect((await b.post(`/api/households/${householdA1}/people`, { name: '某', category: 'other', reason: '越权' })).statusCode).toBe(404);
    const person = await env.deps.database.db.selectFrom('vulnerable_person').select('id').where('household_id', '=', householdA1).executeTakeFirstOrThrow();
    expect((await b.del(`/api/households/${householdA1}/people/${person.id}`)).statusCode).toBe(404);
    expect((await w.as.resident.get(`/api/households?unitId=${w.units.villageA}`)).statusCode).toBe(403);
    expect((await w.as.resident.get(`/api/households/${householdA1}`)).statusCode).toBe(403);
    expect((await w.as.memberA.get(`/api/households?unitId=${w.units.villageA}`)).statusCode).toBe(403);
    const row = await env.deps.database.db.selectFrom('household').select('people').where('id', '=', householdA1).executeTakeFirstOrThrow();
    expect(row.people).toBe(2);
  });

  it('changes a household with the change audited before and after, the phone masked in the log', async () => {
    const res = await gridWorker1.patch(`/api/households/${householdA1}`, { address: '东庄村一组 14 号', phone: '139 0013 9000', people: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ address: '东庄村一组 14 号', phone: '139****9000', people: 3 });
    const [entry] = await audits('household', 'households.update');
    expect(JSON.parse(entry.before_json!)).toEqual({ address: '东庄村一组 12 号', phone: '138****8000', people: 2 });
    expect(JSON.parse(entry.after_json!)).toEqual({ address: '东庄村一组 14 号', phone: '139****9000', people: 3 });
    // The same values again change nothing and log nothing.
    await gridWorker1.patch(`/api/households/${householdA1}`, { address: '东庄村一组 14 号', phone: '13900139000' });
    expect(await audits('household', 'households.update')).toHaveLength(1);
  });

  it('removes a person to move first by marking them, never deleting the record', async () => {
    const person = await env.deps.database.db.selectFrom('vulnerable_person').select(['id']).where('household_id', '=', householdA1).where('name', '=', '王小宝').executeTakeFirstOrThrow();
    const res = await gridWorker1.del(`/api/households/${householdA1}/people/${person.id}`);
    expect(res.statusCode).toBe(204);
    const row = await env.deps.database.db.selectFrom('vulnerable_person').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
    expect((await gridWorker1.get(`/api/households/${householdA1}`)).json().vulnerable.map((p: { name: string }) => p.name)).toEqual(['王大爷']);
    expect((await gridWorker1.del(`/api/households/${householdA1}/people/${person.id}`)).statusCode).toBe(404);
    const [entry] = await audits('household', 'households.remove_person');
    expect(JSON.parse(entry.before_json!)).toMatchObject({ name: '王小宝', category: 'left_behind_child' });
  });

  it('archives a household: gone from the list, kept in the archive, no longer changed', async () => {
    const res = await w.as.secretaryA.post(`/api/households/${householdA2}/archive`);
    expect(res.statusCode).toBe(200);
    expect(res.json().archivedAt).not.toBeNull();
    const current = (await w.as.secretaryA.get(`/api/households?unitId=${w.units.villageA}`)).json();
    expect(current.items.map((h: { id: number }) => h.id)).not.toContain(householdA2);
    expect(current.categories.disabled).toBe(0);
    const archived = (await w.as.secretaryA.get(`/api/households?unitId=${w.units.villageA}&archived=1`)).json();
    expect(archived.items.map((h: { id: number }) => h.id)).toEqual([householdA2]);
    const change = await w.as.secretaryA.patch(`/api/households/${householdA2}`, { people: 2 });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('household.archived');
    expect((await w.as.secretaryA.post(`/api/households/${householdA2}/archive`)).statusCode).toBe(200);
    expect(await audits('household', 'households.archive')).toHaveLength(1);
  });
});
