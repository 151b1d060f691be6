// Recovery after a disaster (灾后恢复) through the API on both databases: villages report what is
// cut and when it came back; times cannot lie in the future nor a restoration precede its outage;
// the county sees each kind of outage against its target (roads 24 h, power 36 h, water 48 h) and
// the restoration curve; the neighbouring village sees and touches nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const NOW = Date.parse('2026-08-05T12:00:00.000Z');
/** The instant `h` hours before now (negative: after). */
const ago = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

describe.each(DATABASES)('recovery (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let warningId: number;
  let roadA: number;
  let villageC: number;
  let secretaryC: Client;

  const count = async (table: 'warning_event' | 'audit_log' | 'outage') => Number((await env.deps.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const report = (c: Client, body: Record<string, unknown>) => c.post('/api/outages', { unitId: w.units.villageA, kind: 'road', startedAt: ago(30), note: '村道塌方', ...body });

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(NOW) });
    w = await buildWorld(env);
    const f = factories(env);
    villageC = await f.unit('C01C', 'village', w.units.town, '南庄村');
    secretaryC = await login(env.app, (await f.user('secretary', villageC)).username);
    const issued = await w.as.countyAdmin.post('/api/warnings', { unitId: w.units.county, hazard: 'typhoon', level: 'red', description: '台风过境', instruction: '做好灾后恢复', areaUnitIds: [w.units.county] });
    if (issued.statusCode !== 201) throw new Error(issued.body);
    warningId = issued.json().id;
  });
  afterAll(async () => env?.close());

  describe('reporting an outage', () => {
    it('records it with its hours out against the target, its timeline event and audit entry', async () => {
      const res = await report(w.as.secretaryA, { warningId });
      expect(res.statusCode, res.body).toBe(201);
      roadA = res.json().id;
      expect(res.json()).toMatchObject({ unitId: w.units.villageA, unitName: '东庄村', warningId, kind: 'road', startedAt: ago(30), restoredAt: null, hoursOut: 30, targetHours: 24, restored: false, overdue: true });
      const events = await env.deps.database.db.selectFrom('warning_event').selectAll().where('kind', '=', 'outage_reported').execute();
      expect(events).toEqual([expect.objectContaining({ warning_id: warningId, unit_id: w.units.villageA })]);
      expect(JSON.parse(events[0].detail)).toMatchObject({ outageId: roadA, kind: 'road' });
      const audit = await env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'recovery.report').execute();
      expect(audit).toHaveLength(1);
      const power = await report(w.as.secretaryA, { kind: 'power', startedAt: '2026-08-05T10:00:00+08:00' });
      expect(power.json()).toMatchObject({ startedAt: ago(10), hoursOut: 10, targetHours: 36, overdue: false, warningId: null });
    });

    it('refuses a start in the future, an unknown kind, or a warning that never reached the unit — and writes nothing', async () => {
      const before = [await count('outage'), await count('warning_event'), await count('audit_log')];
      const future = await report(w.as.secretaryA, { startedAt: ago(-1) });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.details).toEqual([{ field: 'startedAt', code: 'recovery.in_future', message: '时间不能晚于现在' }]);
      expect((await report(w.as.secretaryA, { kind: 'gas' })).json().error.details[0].field).toBe('kind');
      expect((await report(w.as.secretaryA, { startedAt: 'yesterday' })).json().error.details[0].field).toBe('startedAt');
      const onlyB = await w.as.countyAdmin.post('/api/warnings', { unitId: w.units.county, hazard: 'flood', level: 'blue', description: '西庄河水位上涨', areaUnitIds: [w.units.villageB] });
      const mid = [await count('outage'), await count('warning_event'), await count('audit_log')];
      const notCovered = await report(w.as.secretaryA, { warningId: onlyB.json().id });
      expect(notCovered.statusCode).toBe(422);
      expect(notCovered.json().error.code).toBe('warning.not_covered');
      expect((await report(w.as.secretaryA, { warningId: 999999 })).statusCode).toBe(404);
      expect([await count('outage'), await count('warning_event'), await count('audit_log')]).toEqual(mid);
      expect(mid[0]).toBe(before[0]);
    });
  });

  describe('restoring', () => {
    it('refuses a restoration before the outage began or in the future, leaving the outage open', async () => {
      const before = await count('audit_log');
      const early = await w.as.secretaryA.post(`/api/outages/${roadA}/restore`, { restoredAt: ago(31) });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.details).toEqual([{ field: 'restoredAt', code: 'recovery.restored_before_start', message: '恢复时间不能早于中断时间' }]);
      const future = await w.as.secretaryA.post(`/api/outages/${roadA}/restore`, { restoredAt: ago(-2) });
      expect(future.json().error.details[0]).toMatchObject({ field: 'restoredAt', code: 'recovery.in_future' });
      expect(await count('audit_log')).toBe(before);
      expect((await env.deps.database.db.selectFrom('outage').select('restored_at').where('id', '=', roadA).executeTakeFirstOrThrow()).restored_at).toBeNull();
    });

    it('restores once, with the hours on the warning’s timeline; a second time is a conflict', async () => {
      const res = await w.as.secretaryA.post(`/api/outages/${roadA}/restore`, { restoredAt: ago(6) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ restoredAt: ago(6), restored: true, hoursOut: 24, overdue: false });
      const [event] = await env.deps.database.db.selectFrom('warning_event').selectAll().where('kind', '=', 'outage_restored').execute();
      expect(JSON.parse(event.detail)).toEqual({ outageId: roadA, kind: 'road', hours: 24 });
      const again = await w.as.secretaryA.post(`/api/outages/${roadA}/restore`, { restoredAt: ago(5) });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'recovery.already_restored', message: '该项已恢复' });
    });

    it('changes the note with an audit entry', async () => {
      const res = await w.as.secretaryA.patch(`/api/outages/${roadA}`, { note: '已抢通单车道' });
      expect(res.json().note).toBe('已抢通单车道');
      const entry = await env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'recovery.note').executeTakeFirstOrThrow();
      expect([JSON.parse(entry.before_json!).note, JSON.parse(entry.after_json!).note]).toEqual(['村道塌方', '已抢通单车道']);
    });
  });

  describe('who sees and changes outages', () => {
    it('keeps the neighbouring village out (not found) and residents out (no permission)', async () => {
      const b = w.as.secretaryB;
      expect((await report(b, {})).statusCode).toBe(404);
      expect((await b.post(`/api/outages/${roadA}/restore`, { restoredAt: ago(1) })).statusCode).toBe(404);
      expect((await b.patch(`/api/outages/${roadA}`, { note: '越权' })).statusCode).toBe(404);
      expect((await b.get(`/api/outages?unitId=${w.units.villageA}`)).statusCode).toBe(404);
      expect((await b.get(`/api/recovery/summary?unitId=${w.units.villageA}`)).statusCode).toBe(404);
      expect((await b.get('/api/outages')).json()).toMatchObject({ total: 0, items: [] });
      expect((await b.get('/api/recovery/summary')).json().kinds.every((k: { total: number }) => k.total === 0)).toBe(true);
      expect((await report(w.as.resident, {})).statusCode).toBe(403);
      expect((await w.as.resident.get('/api/outages')).statusCode).toBe(403);
      expect((await w.as.memberA.post(`/api/outages/${roadA}/restore`, { restoredAt: ago(1) })).statusCode).toBe(403);
    });

    it('lists outages by unit, warning and whether they are still out', async () => {
      const all = (await w.as.countyAdmin.get(`/api/outages?unitId=${w.units.villageA}`)).json();
      expect(all.total).toBe(2);
      expect(all.items[0]).toMatchObject({ kind: 'power', restored: false }); // still out first
      expect(all.targets).toEqual({ road: 24, power: 36, water: 48, comms: 24 });
      expect((await w.as.countyAdmin.get('/api/outages?open=1')).json().items.map((o: { kind: string }) => o.kind)).toEqual(['power']);
      expect((await w.as.countyAdmin.get('/api/outages?open=0')).json().items.map((o: { id: number }) => o.id)).toEqual([roadA]);
      expect((await w.as.countyAdmin.get(`/api/outages?warningId=${warningId}`)).json().items.map((o: { id: number }) => o.id)).toEqual([roadA]);
      expect((await w.as.memberA.get('/api/outages')).json().total).toBe(0); // a branch member reads the branch only
    });
  });

  describe('the restoration summary', () => {
    it('gives per kind the totals, the overdue, the median hours to restore and the target, and the curve', async () => {
      const outages: Array<[string, number, number | null]> = [
        ['road', 30, 10], // 20 h
        ['road', 40, 10], // 30 h, late
        ['road', 12, 0], // 12 h
        ['power', 40, null], // out 40 h: past the 36 h target
        ['water', 20, null], // out 20 h: within 48 h
      ];
      for (const [k, from, to] of outages) {
        const res = await report(secretaryC, { unitId: villageC, kind: k, startedAt: ago(from) });
        expect(res.statusCode, res.body).toBe(201);
        if (to !== null) expect((await secretaryC.post(`/api/outages/${res.json().id}/restore`, { restoredAt: ago(to) })).statusCode).toBe(200);
      }
      const res = await w.as.countyAdmin.get(`/api/recovery/summary?unitId=${villageC}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.kinds).toEqual([
        { kind: 'road', total: 3, restored: 3, open: 0, overdue: 0, restoredLate: 1, medianHours: 20, targetHours: 24 },
        { kind: 'power', total: 1, restored: 0, open: 1, overdue: 1, restoredLate: 0, medianHours: null, targetHours: 36 },
        { kind: 'water', total: 1, restored: 0, open: 1, overdue: 0, restoredLate: 0, medianHours: null, targetHours: 48 },
        { kind: 'comms', total: 0, restored: 0, open: 0, overdue: 0, restoredLate: 0, medianHours: null, targetHours: 24 },
      ]);
      // Hour by hour from the first outage (40 h ago) to now.
      const curve = body.curve as Array<{ hour: number; at: string; open: Record<string, number> }>;
      expect(curve).toHaveLength(41);
      expect(curve[0]).toEqual({ hour: 0, at: ago(40), open: { road: 1, power: 1, water: 0, comms: 0 } });
      expect(curve[10].open).toEqual({ road: 2, power: 1, water: 0, comms: 0 });
      expect(curve[20].open).toEqual({ road: 2, power: 1, water: 1, comms: 0 });
      expect(curve[28].open).toEqual({ road: 3, power: 1, water: 1, comms: 0 });
      expect(curve[30].open).toEqual({ road: 1, power: 1, water: 1, comms: 0 });
      expect(curve[40]).toEqual({ hour: 40, at: ago(0), open: { road: 0, power: 1, water: 1, comms: 0 } });
      // The village sees its own summary; the town sees village A's and C's together.
      expect((await secretaryC.get('/api/recovery/summary')).json().kinds[0].total).toBe(3);
      expect((await w.as.countyAdmin.get(`/api/recovery/summary?unitId=${w.units.town}`)).json().kinds[0].total).toBe(4);
    });
  });
});
