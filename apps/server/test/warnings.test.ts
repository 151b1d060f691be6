// The warning cascade through the API, on both databases, with a clock the test moves: a county
// issues a red warning; it reaches every unit of the county and their responsible people exactly
// once; villages acknowledge (twice is harmless, a neighbour's unit is refused); silent units get
// a reminder at half the deadline and are escalated to the parent's duty officer and their backup
// contacts at the deadline — once, however often the worker runs; updates and cancels follow CAP.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';
import { runDueWork } from '../src/worker.ts';

const START = Date.parse('2026-08-03T14:00:00.000Z');

describe.each(DATABASES)('warning cascade (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = START;
  let gridA: number;
  let townDuty: Client;
  let gridWorker: Client;
  let backupUser: { id: number; username: string };
  let warningId: number;
  const minutes = (m: number) => (clock = START + m * 60_000);

  const notes = (userId: number, kind?: string) => {
    let q = env.deps.database.db.selectFrom('notification').select(['kind', 'warning_id', 'unit_id']).where('user_id', '=', userId);
    if (kind) q = q.where('kind', '=', kind);
    return q.execute();
  };

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    const f = factories(env);
    gridA = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    const duty = await f.user('duty_officer', w.units.town);
    townDuty = await login(env.app, duty.username);
    const gw = await f.user('grid_worker', gridA);
    gridWorker = await login(env.app, gw.username);
    backupUser = await f.user('member', w.units.branchB);
    await env.deps.database.db.insertInto('unit_backup_contact').values({ unit_id: w.units.villageB, user_id: backupUser.id, created_at: new Date(START).toISOString() }).execute();
  });
  afterAll(async () => env?.close());

  const issue = (c: Client, body: Record<string, unknown>) =>
    c.post('/api/warnings', { unitId: w.units.county, hazard: 'typhoon', level: 'red', description: '台风“海葵”将于今夜登陆，风力12级以上。', instruction: '立即转移危险区域群众。', areaUnitIds: [w.units.county], ...body });

  it('keeps a unit’s backup contacts: added and removed by the unit’s administrator, audited', async () => {
    const added = await w.as.adminB.post(`/api/units/${w.units.villageB}/backup-contacts`, { userId: w.users.memberA.id });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().map((c: { userId: number }) => c.userId)).toContain(w.users.memberA.id);
    expect((await w.as.adminB.post(`/api/units/${w.units.villageB}/backup-contacts`, { userId: w.users.memberA.id })).json()).toHaveLength(2);
    expect((await w.as.secretaryB.post(`/api/units/${w.units.villageB}/backup-contacts`, { userId: w.users.memberA.id })).statusCode).toBe(403);
    expect((await w.as.adminB.post(`/api/units/${w.units.villageA}/backup-contacts`, { userId: w.users.memberA.id })).statusCode).toBe(404);
    expect((await w.as.adminB.del(`/api/units/${w.units.villageB}/backup-contacts/${w.users.memberA.id}`)).json()).toHaveLength(1);
    expect((await w.as.adminB.del(`/api/units/${w.units.villageB}/backup-contacts/${w.users.memberA.id}`)).statusCode).toBe(404);
    const audit = await env.deps.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'unit_backup_contact').execute();
    expect(audit.map((a) => a.action)).toEqual(['add', 'remove']);
  });

  it('refuses a warning without an area or with an expiry before it takes effect, in Chinese', async () => {
    const none = await issue(w.as.countyAdmin, { areaUnitIds: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([expect.objectContaining({ field: 'areaUnitIds', code: 'warning.no_area', message: '请选择预警覆盖的区域（至少一个组织）' })]);
    const backwards = await issue(w.as.countyAdmin, { effectiveAt: '2026-08-03T23:00:00+08:00', expiresAt: '2026-08-03T22:00:00+08:00' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0]).toMatchObject({ field: 'expiresAt', code: 'warning.expiry_before_effective' });
    expect(await env.deps.database.db.selectFrom('warning').select('id').execute()).toEqual([]);
  });

  it('keeps issuing to the issuer’s own subtree: a village cannot warn its neighbour, a resident cannot issue', async () => {
    const neighbour = await issue(w.as.secretaryA, { unitId: w.units.villageA, areaUnitIds: [w.units.villageB] });
    expect(neighbour.statusCode).toBe(422);
    expect(neighbour.json().error.message).toBe('预警覆盖的组织“西庄村”不在您负责的范围内');
    expect((await issue(w.as.resident, { unitId: w.units.villageA, areaUnitIds: [w.units.villageA] })).statusCode).toBe(403);
    expect((await issue(w.as.secretaryB, { unitId: w.units.villageA, areaUnitIds: [w.units.villageA] })).statusCode).toBe(404);
  });

  it('fans a red warning out to every unit of the county and tells each responsible person once', async () => {
    const res = await issue(w.as.countyAdmin, { expiresAt: '2026-08-05T00:00:00+08:00' });
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json();
    warningId = detail.id;
    expect(detail).toMatchObject({ level: 'red', status: 'active', headline: '台风红色预警', exercise: false, version: 1 });
    expect(detail.fanoutDoneAt).not.toBeNull();
    expect(detail.identifier).toMatch(/^000000C_20260803220000_1$/);
    const units = await env.deps.database.db.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', warningId).execute();
    expect(units.map((u) => u.unit_id).sort((a, b) => a - b)).toEqual(
      [w.units.county, w.units.town, w.units.villageA, w.units.branchA, w.units.villageB, w.units.branchB, gridA].sort((a, b) => a - b),
    );
    for (const u of [w.users.countyAdmin, w.users.secretaryA, w.users.secretaryB, w.users.adminB]) expect(await notes(u.id, 'warning.issued')).toHaveLength(1);
    expect(await notes(w.users.resident.id)).toEqual([]);
    expect(await notes(w.users.memberA.id)).toEqual([]);
    // Running the worker again (a restart) reaches nobody twice.
    await runDueWork(env.deps);
    expect(await env.deps.database.db.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', warningId).execute()).toHaveLength(7);
    expect(await notes(w.users.secretaryA.id, 'warning.issued')).toHaveLength(1);
  });

  it('shows a village only its own part of the warning', async () => {
    const mine = await w.as.secretaryA.get(`/api/warnings/${warningId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ wholeWarning: false, myUnits: [{ unitId: w.units.villageA, acknowledgedAt: null }] });
    const board = (await w.as.secretaryA.get(`/api/warnings/${warningId}/dashboard`)).json();
    expect(board.total.units).toBe(3); // the village, its branch and its grid
    expect((await w.as.countyAdmin.get(`/api/warnings/${warningId}/dashboard`)).json().total.units).toBe(7);
    expect((await w.as.resident.get(`/api/warnings/${warningId}`)).statusCode).toBe(403);
  });

  it('records an acknowledgement once; a second press is harmless; a neighbour’s unit is refused', async () => {
    minutes(2);
    const first = await w.as.secretaryA.post(`/api/warnings/${warningId}/units/${w.units.villageA}/ack`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ acknowledgedAt: '2026-08-03T14:02:00.000Z', already: false });
    minutes(3);
    expect((await w.as.secretaryA.post(`/api/warnings/${warningId}/units/${w.units.villageA}/ack`)).json()).toEqual({ acknowledgedAt: '2026-08-03T14:02:00.000Z', already: true });
    expect((await w.as.secretaryB.post(`/api/warnings/${warningId}/units/${w.units.villageA}/ack`)).statusCode).toBe(404);
    expect((await gridWorker.post(`/api/warnings/${warningId}/units/${gridA}/ack`)).statusCode).toBe(200);
    const board = (await w.as.countyAdmin.get(`/api/warnings/${warningId}/dashboard`)).json();
    expect(board.total).toMatchObject({ units: 7, acknowledged: 2, percent: 28.6, medianSeconds: 150, slowestSeconds: 180 });
    const events = (await w.as.countyAdmin.get(`/api/warnings/${warningId}/timeline`)).json();
    expect(events.filter((e: { kind: string }) => e.kind === 'acknowledged')).toHaveLength(2);
    const audit = await env.deps.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'acknowledge').execute();
    expect(audit).toHaveLength(2);
  });

  it('reminds silent units at half the deadline and escalates them at the deadline — once', async () => {
    minutes(4);
    expect(await runDueWork(env.deps)).toBe(0);
    minutes(5);
    expect(await runDueWork(env.deps)).toBe(1);
    expect(await notes(w.users.secretaryB.id, 'warning.reminder')).toHaveLength(1);
    expect(await notes(w.users.secretaryA.id, 'warning.reminder')).toEqual([]); // village A acknowledged
    minutes(10);
    await runDueWork(env.deps);
    await runDueWork(env.deps);
    // Village B is silent: the town's duty officer (its parent) and B's backup contact are told.
    const dutyId = (await env.deps.database.db.selectFrom('app_user').select('id').where('username', '=', townDuty.username).executeTakeFirstOrThrow()).id;
    expect(await notes(dutyId, 'warning.escalated')).toHaveLength(1);
    expect(await notes(backupUser.id, 'warning.escalated')).toHaveLength(1);
    const board = (await townDuty.get(`/api/warnings/${warningId}/dashboard`)).json();
    expect(board.overdue.map((o: { name: string }) => o.name)).toContain('西庄村');
    expect(board.overdue.map((o: { name: string }) => o.name)).not.toContain('东庄村');
    const jobs = await env.deps.database.db.selectFrom('scheduled_job').select(['kind', 'status']).where('ref_id', '=', warningId).execute();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    const kinds = (await w.as.countyAdmin.get(`/api/warnings/${warningId}/timeline`)).json().map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'escalated')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'reminder')).toHaveLength(1);
  });

  it('reports after the event as PDF and .xlsx, in the reader’s part of the warning', async () => {
    const pdf = await w.as.countyAdmin.get(`/api/warnings/${warningId}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await w.as.countyAdmin.get(`/api/warnings/${warningId}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const units = wb.getWorksheet('全部单位')!;
    expect(units.rowCount).toBe(1 + 7);
    const late = [] as string[];
    units.eachRow((row, n) => n > 1 && row.getCell(7).value === '是' && late.push(String(row.getCell(1).value)));
    expect(late.sort()).toEqual(['东庄村党支部', '中共示范县委员会', '中共羊口镇委员会', '西庄村', '西庄村党支部'].sort());
    const summary = wb.getWorksheet('概况')!;
    const rate = [] as unknown[];
    summary.eachRow((row) => row.getCell(1).value === '已签收' && rate.push(row.getCell(2).value));
    expect(rate).toEqual(['2（28.6%）']);
    // Village A's secretary gets village A's part only.
    const mine = await w.as.secretaryA.get(`/api/warnings/${warningId}/report.xlsx`);
    const wbA = new ExcelJS.Workbook();
    await wbA.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    expect(wbA.getWorksheet('全部单位')!.rowCount).toBe(1 + 3);
  });

  it('asks every unit to acknowledge again when the level is raised; refuses a stale version', async () => {
    const orange = await issue(w.as.countyAdmin, { level: 'orange', hazard: 'rainstorm', areaUnitIds: [w.units.villageA] });
    expect(orange.statusCode).toBe(201);
    const id = orange.json().id;
    expect((await w.as.secretaryA.post(`/api/warnings/${id}/units/${w.units.villageA}/ack`)).statusCode).toBe(200);
    const raised = await w.as.countyAdmin.post(`/api/warnings/${id}/update`, { version: 1, level: 'red', instruction: '立即撤离低洼地带。' });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ level: 'red', version: 2, messages: [{ msgType: 'Alert' }, { msgType: 'Update' }] });
    expect(raised.json().myUnits).toEqual([]);
    expect((await w.as.secretaryA.get(`/api/warnings/${id}`)).json().myUnits[0].acknowledgedAt).toBeNull();
    expect(await notes(w.users.secretaryA.id, 'warning.updated')).toHaveLength(1);
    const stale = await w.as.countyAdmin.post(`/api/warnings/${id}/update`, { version: 1, level: 'red' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('warning.version_conflict');
  });

  it('cancels a warning: escalation stops, everyone is told, acknowledging is refused', async () => {
    minutes(20);
    const res = await issue(w.as.countyAdmin, { level: 'blue', hazard: 'heat', areaUnitIds: [w.units.villageB] });
    const id = res.json().id;
    const cancel = await w.as.countyAdmin.post(`/api/warnings/${id}/cancel`, { version: 1, reason: '高温过程结束' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: '高温过程结束' });
    expect(cancel.json().messages.map((m: { msgType: string }) => m.msgType)).toEqual(['Alert', 'Cancel']);
    expect(await notes(w.users.secretaryB.id, 'warning.cancelled')).toHaveLength(1);
    const ack = await w.as.secretaryB.post(`/api/warnings/${id}/units/${w.units.villageB}/ack`);
    expect(ack.statusCode).toBe(409);
    expect(ack.json().error.message).toBe('该预警已解除，不能再进行此操作');
    minutes(200);
    await runDueWork(env.deps);
    expect(await notes(w.users.secretaryB.id, 'warning.reminder')).toHaveLength(1); // only the first warning's
  });

  it('refuses acknowledging an expired warning', async () => {
    const res = await issue(w.as.countyAdmin, { level: 'yellow', hazard: 'gale', areaUnitIds: [w.units.villageB], expiresAt: new Date(START + 230 * 60_000).toISOString() });
    expect(res.statusCode, res.body).toBe(201);
    minutes(231);
    const ack = await w.as.secretaryB.post(`/api/warnings/${res.json().id}/units/${w.units.villageB}/ack`);
    expect(ack.statusCode).toBe(409);
    expect(ack.json().error.message).toBe('该预警已过期，不能再进行此操作');
  });

  it('lists warnings in scope, exercises kept apart', async () => {
    const drill = await issue(w.as.countyAdmin, { level: 'yellow', exercise: true, areaUnitIds: [w.units.villageA] });
    expect(drill.statusCode).toBe(201);
    const all = (await w.as.secretaryB.get('/api/warnings')).json();
    expect(all.items.map((i: { exercise: boolean }) => i.exercise)).not.toContain(true); // the drill covers village A only
    const only = (await w.as.countyAdmin.get('/api/warnings?exercise=only')).json();
    expect(only.total).toBe(1);
    expect(only.items[0]).toMatchObject({ exercise: true, level: 'yellow' });
    const exclude = (await w.as.countyAdmin.get('/api/warnings?exercise=exclude')).json();
    expect(exclude.items.every((i: { exercise: boolean }) => !i.exercise)).toBe(true);
  });
});
