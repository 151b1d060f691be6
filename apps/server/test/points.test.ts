// The dual-points module through its API, on both databases: claims and review, caps and cycles,
// evidence, corrections, vetoes, the shop under contention, lists, tasks, board, plaque, and the
// ledger check that must never find drift.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, todayYmd } from '@xianfeng/domain';
import { DATABASES, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';
import { verify } from '../src/modules/points/ledger.ts';
import ExcelJS from 'exceljs';
import { workbookWithRowsAsync } from './sheets.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001', 'hex');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe.each(DATABASES)('dual points (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let member: Client;
  let rules: Record<string, number>;
  const period = periodOf(todayYmd(), 'year');

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    // The member's login is linked to their registry entry (张三 of branch A).
    await env.deps.database.db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    member = await login(env.app, w.users.memberA.username);
    const adopted = await w.as.secretaryA.post('/api/points/rules/adopt', { unitId: w.units.villageA });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const list = await w.as.secretaryA.get(`/api/points/rules?unitId=${w.units.branchA}`);
    rules = Object.fromEntries(list.json().items.map((r: { code: string; id: number }) => [r.code, r.id]));
  });
  afterAll(() => env?.close());

  const figures = async (c: Client = member) => (await c.get('/api/points/my')).json().current;
  const claim = (body: Record<string, unknown>, c: Client = member, key?: string) =>
    c.request('POST', '/api/points/claims', { remark: '按时参加', ...body }, key ? { 'idempotency-key': key } : {});
  const noDrift = async () => expect((await verify(env.deps.database.db)).drifts).toEqual([]);

  it('the branch inherits the village’s adopted catalogue, marked as inherited', async () => {
    const res = await w.as.secretaryA.get(`/api/points/rules?unitId=${w.units.branchA}`);
    expect(res.json().items.length).toBeGreaterThan(15);
    expect(res.json().items.every((r: { inherited: boolean }) => r.inherited)).toBe(true);
    const mine = await member.get('/api/points/my/rules');
    expect(mine.json().items.map((r: { code: string }) => r.code)).toContain('JC01');
    expect(mine.json().items.map((r: { account: string }) => r.account)).not.toContain('deduction');
  });

  it('a member claims, a retry with the same key changes nothing, a second claim for the day is refused', async () => {
    const first = await claim({ ruleId: rules.JC01, occurredOn: daysAgo(40) }, member, 'k-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', points: 3, member: { id: w.members.a } });
    const retry = await claim({ ruleId: rules.JC01, occurredOn: daysAgo(40) }, member, 'k-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const again = await claim({ ruleId: rules.JC01, occurredOn: daysAgo(40) }, member, 'k-2');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('重复');
    expect((await figures()).score).toBe(0);
  });

  it('the secretary approves; score and balance follow; the claim cannot be decided twice', async () => {
    const queue = await w.as.secretaryA.get('/api/points/claims');
    const id = queue.json().items[0].id;
    const res = await w.as.secretaryA.post('/api/points/claims/approve', { ids: [id] });
    expect(res.json()).toEqual({ done: [id], failed: [] });
    expect(await figures()).toMatchObject({ base: 3, score: 3, balance: 3 });
    const twice = await w.as.secretaryA.post('/api/points/claims/approve', { ids: [id] });
    expect(twice.json().failed[0].code).toBe('points.claim_not_pending');
    await noDrift();
  });

  it('enforces the cycle at approval: once per 30 days, nothing written when refused', async () => {
    const c = await claim({ ruleId: rules.JC01, occurredOn: daysAgo(30) });
    expect(c.statusCode).toBe(201);
    const res = await w.as.secretaryA.post('/api/points/claims/approve', { ids: [c.json().id] });
    expect(res.json().failed[0]).toMatchObject({ code: 'points.over_cycle' });
    expect(res.json().failed[0].message).toContain('30 天');
    expect((await figures()).score).toBe(3);
    const rejected = await w.as.secretaryA.post('/api/points/claims/reject', { ids: [c.json().id], reason: '同一周期已计分' });
    expect(rejected.json().done).toEqual([c.json().id]);
  });

  it('enforces the cap per period across a batch', async () => {
    const rule = await w.as.secretaryA.post('/api/points/rules', { unitId: w.units.villageA, code: 'T01', name: '测试上限', account: 'bonus', pointsMin: 3, pointsMax: 3, capPerPeriod: 5 });
    expect(rule.statusCode, rule.body).toBe(201);
    const a = await claim({ ruleId: rule.json().id, occurredOn: daysAgo(2) });
    const b = await claim({ ruleId: rule.json().id, occurredOn: daysAgo(1) });
    const res = await w.as.secretaryA.post('/api/points/claims/approve', { ids: [a.json().id, b.json().id] });
    expect(res.json().done).toEqual([a.json().id]);
    expect(res.json().failed[0]).toMatchObject({ id: b.json().id, code: 'points.over_cap' });
    expect((await figures()).bonus).toBe(3);
  });

  it('a ranged rule needs evidence and points inside its range; evidence is checked by content and used once', async () => {
    const none = await claim({ ruleId: rules.JF01, occurredOn: daysAgo(3), points: 5 });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0]).toMatchObject({ field: 'evidenceIds', code: 'points.evidence_required' });
    const fake = await member.upload('/api/points/evidence', 'photo.png', Buffer.from('not really a picture'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toContain('JPG');
    const photo = await member.upload('/api/points/evidence', 'photo.png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
    const over = await claim({ ruleId: rules.JF01, occurredOn: daysAgo(3), points: 11, evidenceIds: [photo.json().id] });
    expect(over.json().error.details[0]).toMatchObject({ field: 'points', code: 'points.amount_out_of_range' });
    const fraction = await claim({ ruleId: rules.JF01, occurredOn: daysAgo(3), points: 5.5, evidenceIds: [photo.json().id] });
    expect(fraction.statusCode).toBe(400);
    const ok = await claim({ ruleId: rules.JF01, occurredOn: daysAgo(3), points: 8, evidenceIds: [photo.json().id] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().evidence).toHaveLength(1);
    // The same picture again, for another day: refused.
    const copy = await member.upload('/api/points/evidence', 'copy.png', PNG);
    const reused = await claim({ ruleId: rules.JF01, occurredOn: daysAgo(4), points: 8, evidenceIds: [copy.json().id] });
    expect(reused.statusCode).toBe(409);
    // The secretary sees the file; the neighbouring village's does not.
    const file = `/api/points/evidence/${photo.json().id}`;
    expect((await w.as.secretaryA.get(file)).headers['content-type']).toBe('image/png');
    expect((await w.as.secretaryB.get(file)).statusCode).toBe(404);
    await w.as.secretaryA.post('/api/points/claims/approve', { ids: [ok.json().id] });
    expect((await figures()).bonus).toBe(11);
  });

  it('refuses a claim in the future, a deduction rule, and one for a member outside the caller’s scope', async () => {
    const future = await claim({ ruleId: rules.JC02, occurredOn: daysAgo(-2) });
    expect(future.json().error.details[0].code).toBe('points.date_future');
    const deduction = await claim({ ruleId: rules.KF01, occurredOn: daysAgo(1) });
    expect(deduction.statusCode).toBe(422);
    const outside = await claim({ memberId: w.members.a, ruleId: rules.JC02, occurredOn: daysAgo(1) }, w.as.secretaryB);
    expect(outside.statusCode).toBe(404);
    const resident = await claim({ ruleId: rules.JC02, occurredOn: daysAgo(1) }, w.as.resident);
    expect(resident.statusCode).toBe(422);
    expect((await w.as.resident.get('/api/points/my')).statusCode).toBe(422);
    // A secretary may claim for an elderly member of their own village.
    const onBehalf = await claim({ memberId: w.members.a, ruleId: rules.JC02, occurredOn: daysAgo(1) }, w.as.secretaryA);
    expect(onBehalf.statusCode, onBehalf.body).toBe(201);
    expect(onBehalf.json().onBehalf).toBe(true);
    const byB = await w.as.secretaryB.post('/api/points/claims/approve', { ids: [onBehalf.json().id] });
    expect(byB.statusCode).toBe(404);
    await w.as.secretaryA.post('/api/points/claims/approve', { ids: [onBehalf.json().id] });
  });

  it('a deduction lowers the score; a veto zeroes it without touching the balance; corrections reverse exactly once', async () => {
    const before = await figures();
    const ded = await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.KF01, occurredOn: daysAgo(1), reason: '无故缺席党员大会' });
    expect(ded.statusCode, ded.body).toBe(201);
    expect(ded.json()).toMatchObject({ account: 'deduction', points: -3 });
    expect((await figures()).score).toBe(before.score - 3);
    const veto = await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.FJ01, occurredOn: daysAgo(1), reason: '受到警告处分' });
    expect(veto.statusCode, veto.body).toBe(201);
    const vetoed = await figures();
    expect(vetoed).toMatchObject({ score: 0, vetoed: true, balance: before.balance - 3 });
    const undo = await w.as.secretaryA.post(`/api/points/entries/${veto.json().id}/reverse`, { reason: '处分已撤销' });
    expect(undo.statusCode, undo.body).toBe(201);
    expect((await figures()).score).toBe(before.score - 3);
    const twice = await w.as.secretaryA.post(`/api/points/entries/${veto.json().id}/reverse`, { reason: '再次' });
    expect(twice.statusCode).toBe(409);
    const ofReversal = await w.as.secretaryA.post(`/api/points/entries/${undo.json().id}/reverse`, { reason: '再次' });
    expect(ofReversal.statusCode).toBe(422);
    const byB = await w.as.secretaryB.post(`/api/points/entries/${ded.json().id}/reverse`, { reason: '越权' });
    expect(byB.statusCode).toBe(404);
    const noRule = await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, occurredOn: daysAgo(1), reason: '没有规则' });
    expect(noRule.statusCode).toBe(400);
    // The ledger is append-only at the database level.
    await expect(env.deps.database.db.updateTable('points_entry').set({ points: 100 }).where('id', '=', ded.json().id).execute()).rejects.toThrow();
    await noDrift();
  });

  it('the shop: redeeming lowers the balance, never the score; stock, limit and balance are enforced; a cancel refunds', async () => {
    const item = await w.as.secretaryA.post('/api/points/shop/items', { unitId: w.units.villageA, name: '洗衣粉', price: 2, stock: 1, limitPerPeriod: 2 });
    expect(item.statusCode, item.body).toBe(201);
    const shelf = await member.get('/api/points/my/shop');
    expect(shelf.json().items.map((i: { name: string }) => i.name)).toContain('洗衣粉');
    const before = await figures();
    const order = await member.request('POST', '/api/points/shop/orders', { itemId: item.json().id, quantity: 1 }, { 'idempotency-key': 'o-1' });
    expect(order.statusCode, order.body).toBe(201);
    const replay = await member.request('POST', '/api/points/shop/orders', { itemId: item.json().id, quantity: 1 }, { 'idempotency-key': 'o-1' });
    expect(replay.statusCode).toBe(200);
    const after = await figures();
    expect(after).toMatchObject({ score: before.score, balance: before.balance - 2, redeemed: 2 });
    const empty = await member.post('/api/points/shop/orders', { itemId: item.json().id, quantity: 1 });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('points.out_of_stock');
    await w.as.secretaryA.patch(`/api/points/shop/items/${item.json().id}`, { addStock: 10 });
    const limit = await member.post('/api/points/shop/orders', { itemId: item.json().id, quantity: 2 });
    expect(limit.json().error.code).toBe('points.over_limit');
    const pricey = await w.as.secretaryA.post('/api/points/shop/items', { unitId: w.units.villageA, name: '电饭煲', price: 500, stock: 3 });
    const broke = await member.post('/api/points/shop/orders', { itemId: pricey.json().id, quantity: 1 });
    expect(broke.statusCode).toBe(422);
    expect(broke.json().error.message).toContain('可用积分不足');
    const negative = await w.as.secretaryA.post('/api/points/shop/items', { unitId: w.units.villageA, name: '负价', price: -5, stock: 3 });
    expect(negative.statusCode).toBe(400);
    // The neighbouring village's shop keeper cannot hand it over; the member's own cancel refunds.
    expect((await w.as.secretaryB.post(`/api/points/shop/orders/${order.json().id}/hand-over`)).statusCode).toBe(404);
    const cancel = await member.post(`/api/points/shop/orders/${order.json().id}/cancel`, { reason: '不需要了' });
    expect(cancel.json().status).toBe('cancelled');
    expect(await figures()).toMatchObject({ balance: before.balance, redeemed: 0 });
    const stock = await w.as.secretaryA.get(`/api/points/shop/items?unitId=${w.units.villageA}`);
    expect(stock.json().items.find((i: { id: number }) => i.id === item.json().id).stock).toBe(11);
    await noDrift();
  });

  it('100 concurrent redemptions of the last item: one succeeds, stock and balances never go below zero', async () => {
    const db = env.deps.database.db;
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) {
      const m = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: `抢购${i}` }) });
      ids.push(m.json().id);
    }
    for (const id of ids) {
      const e = await w.as.secretaryA.post('/api/points/entries', { memberId: id, ruleId: rules.JC03, occurredOn: daysAgo(1), reason: '主题党日' });
      expect(e.statusCode).toBe(201);
    }
    const last = await w.as.secretaryA.post('/api/points/shop/items', { unitId: w.units.villageA, name: '最后一袋米', price: 1, stock: 1 });
    const results = await Promise.all(ids.map((memberId) => w.as.secretaryA.post('/api/points/shop/orders', { itemId: last.json().id, memberId })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().error.code === 'points.out_of_stock')).toBe(true);
    expect((await db.selectFrom('shop_item').select('stock').where('id', '=', last.json().id).executeTakeFirstOrThrow()).stock).toBe(0);

    // One member, balance 1, 100 concurrent redemptions of a plentiful item: exactly one goes through.
    const plenty = await w.as.secretaryA.post('/api/points/shop/items', { unitId: w.units.villageA, name: '肥皂', price: 1, stock: 1000 });
    const buyer = ids[1];
    const rush = await Promise.all(Array.from({ length: 100 }, () => w.as.secretaryA.post('/api/points/shop/orders', { itemId: plenty.json().id, memberId: buyer })));
    const won = rush.filter((r) => r.statusCode === 201).length;
    expect(won).toBe(results[1].statusCode === 201 ? 0 : 1);
    const balances = await db.selectFrom('points_balance').select('balance').where('member_id', 'in', ids).execute();
    expect(balances.every((b) => b.balance >= 0)).toBe(true);
    expect((await db.selectFrom('shop_item').select('stock').where('id', '=', plenty.json().id).executeTakeFirstOrThrow()).stock).toBe(1000 - won);
    await noDrift();
  }, 120_000);

  it('十为十不为: published, acknowledged once; a violation of a don’t books its deduction', async () => {
    const pub = await w.as.secretaryA.post('/api/points/conduct/adopt', { unitId: w.units.villageA });
    expect(pub.statusCode, pub.body).toBe(200);
    const mine = await member.get('/api/points/my/conduct');
    expect(mine.json().list.items).toHaveLength(20);
    expect(mine.json().list.ackedAt).toBeNull();
    const ack = await member.post(`/api/points/my/conduct/${mine.json().list.id}/ack`);
    expect(ack.json().list.ackedAt).not.toBeNull();
    await member.post(`/api/points/my/conduct/${mine.json().list.id}/ack`);
    const unit = await w.as.secretaryA.get(`/api/points/conduct?unitId=${w.units.villageA}`);
    expect(unit.json().acknowledged).toBe(1);
    const dont = mine.json().list.items.find((i: { kind: string; ruleCode: string }) => i.kind === 'dont' && i.ruleCode === 'KF03');
    const doItem = mine.json().list.items.find((i: { kind: string }) => i.kind === 'do');
    const before = await figures();
    const v = await w.as.secretaryA.post('/api/points/violations', { memberId: w.members.a, conductItemId: dont.id, occurredOn: daysAgo(2), remark: '在微信群转发谣言', points: 4 });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json().entry).toMatchObject({ account: 'deduction', points: -4, memberName: '张三' });
    expect((await figures()).deduction).toBe(before.deduction + 4);
    const wrong = await w.as.secretaryA.post('/api/points/violations', { memberId: w.members.a, conductItemId: doItem.id, occurredOn: daysAgo(2), remark: 'x' });
    expect(wrong.statusCode).toBe(400);
    const outside = await w.as.secretaryB.post('/api/points/violations', { memberId: w.members.a, conductItemId: dont.id, occurredOn: daysAgo(2), remark: 'x' });
    expect(outside.statusCode).toBe(404);
    // A don't may only link to a deduction rule in force for the unit; nothing is published otherwise.
    const bad = await w.as.secretaryA.request('PUT', '/api/points/conduct', { unitId: w.units.villageA, items: [{ kind: 'do', text: '按时交纳党费' }, { kind: 'dont', text: '不传谣', ruleCode: 'JC01' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'items.1.ruleCode' });
    expect(bad.json().error.details[0].message).toContain('JC01');
    expect((await member.get('/api/points/my/conduct')).json().list.id).toBe(mine.json().list.id);
  });

  it('tasks: matching specialties first, places limited, verification books the bonus', async () => {
    expect((await w.as.secretaryA.post('/api/points/tasks/adopt', { unitId: w.units.villageA })).json().items).toHaveLength(23);
    // Adopting again adds nothing: the titles are already there.
    expect((await w.as.secretaryA.post('/api/points/tasks/adopt', { unitId: w.units.villageA })).json()).toMatchObject({ items: [], skipped: 23 });
    const list = await member.get('/api/points/my/tasks');
    expect(list.json().items).toHaveLength(23);
    // 张三 is an electrician (电工).
    expect(list.json().items[0]).toMatchObject({ title: '义务电工检修', matches: true });
    const task = list.json().items[0];
    const c = await member.post(`/api/points/tasks/${task.id}/claim`);
    expect(c.statusCode, c.body).toBe(200);
    expect((await member.post(`/api/points/tasks/${task.id}/claim`)).statusCode).toBe(409);
    const small = await w.as.secretaryA.post('/api/points/tasks', { unitId: w.units.villageA, title: '一人任务', points: 2, capacity: 1 });
    expect((await member.post(`/api/points/tasks/${small.json().id}/claim`)).statusCode).toBe(200);
    const other = await login(env.app, w.users.secretaryA.username);
    expect((await other.post(`/api/points/tasks/${small.json().id}/claim`)).statusCode).toBe(422);
    const report = await member.post(`/api/points/task-claims/${c.json().id}/report`, { report: '为王大爷家更换了老化电线' });
    expect(report.json().status).toBe('reported');
    const queue = await w.as.secretaryA.get(`/api/points/task-claims?unitId=${w.units.villageA}&pageSize=10`);
    expect(queue.json()).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(queue.json().items[0]).toMatchObject({ id: c.json().id, member: { name: '张三', unit: { name: '东庄村党支部' } } });
    expect((await w.as.secretaryB.get(`/api/points/task-claims?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    expect((await w.as.secretaryB.post(`/api/points/task-claims/${c.json().id}/decide`, { approve: true })).statusCode).toBe(404);
    const before = await figures();
    const ok = await w.as.secretaryA.post(`/api/points/task-claims/${c.json().id}/decide`, { approve: true });
    expect(ok.json().status).toBe('verified');
    expect((await figures()).bonus).toBe(before.bonus + task.points);
    // A report sent back shows the member why.
    const smallClaim = (await member.get('/api/points/my/tasks')).json().claims.find((x: { taskId: number }) => x.taskId === small.json().id);
    const again = await member.post(`/api/points/task-claims/${smallClaim.id}/report`, { report: '完成' });
    expect(again.statusCode, again.body).toBe(200);
    await w.as.secretaryA.post(`/api/points/task-claims/${again.json().id}/decide`, { approve: false, reason: '请补充现场照片' });
    expect((await member.get('/api/points/my/tasks')).json().claims.find((x: { id: number }) => x.id === smallClaim.id)).toMatchObject({ status: 'rejected', decisionReason: '请补充现场照片' });
    await noDrift();
  });

  it('the board ranks the subtree; the public page shows names and ranks only; a unit can switch it off', async () => {
    const board = await w.as.secretaryA.get(`/api/points/board?unitId=${w.units.villageA}&limit=200`);
    expect(board.statusCode, board.body).toBe(200);
    const items = board.json().items;
    expect(board.json().total).toBe(items.length);
    expect(items[0]).toMatchObject({ rank: 1, name: '张三' });
    for (let i = 1; i < items.length; i++) expect(items[i - 1].score).toBeGreaterThanOrEqual(items[i].score);
    const stats = await w.as.secretaryA.get(`/api/points/board/stats?unitId=${w.units.villageA}`);
    expect(stats.json().trend).toHaveLength(6);
    expect(stats.json().distribution.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(items.length);
    const pub = await w.as.resident.get('/api/public/board?unit=C01A');
    expect(pub.json().items[0]).toEqual({ rank: 1, name: '张三', unitName: '东庄村党支部' });
    expect(JSON.stringify(pub.json())).not.toContain('score');
    expect((await w.as.secretaryB.get(`/api/points/board?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    await w.as.secretaryA.request('PUT', '/api/points/settings', { unitId: w.units.villageA, periodKind: 'year', boardEnabled: false, balanceExpires: false });
    const off = await w.as.resident.get('/api/public/board?unit=C01A');
    expect(off.statusCode).toBe(422);
    expect(off.json().error.message).toContain('未开启先锋榜');
    await w.as.secretaryA.request('PUT', '/api/points/settings', { unitId: w.units.villageA, periodKind: 'year', boardEnabled: true, balanceExpires: false });
  });

  it('the plaque goes to the top member; an override needs a reason; the history keeps both', async () => {
    const view = await w.as.secretaryA.get(`/api/points/plaque?unitId=${w.units.villageA}&period=${period}`);
    expect(view.json().candidate).toMatchObject({ name: '张三' });
    expect(view.json().holder).toBeNull();
    const confirm = await w.as.secretaryA.post('/api/points/plaque', { unitId: w.units.villageA, period });
    expect(confirm.json().holder).toMatchObject({ name: '张三', basis: 'confirmed' });
    const someoneElse = (await w.as.secretaryA.get(`/api/points/board?unitId=${w.units.villageA}`)).json().items[1].memberId;
    const noReason = await w.as.secretaryA.post('/api/points/plaque', { unitId: w.units.villageA, period, memberId: someoneElse });
    expect(noReason.statusCode).toBe(400);
    const override = await w.as.secretaryA.post('/api/points/plaque', { unitId: w.units.villageA, period, memberId: someoneElse, reason: '张三本年已挂牌，让给新人' });
    expect(override.json().holder).toMatchObject({ memberId: someoneElse, basis: 'override' });
    expect(override.json().history).toHaveLength(2);
    expect((await w.as.secretaryA.post('/api/points/plaque', { unitId: w.units.villageA, period, memberId: w.members.b, reason: '外村' })).statusCode).toBe(404);
    const audit = await w.as.admin.get('/api/audit?action=points.plaque.override');
    expect(audit.json().items[0].after.reason).toContain('让给新人');
  });

  it('a unit keeping quarters with expiring balances books each entry to its quarter and spends only that quarter’s points', async () => {
    const settings = await w.as.secretaryB.request('PUT', '/api/points/settings', { unitId: w.units.villageB, periodKind: 'quarter', balanceExpires: true, boardEnabled: true });
    expect(settings.json()).toMatchObject({ periodKind: 'quarter', balanceExpires: true, inherited: false });
    await w.as.secretaryB.post('/api/points/rules/adopt', { unitId: w.units.villageB });
    const bRules = (await w.as.secretaryB.get(`/api/points/rules?unitId=${w.units.villageB}`)).json().items as Array<{ id: number; code: string }>;
    const jc03 = bRules.find((r) => r.code === 'JC03')!.id;
    const old = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    const e = await w.as.secretaryB.post('/api/points/entries', { memberId: w.members.b, ruleId: jc03, occurredOn: old, reason: '主题党日' });
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json().period).toBe(periodOf(old, 'quarter'));
    const overview = (await w.as.secretaryB.get(`/api/points/members/${w.members.b}`)).json();
    expect(overview.current.period).toBe(periodOf(todayYmd(), 'quarter'));
    // Earned last quarter: not spendable now.
    expect(overview.current.balance).toBe(0);
    const item = await w.as.secretaryB.post('/api/points/shop/items', { unitId: w.units.villageB, name: '挂面', price: 1, stock: 5 });
    const order = await w.as.secretaryB.post('/api/points/shop/orders', { itemId: item.json().id, memberId: w.members.b });
    expect(order.json().error.code).toBe('points.insufficient_balance');
    const bad = await w.as.secretaryB.get(`/api/points/board?unitId=${w.units.villageB}&period=2026-Q5`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toContain('2026-Q1');
    await noDrift();
  });

  it('refuses evidence above 5 MB', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const res = await member.upload('/api/points/evidence', 'big.png', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('5 MB');
  });

  it('exports the figures and the ledger as .xlsx, and imports base points all-or-nothing', async () => {
    const file = await w.as.secretaryA.get(`/api/points/export?unitId=${w.units.villageA}&what=figures`);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    const zhang = rows.find((r) => r[1] === '张三')!;
    expect(zhang[6]).toBe((await figures()).score);
    const ledger = await w.as.secretaryA.get(`/api/points/export?unitId=${w.units.villageA}&what=ledger`);
    expect(ledger.statusCode).toBe(200);

    const row = await env.deps.database.db.selectFrom('member').select(['id_number_enc']).where('id', '=', w.members.a).executeTakeFirstOrThrow();
    const idNumber = env.deps.cipher.decrypt(row.id_number_enc);
    const before = await figures();
    const headers = ['身份证号', '姓名', '规则编码', '分值', '日期', '事由'];
    const bad = await workbookWithRowsAsync(headers, [
      [idNumber, '张三', 'JC06', '', daysAgo(20), '集中学习'],
      [idNumber, '张叁', 'JC06', '', daysAgo(13), ''],
      [idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0'), '张三', 'JC06', '', daysAgo(12), ''],
      [idNumber, '张三', 'NOPE', '', daysAgo(11), ''],
      [idNumber, '张三', 'JC06', '', daysAgo(20), '重复'],
      [idNumber, '张三', 'KF01', '', daysAgo(10), ''],
      [idNumber, '张三', 'JC06', '', daysAgo(19), '同一周'],
    ]);
    const rejected = await w.as.secretaryA.upload(`/api/points/import?unitId=${w.units.villageA}`, 'attendance.xlsx', bad);
    expect(rejected.statusCode, rejected.body).toBe(200);
    const report = rejected.json();
    expect(report.ok).toBe(false);
    expect(report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['3:姓名', '4:身份证号', '5:规则编码', '6:日期', '7:规则编码', '8:分值']);
    expect(report.errors[0].message).toContain('张三');
    expect(await figures()).toEqual(before);

    const good = await workbookWithRowsAsync(headers, [[idNumber, '张三', 'jc06', '', daysAgo(20), '学习贯彻会议精神']]);
    const dry = await w.as.secretaryA.upload(`/api/points/import?unitId=${w.units.villageA}&dryRun=1`, 'attendance.xlsx', good);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, imported: 0 });
    expect(await figures()).toEqual(before);
    const done = await w.as.secretaryA.upload(`/api/points/import?unitId=${w.units.villageA}`, 'attendance.xlsx', good);
    expect(done.json()).toMatchObject({ ok: true, imported: 1 });
    expect((await figures()).base).toBe(before.base + 1);
    const outside = await w.as.secretaryB.upload(`/api/points/import?unitId=${w.units.villageA}`, 'attendance.xlsx', good);
    expect(outside.statusCode).toBe(404);
    await noDrift();
  });

  it('a transfer takes the member’s figures along; the ledger check finds no drift, and finds a forged figure', async () => {
    await w.as.countyAdmin.post(`/api/members/${w.members.a}/transfer`, { toUnitId: w.units.branchB });
    const boardB = await w.as.secretaryB.get(`/api/points/board?unitId=${w.units.villageB}&period=${period}`);
    expect(boardB.json().items.map((i: { name: string }) => i.name)).toContain('张三');
    await noDrift();
    await env.deps.database.db.updateTable('points_tally').set({ score: 999 }).where('member_id', '=', w.members.a).execute();
    const { drifts } = await verify(env.deps.database.db);
    expect(drifts).toHaveLength(1);
    expect(drifts[0]).toMatchObject({ kind: 'tally', memberId: w.members.a });
  });
});
