// Hazard reports (隐患排查) through the API on both databases: a resident reports a cracked slope
// in their grid and the grid's worker and the village secretary are told; a triager assigns it with
// a due date; the assignee records the fix; a SECOND person verifies it or reopens it; a report
// that is no hazard is rejected with a reason; overdue hazards are listed and counted; a hazard
// can be raised to an alarm of the warning cascade. The neighbouring village sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAZARD_ACTIONS, HAZARD_STATUSES, HAZARD_TRANSITIONS } from '@xianfeng/domain';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const START = Date.parse('2026-09-01T02:00:00.000Z');
const DAY = 86_400_000;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-not-really-an-image')]);

describe.each(DATABASES)('hazard reports (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = START;
  let grid: number;
  let gridWorker: { id: number; username: string };
  let worker: Client;
  let townDuty: { id: number; username: string };
  let villagerB: Client;

  const report = (c: Client, body: Record<string, unknown> = {}) =>
    c.post('/api/hazards', { unitId: grid, category: 'slope_crack', place: '东庄一组后山', description: '后山出现一米长的裂缝', ...body });
  const made = async (c: Client = w.as.resident, body: Record<string, unknown> = {}) => {
    const res = await report(c, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const db = () => env.deps.database.db;
  const notes = (userId: number, kind: string) => db().selectFrom('notification').selectAll().where('user_id', '=', userId).where('kind', '=', kind).orderBy('id').execute();
  const status = async (id: number) => (await w.as.secretaryA.get(`/api/hazards/${id}`)).json().status as string;

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    const f = factories(env);
    grid = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    gridWorker = await f.user('grid_worker', grid);
    worker = await login(env.app, gridWorker.username);
    townDuty = await f.user('duty_officer', w.units.town);
    villagerB = await login(env.app, (await f.user('resident', w.units.villageB)).username);
  });
  afterAll(() => env?.close());

  it('a resident reports a hazard in their grid; the grid worker and the village secretary are told at once', async () => {
    const res = await report(w.as.resident, { latitude: 36.9, longitude: 118.7 });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({
      unitId: grid, unitName: '东庄一网格', category: 'slope_crack', status: 'reported', source: 'app', latitude: 36.9, longitude: 118.7,
      reporter: { id: w.users.resident.id }, reportedAt: new Date(clock).toISOString(), dueAt: new Date(clock + 3 * DAY).toISOString(), overdue: false, assignee: null,
    });
    expect(h.timeline).toEqual([expect.objectContaining({ action: 'report', from: null, to: 'reported' })]);
    // The resident may do nothing but look.
    expect(h.actions).toEqual([]);
    for (const userId of [gridWorker.id, w.users.secretaryA.id]) {
      const n = await notes(userId, 'hazard.reported');
      expect(n.map((x) => x.link)).toContain(`/hazards/${h.id}`);
      expect(n[0].title).toContain('山体开裂');
    }
    // Neither the neighbouring village's secretary nor the town: a hazard is not an alarm.
    expect(await notes(w.users.secretaryB.id, 'hazard.reported')).toEqual([]);
    expect(await notes(townDuty.id, 'hazard.reported')).toEqual([]);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_type', '=', 'hazard').where('entity_id', '=', String(h.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['hazards.report']);
    // My own reports, whatever my role.
    const mine = (await w.as.resident.get('/api/hazards/mine')).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(h.id);
  });

  it('offers a resident their village and its grids to report in (the form has no tree to search)', async () => {
    const places = (await w.as.resident.get('/api/hazards/places')).json() as Array<{ id: number; name: string; kind: string }>;
    expect(places.map((p) => p.id)).toEqual([w.units.villageA, grid]);
    expect(places[1]).toMatchObject({ name: '东庄一网格', kind: 'grid' });
    expect((await villagerB.get('/api/hazards/places')).json().map((p: { id: number }) => p.id)).toEqual([w.units.villageB]);
  });

  it('refuses a report without a place, in the reader’s language, and writes nothing', async () => {
    const before = (await db().selectFrom('hazard').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const res = await report(w.as.resident, { place: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'place', code: 'hazard.no_location', message: '请说明隐患位置（定位或地点描述）' })]);
    const en = await login(env.app, w.users.resident.username, undefined, 'en');
    expect((await report(en, { place: '', category: 'volcano' })).json().error.details[0]).toMatchObject({ field: 'category' });
    expect((await report(en, { place: 'x' })).json().error.details[0].message).toBe('Say where the hazard is (a location or a description of the place).');
    expect((await db().selectFrom('hazard').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toEqual(before);
  });

  it('a resident of the neighbouring village cannot report in village A, nor see its hazards', async () => {
    expect((await report(villagerB)).statusCode).toBe(404);
    const id = await made();
    for (const c of [villagerB, w.as.secretaryB, w.as.adminB]) expect((await c.get(`/api/hazards/${id}`)).statusCode).toBe(404);
    expect((await w.as.secretaryB.post(`/api/hazards/${id}/reject`, { reason: '越权操作' })).statusCode).toBe(404);
    const list = (await w.as.secretaryB.get('/api/hazards?pageSize=100')).json();
    expect(list.items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await w.as.secretaryB.get(`/api/hazards?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    // A resident has no triage queue.
    expect((await w.as.resident.get('/api/hazards')).statusCode).toBe(403);
    expect((await w.as.resident.post(`/api/hazards/${id}/assign`, { assigneeId: gridWorker.id })).statusCode).toBe(403);
    // A hazard is reported in a grid, village or community, not in a branch.
    expect((await report(w.as.secretaryA, { unitId: w.units.branchA })).json().error.code).toBe('hazard.not_field_unit');
  });

  it('photos are images only, six at most, added by who reported it or a triager', async () => {
    const id = await made();
    expect((await w.as.resident.upload(`/api/hazards/${id}/photos`, 'a.txt', Buffer.from('not an image'))).statusCode).toBe(415);
    for (let i = 0; i < 6; i++) expect((await w.as.resident.upload(`/api/hazards/${id}/photos`, 'a.png', PNG)).statusCode).toBe(201);
    const seventh = await worker.upload(`/api/hazards/${id}/photos`, 'a.png', PNG);
    expect(seventh.statusCode).toBe(422);
    expect(seventh.json().error.code).toBe('hazard.too_many_photos');
    expect((await w.as.memberA.upload(`/api/hazards/${id}/photos?stage=fix`, 'a.png', PNG)).statusCode).toBe(404);
    const h = (await worker.get(`/api/hazards/${id}`)).json();
    expect(h.photos).toHaveLength(6);
    const photo = await w.as.resident.get(h.photos[0].url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect((await w.as.secretaryB.get(h.photos[0].url)).statusCode).toBe(404);
  });

  it('reported → assigned → fixed (by the assignee) → verified (by a second person), each step on the timeline', async () => {
    const id = await made();
    const candidates = (await worker.get(`/api/hazards/${id}/assignees`)).json().items.map((c: { id: number }) => c.id);
    expect(candidates).toEqual(expect.arrayContaining([gridWorker.id, w.users.secretaryA.id, w.users.memberA.id, townDuty.id]));
    expect(candidates).not.toContain(w.users.resident.id);
    expect(candidates).not.toContain(w.users.secretaryB.id);
    // Someone of the neighbouring village is no assignee.
    const wrong = await worker.post(`/api/hazards/${id}/assign`, { assigneeId: w.users.secretaryB.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].code).toBe('hazard.assignee_unknown');
    expect((await worker.post(`/api/hazards/${id}/assign`, { assigneeId: w.users.memberA.id, dueAt: new Date(clock - DAY).toISOString() })).json().error.details[0].code).toBe('hazard.due_in_past');

    const due = new Date(clock + 2 * DAY).toISOString();
    const assigned = await worker.post(`/api/hazards/${id}/assign`, { assigneeId: w.users.memberA.id, dueAt: due, note: '请今天去看看' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', dueAt: due, assignee: { id: w.users.memberA.id } });
    expect((await notes(w.users.memberA.id, 'hazard.assigned')).map((n) => n.link)).toContain(`/hazards/${id}`);

    // The member sees what was assigned to them, and may only record the fix.
    const mine = (await w.as.memberA.get('/api/hazards/mine?role=assigned')).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await w.as.memberA.get(`/api/hazards/${id}`)).json().actions).toEqual(['fix']);
    // Another member of the village is neither assignee nor triager.
    expect((await w.as.resident.post(`/api/hazards/${id}/fix`, { note: '我修好了' })).statusCode).toBe(403);
    expect((await w.as.memberA.upload(`/api/hazards/${id}/photos?stage=fix`, 'fix.png', PNG)).statusCode).toBe(201);
    const fixed = await w.as.memberA.post(`/api/hazards/${id}/fix`, { note: '已清理碎石并设置警示牌' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'fixed', fixedBy: { id: w.users.memberA.id }, fixNote: '已清理碎石并设置警示牌' });

    // Those responsible for the grid are asked to verify.
    for (const userId of [gridWorker.id, w.users.secretaryA.id]) expect((await notes(userId, 'hazard.fixed')).map((n) => n.link)).toContain(`/hazards/${id}`);
    const verified = await worker.post(`/api/hazards/${id}/verify`, { note: '现场复核通过' });
    expect(verified.statusCode, verified.body).toBe(200);
    const h = verified.json();
    expect(h).toMatchObject({ status: 'verified', verifiedBy: { id: gridWorker.id }, closedAt: new Date(clock).toISOString(), actions: [] });
    expect(h.timeline.map((e: { action: string; to: string }) => `${e.action}:${e.to}`)).toEqual(['report:reported', 'assign:assigned', 'fix:fixed', 'verify:verified']);
    expect(h.photos.map((p: { stage: string }) => p.stage)).toEqual(['fix']);
    const audit = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'hazard').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['hazards.report', 'hazards.assign', 'hazards.photo', 'hazards.fix', 'hazards.verify']);
    // A verified hazard never moves again.
    expect((await worker.post(`/api/hazards/${id}/reopen`, { reason: '再看看' })).json().error.code).toBe('hazard.closed');
  });

  it('whoever recorded the fix cannot verify it: a second person reopens it, it is fixed again and verified', async () => {
    const id = await made();
    expect((await worker.post(`/api/hazards/${id}/fix`, { note: '还没分派' })).json().error.code).toBe('hazard.not_assigned');
    await worker.post(`/api/hazards/${id}/assign`, { assigneeId: gridWorker.id });
    // assigned → assigned: a reassignment keeps the state.
    expect((await worker.post(`/api/hazards/${id}/assign`, { assigneeId: gridWorker.id, note: '改期' })).json().status).toBe('assigned');
    expect((await worker.post(`/api/hazards/${id}/verify`)).json().error.code).toBe('hazard.not_fixed');
    expect((await worker.post(`/api/hazards/${id}/fix`, { note: '已疏通' })).json().status).toBe('fixed');
    const own = await worker.post(`/api/hazards/${id}/verify`, { note: '自己验收' });
    expect(own.statusCode).toBe(422);
    expect(own.json().error).toMatchObject({ code: 'hazard.verify_by_second_person', message: '整改须由另一人验收，整改人不能验收自己的整改' });
    expect((await worker.post(`/api/hazards/${id}/reopen`, { reason: '自己退回' })).statusCode).toBe(422);
    expect(await status(id)).toBe('fixed');

    expect((await w.as.secretaryA.post(`/api/hazards/${id}/reopen`, {})).statusCode).toBe(400);
    const reopened = await w.as.secretaryA.post(`/api/hazards/${id}/reopen`, { reason: '裂缝仍在扩大' });
    expect(reopened.json()).toMatchObject({ status: 'reopened', closeReason: '裂缝仍在扩大' });
    // The assignee is told to fix it again.
    expect((await notes(gridWorker.id, 'hazard.reopened')).map((n) => n.link)).toContain(`/hazards/${id}`);
    // reopened → fixed directly by the assignee, or reassigned first.
    expect((await worker.post(`/api/hazards/${id}/assign`, { assigneeId: w.users.memberA.id })).json().status).toBe('assigned');
    expect((await w.as.memberA.post(`/api/hazards/${id}/fix`, { note: '加固完成' })).json().status).toBe('fixed');
    expect((await w.as.memberA.post(`/api/hazards/${id}/verify`, {})).statusCode).toBe(403);
    expect((await worker.post(`/api/hazards/${id}/reopen`, { reason: '仍有渗水' })).json().status).toBe('reopened');
    expect((await w.as.memberA.post(`/api/hazards/${id}/fix`, { note: '再次加固' })).json().status).toBe('fixed');
    const done = await worker.post(`/api/hazards/${id}/verify`);
    expect(done.json().status).toBe('verified');
    expect(done.json().timeline.map((e: { to: string }) => e.to)).toEqual(['reported', 'assigned', 'assigned', 'fixed', 'reopened', 'assigned', 'fixed', 'reopened', 'fixed', 'verified']);
  });

  it('a report that is no hazard is rejected with a reason, from reported or from assigned', async () => {
    const a = await made();
    expect((await worker.post(`/api/hazards/${a}/reject`, {})).json().error.details[0].code).toBe('hazard.reason_required');
    const rejected = await worker.post(`/api/hazards/${a}/reject`, { reason: '系正常施工，非隐患' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', closeReason: '系正常施工，非隐患' });
    expect((await worker.post(`/api/hazards/${a}/assign`, { assigneeId: gridWorker.id })).json().error.code).toBe('hazard.closed');
    expect((await w.as.resident.upload(`/api/hazards/${a}/photos`, 'a.png', PNG)).json().error.code).toBe('hazard.closed');
    const b = await made();
    await worker.post(`/api/hazards/${b}/assign`, { assigneeId: gridWorker.id });
    expect((await worker.post(`/api/hazards/${b}/reject`, { reason: '重复报告' })).json().status).toBe('rejected');
    // fixed → rejected is not a move: a fix is verified or reopened.
    const c = await made();
    await worker.post(`/api/hazards/${c}/assign`, { assigneeId: w.users.memberA.id });
    await w.as.memberA.post(`/api/hazards/${c}/fix`, { note: '完成' });
    expect((await worker.post(`/api/hazards/${c}/reject`, { reason: '不是隐患' })).json().error.code).toBe('hazard.awaiting_verification');
  });

  it('every pair of the state table was walked through the API above', () => {
    const pairs = HAZARD_STATUSES.flatMap((s) => HAZARD_ACTIONS.filter((a) => HAZARD_TRANSITIONS[s][a]).map((a) => `${s}×${a}`));
    expect(pairs.sort()).toEqual(['assigned×assign', 'assigned×fix', 'assigned×reject', 'fixed×reopen', 'fixed×verify', 'reopened×assign', 'reopened×fix', 'reported×assign', 'reported×reject'].sort());
  });

  it('overdue hazards are highlighted: listed first under status=overdue and counted per village', async () => {
    const late = await made(w.as.resident, { category: 'fire_risk', place: '东庄一组柴草堆' });
    const onTime = await made(w.as.resident, { category: 'other', place: '东庄一组路灯' });
    clock += 3 * DAY;
    try {
      // Sessions age with the clock: log in again three days on.
      const [worker, secretaryA, secretaryB] = await Promise.all([gridWorker.username, w.users.secretaryA.username, w.users.secretaryB.username].map((u) => login(env.app, u)));
      const overdue = (await worker.get('/api/hazards?status=overdue&pageSize=100')).json();
      const ids = overdue.items.map((x: { id: number }) => x.id);
      expect(ids).toContain(late);
      expect(ids).not.toContain(onTime);
      expect(overdue.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
      expect((await worker.get(`/api/hazards/${onTime}`)).json().overdue).toBe(false);
      const stats = (await secretaryA.get('/api/hazards/stats')).json();
      const village = stats.villages.find((v: { unitId: number }) => v.unitId === w.units.villageA);
      expect(village.overdue).toBe(overdue.total);
      expect(village.open).toBeGreaterThanOrEqual(village.overdue);
      expect(stats.totals.overdue).toBe(overdue.total);
      // The neighbouring village's counts hold nothing of village A.
      const b = (await secretaryB.get('/api/hazards/stats')).json();
      expect(b.villages.find((v: { unitId: number }) => v.unitId === w.units.villageA)).toBeUndefined();
      expect(b.totals.overdue).toBe(0);
    } finally {
      clock -= 3 * DAY;
    }
  });

  it('a hazard raised to the warning cascade becomes an alarm of its unit, linked both ways, told up the tree', async () => {
    const id = await made();
    expect((await w.as.resident.upload(`/api/hazards/${id}/photos`, 'a.png', PNG)).statusCode).toBe(201);
    expect((await w.as.memberA.post(`/api/hazards/${id}/raise`, {})).statusCode).toBe(403);
    const raised = await worker.post(`/api/hazards/${id}/raise`, { note: '裂缝一夜扩大，需紧急转移' });
    expect(raised.statusCode, raised.body).toBe(201);
    const { alarmId, hazard } = raised.json();
    expect(hazard.alarmId).toBe(alarmId);
    expect(hazard.canRaise).toBe(false);
    const alarm = await worker.get(`/api/alarms/${alarmId}`);
    expect(alarm.statusCode).toBe(200);
    expect(alarm.json()).toMatchObject({ unitId: grid, kind: 'landslide_sign', place: '东庄一组后山', status: 'open', hazard: { id, category: 'slope_crack' } });
    // The alarm's page names the hazard it came from and carries its photo, for those up the tree.
    expect(alarm.json().photos).toHaveLength(1);
    const photo = await worker.get(alarm.json().photos[0].url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    const row = await db().selectFrom('alarm').select(['hazard_id']).where('id', '=', alarmId).executeTakeFirstOrThrow();
    expect(row.hazard_id).toBe(id);
    // The town's duty officer hears of it, as of any alarm.
    expect((await notes(townDuty.id, 'alarm.raised')).map((n) => n.link)).toContain(`/alarms/${alarmId}`);
    expect((await worker.post(`/api/hazards/${id}/raise`, {})).json().error.code).toBe('hazard.already_raised');
    expect(hazard.timeline.at(-1)).toMatchObject({ action: 'raise', detail: { alarmId } });
  });
});
