// Evacuation during a warning, through the API on both databases: a county's red warning reaches
// village A; the village keeps its shelters, reports its figures (which must add up), fills its
// shelters up to their capacity, and its grid worker checks households off one by one from a
// phone. Every write leaves a timeline event, an audit entry and a live hint, and a refused one
// leaves nothing. The county sees the whole evacuation; a village sees its own part only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/core/events.ts';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const START = Date.parse('2026-08-03T14:00:00.000Z');

describe.each(DATABASES)('evacuation during a warning (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  const clock = START;
  let gridA1: number;
  let gridA2: number;
  let gridWorker1: Client;
  let warningId: number;
  let shelterId: number;
  const households: Record<'wang' | 'li' | 'zhao', number> = { wang: 0, li: 0, zhao: 0 };
  const live: LiveEvent[] = [];

  const issue = async (areaUnitIds: number[]) => {
    const res = await w.as.countyAdmin.post('/api/warnings', { unitId: w.units.county, hazard: 'typhoon', level: 'red', description: '台风“海葵”将于今夜登陆。', instruction: '立即转移危险区域群众。', areaUnitIds });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: number; version: number };
  };
  const counts = async () => {
    const db = env.deps.database.db;
    const n = async (table: 'warning_event' | 'evacuation_report' | 'shelter_occupancy' | 'evacuation_check' | 'audit_log') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { events: await n('warning_event'), reports: await n('evacuation_report'), occupancy: await n('shelter_occupancy'), checks: await n('evacuation_check'), audit: await n('audit_log') };
  };
  /** The live hints of a kind for a unit, once `atLeast` of them arrived (hints are coalesced and sent after a short delay). */
  const heard = async (kind: string, unitId: number, atLeast = 1) => {
    const matching = () => live.filter((e) => e.kind === kind && e.unitId === unitId);
    for (let i = 0; i < 100 && matching().length < atLeast; i++) await new Promise((r) => setTimeout(r, 20));
    return matching();
  };
  const events = (kind: string) => env.deps.database.db.selectFrom('warning_event').selectAll().where('kind', '=', kind).orderBy('id').execute();

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    const f = factories(env);
    gridA1 = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    gridA2 = await f.unit('C01A-G2', 'grid', w.units.villageA, '东庄二网格');
    gridWorker1 = await login(env.app, (await f.user('grid_worker', gridA1)).username);
    env.deps.events.subscribe((e) => live.push(e));
    warningId = (await issue([w.units.county])).id;
    const add = async (c: Client, unitId: number, address: string, people: number, vulnerable?: Record<string, string>) => {
      const res = await c.post('/api/households', { unitId, address, headName: address.slice(-4), people });
      if (res.statusCode !== 201) throw new Error(res.body);
      if (vulnerable) await c.post(`/api/households/${res.json().id}/people`, vulnerable);
      return res.json().id as number;
    };
    households.wang = await add(gridWorker1, gridA1, '东庄村一组 1 号', 3, { name: '王大爷', category: 'elderly_alone', reason: '82 岁独居' });
    households.li = await add(gridWorker1, gridA1, '东庄村一组 2 号', 4);
    households.zhao = await add(w.as.secretaryA, gridA2, '东庄村二组 5 号', 2, { name: '赵小妹', category: 'pregnant', reason: '孕 8 个月' });
  });
  afterAll(async () => env?.close());

  describe('shelters', () => {
    it('are registered by the village for itself or its grids, never under a branch', async () => {
      const res = await w.as.secretaryA.post('/api/shelters', { unitId: w.units.villageA, name: '东庄小学', address: '东庄村中心路 1 号', capacity: 40 });
      expect(res.statusCode, res.body).toBe(201);
      shelterId = res.json().id;
      expect(res.json()).toMatchObject({ unitId: w.units.villageA, unitName: '东庄村', name: '东庄小学', capacity: 40, archivedAt: null });
      const branch = await w.as.secretaryA.post('/api/shelters', { unitId: w.units.branchA, name: '支部活动室', capacity: 10 });
      expect(branch.statusCode).toBe(422);
      expect(branch.json().error).toMatchObject({ code: 'shelter.not_village', message: '安置点须登记在村、社区或网格下' });
      expect((await gridWorker1.post('/api/shelters', { unitId: gridA1, name: '一组祠堂', capacity: 15 })).statusCode).toBe(201);
      expect((await gridWorker1.post('/api/shelters', { unitId: gridA2, name: '二组仓库', capacity: 15 })).statusCode).toBe(404);
    });

    it('are listed for whoever reads the unit’s warnings; the neighbouring village neither sees nor changes them', async () => {
      const list = await w.as.secretaryA.get(`/api/shelters?unitId=${w.units.villageA}`);
      expect(list.json().items.map((s: { name: string }) => s.name)).toEqual(['东庄小学', '一组祠堂']);
      expect((await w.as.countyAdmin.get(`/api/shelters?unitId=${w.units.town}`)).json().items).toHaveLength(2);
      expect((await w.as.secretaryB.get(`/api/shelters?unitId=${w.units.villageA}`)).statusCode).toBe(404);
      expect((await w.as.secretaryB.post('/api/shelters', { unitId: w.units.villageA, name: '越权安置点', capacity: 10 })).statusCode).toBe(404);
      expect((await w.as.secretaryB.patch(`/api/shelters/${shelterId}`, { capacity: 1 })).statusCode).toBe(404);
      expect((await w.as.secretaryB.post(`/api/shelters/${shelterId}/archive`)).statusCode).toBe(404);
      expect((await w.as.resident.get(`/api/shelters?unitId=${w.units.villageA}`)).statusCode).toBe(403);
    });

    it('change with an audit entry, and an archived one no longer changes', async () => {
      const spare = (await w.as.secretaryA.post('/api/shelters', { unitId: w.units.villageA, name: '村委会礼堂', capacity: 80 })).json().id;
      const res = await w.as.secretaryA.patch(`/api/shelters/${spare}`, { capacity: 60, address: '村委会' });
      expect(res.json()).toMatchObject({ capacity: 60, address: '村委会' });
      const entry = await env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'shelters.update').executeTakeFirstOrThrow();
      expect(JSON.parse(entry.before_json!)).toEqual({ capacity: 80, address: '' });
      expect((await w.as.secretaryA.post(`/api/shelters/${spare}/archive`)).json().archivedAt).not.toBeNull();
      expect((await w.as.secretaryA.patch(`/api/shelters/${spare}`, { capacity: 70 })).json().error.code).toBe('shelter.archived');
      expect((await w.as.secretaryA.get(`/api/shelters?unitId=${w.units.villageA}`)).json().items).toHaveLength(2);
    });
  });

  describe('the village’s report', () => {
    it('is recorded with its timeline event, audit entry and live hint; a second report replaces the first', async () => {
      const res = await w.as.secretaryA.request('PUT', `/api/warnings/${warningId}/evacuation/${w.units.villageA}`, { toMove: 30, moved: 12, refused: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ warningId, unitId: w.units.villageA, toMove: 30, moved: 12, refused: 1 });
      const again = await w.as.secretaryA.request('PUT', `/api/warnings/${warningId}/evacuation/${w.units.villageA}`, { toMove: 30, moved: 20, refused: 2 });
      expect(again.statusCode).toBe(200);
      const rows = await env.deps.database.db.selectFrom('evacuation_report').selectAll().where('warning_id', '=', warningId).execute();
      expect(rows).toEqual([expect.objectContaining({ unit_id: w.units.villageA, to_move: 30, moved: 20, refused: 2, updated_by: w.users.secretaryA.id })]);
      const reported = await events('evacuation_reported');
      expect(reported).toHaveLength(2);
      expect(JSON.parse(reported[1].detail)).toEqual({ toMove: 30, moved: 20, refused: 2 });
      const audit = await env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'evacuation.report').orderBy('id').execute();
      expect(JSON.parse(audit[1].before_json!)).toEqual({ toMove: 30, moved: 12, refused: 1 });
      // Two reports in quick succession are one hint: the bus coalesces hints per warning.
      expect(await heard('evacuation_reported', w.units.villageA)).toEqual([expect.objectContaining({ topic: 'warning', warningId, unitId: w.units.villageA })]);
      expect((await gridWorker1.request('PUT', `/api/warnings/${warningId}/evacuation/${gridA1}`, { toMove: 5, moved: 5, refused: 0 })).statusCode).toBe(200);
    });

    it('must add up: moved within the people to move, moved and refusing together too, nobody negative', async () => {
      const before = await counts();
      const put = (body: Record<string, unknown>) => w.as.secretaryA.request('PUT', `/api/warnings/${warningId}/evacuation/${w.units.villageA}`, body);
      const exceeds = await put({ toMove: 30, moved: 40, refused: 0 });
      expect(exceeds.statusCode).toBe(400);
      expect(exceeds.json().error.details).toEqual([{ field: 'moved', code: 'evacuation.moved_exceeds', message: '已转移人数（40）不能多于应转移人数（30）' }]);
      const total = await put({ toMove: 30, moved: 20, refused: 11 });
      expect(total.json().error.details).toEqual([expect.objectContaining({ field: 'refused', code: 'evacuation.total_exceeds' })]);
      const negative = await put({ toMove: 30, moved: -1, refused: 0 });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error.details).toEqual([expect.objectContaining({ field: 'moved', code: 'evacuation.negative' })]);
      const fraction = await put({ toMove: 30, moved: 1.5, refused: 0 });
      expect(fraction.json().error.details[0].code).toBe('evacuation.negative');
      // Refused reports leave nothing behind: no report change, no event, no audit entry.
      expect(await counts()).toEqual(before);
      const row = await env.deps.database.db.selectFrom('evacuation_report').select('moved').where('unit_id', '=', w.units.villageA).executeTakeFirstOrThrow();
      expect(row.moved).toBe(20);
    });

    it('comes from a village, community or grid the warning reached, while it is in force', async () => {
      const before = await counts();
      const branch = await w.as.secretaryA.request('PUT', `/api/warnings/${warningId}/evacuation/${w.units.branchA}`, { toMove: 1, moved: 0, refused: 0 });
      expect(branch.statusCode).toBe(422);
      expect(branch.json().error.code).toBe('evacuation.not_village');
      const elsewhere = await issue([w.units.villageB]);
      const notCovered = await w.as.secretaryA.request('PUT', `/api/warnings/${elsewhere.id}/evacuation/${w.units.villageA}`, { toMove: 1, moved: 0, refused: 0 });
      expect(notCovered.statusCode).toBe(422);
      expect(notCovered.json().error).toMatchObject({ code: 'warning.not_covered', message: '该组织不在此预警的覆盖范围内' });
      const cancelled = await issue([w.units.villageA]);
      expect((await w.as.countyAdmin.post(`/api/warnings/${cancelled.id}/cancel`, { version: cancelled.version, reason: '台风转向' })).statusCode).toBe(200);
      const mid = await counts();
      const late = await w.as.secretaryA.request('PUT', `/api/warnings/${cancelled.id}/evacuation/${w.units.villageA}`, { toMove: 1, moved: 0, refused: 0 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toMatchObject({ code: 'warning.not_active', message: '该预警已解除，不能再进行此操作' });
      expect(await counts()).toEqual(mid);
      expect((await w.as.secretaryA.request('PUT', `/api/warnings/999999/evacuation/${w.units.villageA}`, { toMove: 1, moved: 0, refused: 0 })).statusCode).toBe(404);
      expect(before.reports).toBe(mid.reports);
    });

    it('is refused to the neighbouring village (not found) and to a resident (no permission)', async () => {
      const before = await counts();
      expect((await w.as.secretaryB.request('PUT', `/api/warnings/${warningId}/evacuation/${w.units.villageA}`, { toMove: 1, moved: 0, refused: 0 })).statusCode).toBe(404);
      expect((await w.as.resident.request('PUT', `/api/warnings/${warningId}/evacuation/${w.units.villageA}`, { toMove: 1, moved: 0, refused: 0 })).statusCode).toBe(403);
      expect((await gridWorker1.request('PUT', `/api/warnings/${warningId}/evacuation/${gridA2}`, { toMove: 1, moved: 0, refused: 0 })).statusCode).toBe(404);
      expect(await counts()).toEqual(before);
    });
  });

  describe('shelter occupancy', () => {
    it('fills a shelter up to its capacity and no further', async () => {
      const before = await counts();
      const over = await w.as.secretaryA.request('PUT', `/api/warnings/${warningId}/shelters/${shelterId}`, { occupants: 41 });
      expect(over.statusCode).toBe(422);
      expect(over.json().error).toMatchObject({ code: 'evacuation.over_capacity', message: '安置点“东庄小学”最多容纳 40 人' });
      expect(await counts()).toEqual(before);
      const ok = await w.as.secretaryA.request('PUT', `/api/warnings/${warningId}/shelters/${shelterId}`, { occupants: 18 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ shelterId, name: '东庄小学', occupants: 18, capacity: 40 });
      expect(JSON.parse((await events('shelter_updated'))[0].detail)).toMatchObject({ shelterId, occupants: 18, capacity: 40 });
      expect(await heard('shelter_updated', w.units.villageA)).toHaveLength(1);
      expect((await w.as.secretaryB.request('PUT', `/api/warnings/${warningId}/shelters/${shelterId}`, { occupants: 1 })).statusCode).toBe(404);
    });

    it('keeps a shelter’s capacity above the people it holds now', async () => {
      const res = await w.as.secretaryA.patch(`/api/shelters/${shelterId}`, { capacity: 10 });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'shelter.capacity_below_occupants', message: '安置点“东庄小学”目前安置 18 人，容量不能少于此数' });
    });
  });

  describe('household check-off', () => {
    it('lists a grid’s households with their people to move first and their status, and audits the view', async () => {
      const before = await env.deps.database.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'household_list').execute();
      const res = await gridWorker1.get(`/api/warnings/${warningId}/evacuation/${gridA1}/households`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total).toBe(2);
      expect(body.counts).toMatchObject({ households: 2, pending: 2, moved: 0 });
      const wang = body.items.find((h: { id: number }) => h.id === households.wang);
      expect(wang).toMatchObject({ address: '东庄村一组 1 号', check: { status: 'pending', checkedAt: null }, vulnerable: [expect.objectContaining({ name: '王大爷', category: 'elderly_alone' })] });
      const after = await env.deps.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'household_list').orderBy('id').execute();
      expect(after).toHaveLength(before.length + 1);
      expect(JSON.parse(after.at(-1)!.after_json!)).toMatchObject({ warningId, households: expect.arrayContaining([households.wang, households.li]) });
      expect((await gridWorker1.get(`/api/warnings/${warningId}/evacuation/${gridA2}/households`)).statusCode).toBe(404);
      expect((await w.as.secretaryB.get(`/api/warnings/${warningId}/evacuation/${w.units.villageA}/households`)).statusCode).toBe(404);
      expect((await w.as.resident.get(`/api/warnings/${warningId}/evacuation/${w.units.villageA}/households`)).statusCode).toBe(403);
      expect((await w.as.memberA.get(`/api/warnings/${warningId}/evacuation/${w.units.villageA}/households`)).statusCode).toBe(403);
    });

    it('checks a household off from a phone, with its event, audit entry and live hint', async () => {
      const res = await gridWorker1.request('PUT', `/api/warnings/${warningId}/households/${households.wang}`, { status: 'moved', note: '已送至东庄小学' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ householdId: households.wang, status: 'moved', note: '已送至东庄小学' });
      expect((await gridWorker1.request('PUT', `/api/warnings/${warningId}/households/${households.li}`, { status: 'refused' })).statusCode).toBe(200);
      const checked = await events('household_checked');
      expect(checked.map((e) => JSON.parse(e.detail))).toEqual([{ householdId: households.wang, status: 'moved' }, { householdId: households.li, status: 'refused' }]);
      expect((await heard('household_checked', gridA1)).length).toBeGreaterThanOrEqual(1);
      const list = (await gridWorker1.get(`/api/warnings/${warningId}/evacuation/${gridA1}/households?status=moved`)).json();
      expect(list.items).toEqual([expect.objectContaining({ id: households.wang, check: expect.objectContaining({ status: 'moved', note: '已送至东庄小学' }) })]);
      const wrong = await gridWorker1.request('PUT', `/api/warnings/${warningId}/households/${households.li}`, { status: 'gone' });
      expect(wrong.statusCode).toBe(400);
    });

    it('is refused for another grid’s household, the neighbouring village and a resident, leaving nothing', async () => {
      const onlyB = await issue([w.units.villageB]);
      const before = await counts();
      expect((await gridWorker1.request('PUT', `/api/warnings/${warningId}/households/${households.zhao}`, { status: 'moved' })).statusCode).toBe(404);
      expect((await w.as.secretaryB.request('PUT', `/api/warnings/${warningId}/households/${households.wang}`, { status: 'pending' })).statusCode).toBe(404);
      expect((await w.as.resident.request('PUT', `/api/warnings/${warningId}/households/${households.wang}`, { status: 'pending' })).statusCode).toBe(403);
      expect((await gridWorker1.request('PUT', `/api/warnings/${onlyB.id}/households/${households.wang}`, { status: 'moved' })).json().error.code).toBe('warning.not_covered');
      expect(await counts()).toEqual(before);
    });
  });

  describe('the evacuation overview', () => {
    it('gives the county every unit’s report with totals, the shelters and the check-off', async () => {
      const res = await w.as.countyAdmin.get(`/api/warnings/${warningId}/evacuation`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.totals).toEqual({ reports: 2, toMove: 35, moved: 25, refused: 2 });
      expect(body.reports.map((r: { name: string }) => r.name)).toEqual(['东庄村', '东庄一网格']);
      expect(body.shelters).toMatchObject({ occupants: 18, capacity: 55 });
      expect(body.shelters.items.find((s: { id: number }) => s.id === shelterId)).toMatchObject({ name: '东庄小学', occupants: 18, capacity: 40 });
      expect(body.households).toEqual({ households: 3, pending: 1, moved: 1, refused: 1, notHome: 0, peopleMoved: 3 });
      const grid = (await w.as.countyAdmin.get(`/api/warnings/${warningId}/evacuation?unitId=${gridA1}`)).json();
      expect(grid.totals).toEqual({ reports: 1, toMove: 5, moved: 5, refused: 0 });
      expect(grid.households).toMatchObject({ households: 2, pending: 0 });
    });

    it('shows a village only its own part, and the neighbour’s part not at all', async () => {
      const b = await w.as.secretaryB.get(`/api/warnings/${warningId}/evacuation`);
      expect(b.statusCode).toBe(200);
      expect(b.json()).toMatchObject({ totals: { reports: 0, toMove: 0 }, shelters: { items: [] }, households: { households: 0 } });
      expect((await w.as.secretaryB.get(`/api/warnings/${warningId}/evacuation?unitId=${w.units.villageA}`)).statusCode).toBe(404);
      const grid = (await gridWorker1.get(`/api/warnings/${warningId}/evacuation`)).json();
      expect(grid.totals).toEqual({ reports: 1, toMove: 5, moved: 5, refused: 0 });
      expect((await w.as.resident.get(`/api/warnings/${warningId}/evacuation`)).statusCode).toBe(403);
    });

    it('feeds the warning’s dashboard figures', async () => {
      const board = (await w.as.countyAdmin.get(`/api/warnings/${warningId}/dashboard`)).json();
      expect(board.evacuation).toMatchObject({ reports: 2, toMove: 35, moved: 25, refused: 2, occupants: 18 });
    });
  });
});
