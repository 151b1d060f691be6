// Bottom-up alarms (上报) through the API on both databases: anyone with a role in a village raises
// the alarm where they are and it reaches the village's, the town's and the county's responsible
// people at once; photos are images only, six at most; the neighbouring village sees nothing; a
// duty officer takes the alarm up, closes it, or turns it into a warning that reaches the area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALARM_STATUSES, type AlarmStatus } from '@xianfeng/domain';
import type { LiveEvent } from '../src/core/events.ts';
import { ALARM_ACTIONS, ALARM_TRANSITIONS, transition, type AlarmAction } from '../src/modules/alarms/states.ts';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const START = Date.parse('2026-08-03T14:00:00.000Z');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-not-really-an-image')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF')]);

describe('the alarm state table', () => {
  const expected: Record<AlarmStatus, Record<AlarmAction, string>> = {
    open: { handle: 'handling', close: 'closed', promote: 'promoted' },
    handling: { handle: 'alarm.already_handling', close: 'closed', promote: 'promoted' },
    promoted: { handle: 'alarm.already_promoted', close: 'alarm.already_promoted', promote: 'alarm.already_promoted' },
    closed: { handle: 'alarm.closed', close: 'alarm.closed', promote: 'alarm.closed' },
  };
  it.each(ALARM_STATUSES.flatMap((s) => ALARM_ACTIONS.map((a) => [s, a] as const)))('%s × %s', (status, action) => {
    const t = transition(status, action);
    expect(t.ok ? t.next : t.code).toBe(expected[status][action]);
  });
  it('ends in closed or promoted, from which nothing moves', () => {
    expect(ALARM_TRANSITIONS.closed).toEqual({});
    expect(ALARM_TRANSITIONS.promoted).toEqual({});
  });
});

describe.each(DATABASES)('alarms (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  const clock = START;
  let gridA1: number;
  let townDuty: { id: number; username: string };
  let townDutyClient: Client;
  let gridWorker: { id: number; username: string };
  let villager: Client;
  let residentAlarm: number;
  const live: LiveEvent[] = [];

  const raise = (c: Client, body: Record<string, unknown> = {}) =>
    c.post('/api/alarms', { unitId: w.units.villageA, kind: 'landslide_sign', place: '东庄村后山', description: '后山出现裂缝，有碎石滚落', ...body });
  const inbox = (userId: number) => env.deps.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).where('kind', '=', 'alarm.raised').orderBy('id').execute();
  const heard = async (kind: string, atLeast = 1) => {
    const matching = () => live.filter((e) => e.kind === kind);
    for (let i = 0; i < 100 && matching().length < atLeast; i++) await new Promise((r) => setTimeout(r, 20));
    return matching();
  };

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    const f = factories(env);
    gridA1 = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    townDuty = await f.user('duty_officer', w.units.town);
    townDutyClient = await login(env.app, townDuty.username);
    gridWorker = await f.user('grid_worker', gridA1);
    villager = await login(env.app, (await f.user('member', w.units.villageA)).username);
    env.deps.events.subscribe((e) => live.push(e));
  });
  afterAll(async () => env?.close());

  describe('raising the alarm', () => {
    it('reaches the village’s, the town’s and the county’s responsible people at once — and nobody in the neighbouring village', async () => {
      const res = await raise(w.as.resident);
      expect(res.statusCode, res.body).toBe(201);
      residentAlarm = res.json().id;
      expect(res.json()).toMatchObject({ unitId: w.units.villageA, unitName: '东庄村', kind: 'landslide_sign', place: '东庄村后山', status: 'open', raisedBy: { id: w.users.resident.id }, hazard: null, photoCount: 0, photos: [], canHandle: false });
      for (const u of [townDuty, w.users.countyAdmin, w.users.secretaryA]) {
        expect(await inbox(u.id), `inbox of ${u.username}`).toEqual([
          expect.objectContaining({ kind: 'alarm.raised', title: '东庄村 山体滑坡前兆（东庄村后山）', link: `/alarms/${residentAlarm}`, warning_id: null, dedupe_key: `alarm${residentAlarm}:${u.id}` }),
        ]);
      }
      for (const u of [w.users.secretaryB, w.users.adminB, w.users.memberA, w.users.resident, gridWorker]) expect(await inbox(u.id)).toEqual([]);
      const audit = await env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'alarms.raise').execute();
      expect(audit).toEqual([expect.objectContaining({ entity_id: String(residentAlarm), actor_user_id: w.users.resident.id, unit_id: w.units.villageA })]);
    });

    it('reaches a grid’s own worker too when raised on the grid', async () => {
      const res = await raise(villager, { unitId: gridA1, kind: 'flooding', place: '一组低洼处' });
      expect(res.statusCode, res.body).toBe(201);
      expect(await inbox(gridWorker.id)).toHaveLength(1);
      expect(await inbox(townDuty.id)).toHaveLength(2);
    });

    it('may be raised by anyone with a role in the village — a member of its branch too — but not in the neighbouring village', async () => {
      expect((await raise(w.as.memberA)).statusCode).toBe(201);
      expect((await raise(w.as.memberA, { unitId: w.units.villageB })).statusCode).toBe(404);
      expect((await raise(w.as.resident, { unitId: w.units.villageB })).statusCode).toBe(404);
      expect((await raise(w.as.secretaryB)).statusCode).toBe(404);
    });

    it('is queued for the outbound channels above the village that listen to alarms', async () => {
      const db = env.deps.database.db;
      const at = new Date(START).toISOString();
      const channel = (unitId: number, events: string) =>
        db.insertInto('channel').values({ unit_id: unitId, kind: 'webhook', name: `ch${unitId}${events}`, config: '{}', events, enabled: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const town = await channel(w.units.town, 'warning.issued,alarm.raised');
      const deaf = await channel(w.units.town, 'warning.issued');
      const neighbour = await channel(w.units.villageB, 'alarm.raised');
      const alarmId = (await raise(w.as.resident, { kind: 'trapped', place: '东庄村三组' })).json().id;
      const deliveries = await db.selectFrom('delivery').selectAll().where('event_kind', '=', 'alarm.raised').execute();
      expect(deliveries.map((d) => d.channel_id)).toEqual([town.id]);
      expect(JSON.parse(deliveries[0].payload)).toMatchObject({ event: 'alarm.raised', alarmId, unit: '东庄村', kind: 'trapped', place: '东庄村三组', link: `/alarms/${alarmId}` });
      expect([deaf.id, neighbour.id]).not.toContain(deliveries[0].channel_id);
      await db.updateTable('channel').set({ enabled: 0 }).execute();
    });

    it('must say where: a place someone can find, or coordinates', async () => {
      const before = await env.deps.database.db.selectFrom('alarm').select('id').execute();
      const nowhere = await raise(w.as.resident, { place: '' });
      expect(nowhere.statusCode).toBe(400);
      expect(nowhere.json().error.details).toEqual([{ field: 'place', code: 'alarm.no_location', message: '请说明险情位置（定位或地点描述）' }]);
      const halfCoords = await raise(w.as.resident, { place: ' ', latitude: 21.6 });
      expect(halfCoords.json().error.details[0].code).toBe('alarm.no_location');
      expect(await env.deps.database.db.selectFrom('alarm').select('id').execute()).toEqual(before);
      const coords = await raise(w.as.resident, { place: '', latitude: 21.66, longitude: 110.92 });
      expect(coords.statusCode, coords.body).toBe(201);
      expect(coords.json()).toMatchObject({ place: '', latitude: 21.66, longitude: 110.92 });
      expect((await raise(w.as.resident, { kind: 'aliens' })).json().error.details[0].field).toBe('kind');
    });

    it('appends to the timeline of every warning in force over the unit and tells its dashboards', async () => {
      const issued = await w.as.countyAdmin.post('/api/warnings', { unitId: w.units.county, hazard: 'rainstorm', level: 'orange', description: '强降雨', instruction: '注意地质灾害', areaUnitIds: [w.units.town] });
      expect(issued.statusCode, issued.body).toBe(201);
      const warningId = issued.json().id;
      const res = await raise(w.as.resident, { kind: 'dyke_seepage', place: '东庄河堤 3 号段' });
      const alarmId = res.json().id;
      const events = await env.deps.database.db.selectFrom('warning_event').selectAll().where('warning_id', '=', warningId).where('kind', '=', 'alarm_raised').execute();
      expect(events).toEqual([expect.objectContaining({ unit_id: w.units.villageA, actor_id: w.users.resident.id })]);
      expect(JSON.parse(events[0].detail)).toEqual({ alarmId, kind: 'dyke_seepage', place: '东庄河堤 3 号段' });
      expect(await heard('alarm_raised')).toEqual([expect.objectContaining({ topic: 'warning', warningId, unitId: w.units.villageA })]);
      const board = (await w.as.countyAdmin.get(`/api/warnings/${warningId}/dashboard`)).json();
      expect(board.openAlarms).toBeGreaterThanOrEqual(1);
      expect((await w.as.countyAdmin.post(`/api/warnings/${warningId}/cancel`, { version: issued.json().version, reason: '雨停' })).statusCode).toBe(200);
    });
  });

  describe('who sees an alarm', () => {
    it('lists the alarms of one’s units, newest first, with the raiser’s name and the photo count', async () => {
      const res = await w.as.secretaryA.get(`/api/alarms?unitId=${w.units.villageA}`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<{ id: number; raisedBy: { name: string }; photoCount: number; unitName: string }>;
      expect(items.length).toBe(res.json().total);
      expect(items.map((a) => a.id)).toEqual([...items.map((a) => a.id)].sort((a, b) => b - a));
      expect(items.find((a) => a.id === residentAlarm)).toMatchObject({ raisedBy: { name: w.users.resident.username }, photoCount: 0 });
      expect(items.some((a) => a.unitName === '东庄一网格')).toBe(true);
      const open = (await w.as.countyAdmin.get('/api/alarms?status=active')).json();
      expect(open.total).toBe(res.json().total);
    });

    it('keeps the neighbouring village out: not in its lists, not found by id', async () => {
      expect((await w.as.secretaryB.get(`/api/alarms?unitId=${w.units.villageA}`)).statusCode).toBe(404);
      expect((await w.as.secretaryB.get('/api/alarms')).json()).toMatchObject({ total: 0, items: [] });
      expect((await w.as.secretaryB.get(`/api/alarms/${residentAlarm}`)).json()).toEqual((await w.as.secretaryB.get('/api/alarms/999999')).json());
      expect((await w.as.secretaryB.get(`/api/alarms/${residentAlarm}`)).statusCode).toBe(404);
    });

    it('always shows the one who raised it their own, and no one else’s to a resident', async () => {
      const mine = (await w.as.resident.get('/api/alarms/mine')).json();
      expect(mine.items.map((a: { id: number }) => a.id)).toContain(residentAlarm);
      expect(mine.items.every((a: { raisedBy: { id: number } }) => a.raisedBy.id === w.users.resident.id)).toBe(true);
      expect((await w.as.resident.get(`/api/alarms/${residentAlarm}`)).statusCode).toBe(200);
      expect((await w.as.resident.get(`/api/alarms?unitId=${w.units.villageA}`)).statusCode).toBe(403);
      const other = (await w.as.memberA.get('/api/alarms/mine')).json().items[0].id;
      expect((await w.as.resident.get(`/api/alarms/${other}`)).statusCode).toBe(404);
      // A member of the branch reads warnings of the branch only: the village's alarm is not theirs to see.
      expect((await w.as.memberA.get(`/api/alarms/${residentAlarm}`)).statusCode).toBe(404);
    });
  });

  describe('photos', () => {
    it('are added by the one who raised the alarm and served with their type to whoever may see it', async () => {
      const res = await w.as.resident.upload(`/api/alarms/${residentAlarm}/photos`, 'crack.jpg', PNG);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ mime: 'image/png', size: PNG.length });
      const photo = await w.as.secretaryA.get(`/api/alarms/${residentAlarm}/photos/${res.json().id}`);
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/png');
      expect(photo.rawPayload.equals(PNG)).toBe(true);
      expect((await w.as.resident.get(`/api/alarms/${residentAlarm}/photos/${res.json().id}`)).statusCode).toBe(200);
      expect((await w.as.secretaryB.get(`/api/alarms/${residentAlarm}/photos/${res.json().id}`)).statusCode).toBe(404);
      expect((await w.as.secretaryA.get(`/api/alarms/${residentAlarm}`)).json()).toMatchObject({ photoCount: 1, photos: [{ id: res.json().id, mime: 'image/png' }], canHandle: true });
    });

    it('are images by their bytes, not their names, of 5 MB at most, six at most', async () => {
      const text = await w.as.resident.upload(`/api/alarms/${residentAlarm}/photos`, 'photo.png', Buffer.from('just some text, not an image'));
      expect(text.statusCode).toBe(415);
      expect(text.json().error).toMatchObject({ code: 'alarm.photo_not_image', message: '照片须为 JPEG、PNG 或 WebP 图片' });
      const pdf = await w.as.resident.upload(`/api/alarms/${residentAlarm}/photos`, 'photo.jpg', Buffer.from('%PDF-1.7 whatever'));
      expect(pdf.json().error.code).toBe('alarm.photo_not_image');
      const big = await w.as.resident.upload(`/api/alarms/${residentAlarm}/photos`, 'big.png', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'alarm.photo_too_large', message: '照片不能超过 5 MB' });
      // A secretary of the village adds photos too.
      for (let i = 0; i < 5; i++) expect((await w.as.secretaryA.upload(`/api/alarms/${residentAlarm}/photos`, `p${i}.jpg`, JPEG)).statusCode).toBe(201);
      const seventh = await w.as.resident.upload(`/api/alarms/${residentAlarm}/photos`, 'p7.jpg', JPEG);
      expect(seventh.statusCode).toBe(422);
      expect(seventh.json().error).toMatchObject({ code: 'alarm.too_many_photos', message: '每条上报最多 6 张照片' });
      const stored = await env.deps.database.db.selectFrom('alarm_photo').select('id').where('alarm_id', '=', residentAlarm).execute();
      expect(stored).toHaveLength(6);
    });

    it('are refused to one who sees the alarm but neither raised it nor answers for it, and to the neighbouring village', async () => {
      const alarmId = (await raise(w.as.resident, { place: '村口' })).json().id;
      const seer = await villager.upload(`/api/alarms/${alarmId}/photos`, 'a.png', PNG);
      expect(seer.statusCode).toBe(403);
      expect((await w.as.secretaryB.upload(`/api/alarms/${alarmId}/photos`, 'a.png', PNG)).statusCode).toBe(404);
      expect((await w.as.memberA.upload(`/api/alarms/${alarmId}/photos`, 'a.png', PNG)).statusCode).toBe(404);
      expect(await env.deps.database.db.selectFrom('alarm_photo').select('id').where('alarm_id', '=', alarmId).execute()).toEqual([]);
    });
  });

  describe('handling', () => {
    const promoteBody = () => ({ issuingUnitId: w.units.town, hazard: 'landslide', level: 'orange' });
    const act = (c: Client, id: number, action: AlarmAction) =>
      c.post(`/api/alarms/${id}/${action}`, action === 'promote' ? promoteBody() : { note: `${action} 备注` });
    /** A fresh alarm of village A, brought to a state through the API. */
    const alarmIn = async (status: AlarmStatus) => {
      const id = (await raise(w.as.resident, { place: `状态 ${status}` })).json().id as number;
      const path: Record<AlarmStatus, AlarmAction[]> = { open: [], handling: ['handle'], closed: ['close'], promoted: ['promote'] };
      for (const action of path[status]) {
        const res = await act(townDutyClient, id, action);
        if (res.statusCode >= 300) throw new Error(res.body);
      }
      return id;
    };

    for (const status of ALARM_STATUSES) {
      for (const action of ALARM_ACTIONS) {
        const t = transition(status, action);
        it(`${status} × ${action} → ${t.ok ? t.next : `409 ${t.code}`}`, async () => {
          const id = await alarmIn(status);
          const res = await act(townDutyClient, id, action);
          const row = await env.deps.database.db.selectFrom('alarm').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          if (t.ok) {
            expect(res.statusCode, res.body).toBe(action === 'promote' ? 201 : 200);
            expect(row.status).toBe(t.next);
            expect(row.handled_by).toBe(townDuty.id);
          } else {
            expect(res.statusCode).toBe(409);
            expect(res.json().error.code).toBe(t.code);
            expect(row.status).toBe(status);
          }
        });
      }
    }

    it('keeps the note of who took the alarm up, in the audit log too', async () => {
      const id = await alarmIn('open');
      const res = await townDutyClient.post(`/api/alarms/${id}/handle`, { note: '已派镇应急队前往' });
      expect(res.json()).toMatchObject({ status: 'handling', note: '已派镇应急队前往', handledBy: townDuty.username });
      const closed = await townDutyClient.post(`/api/alarms/${id}/close`, {});
      expect(closed.json()).toMatchObject({ status: 'closed', note: '已派镇应急队前往' });
      const audit = await env.deps.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'alarm').where('entity_id', '=', String(id)).where('action', 'in', ['alarms.handle', 'alarms.close']).orderBy('id').execute();
      expect(audit.map((a) => [JSON.parse(a.before_json!).status, JSON.parse(a.after_json!).status])).toEqual([['open', 'handling'], ['handling', 'closed']]);
    });

    it('is not for the neighbouring village (not found), a resident or a member (no permission)', async () => {
      const id = await alarmIn('open');
      for (const action of ALARM_ACTIONS) {
        expect((await act(w.as.secretaryB, id, action)).statusCode).toBe(404);
        expect((await act(w.as.resident, id, action)).statusCode).toBe(403);
        expect((await act(w.as.memberA, id, action)).statusCode).toBe(403);
      }
      expect((await env.deps.database.db.selectFrom('alarm').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('open');
    });

    it('promotes an alarm into a warning that reaches the alarm’s unit and everything below it', async () => {
      const id = await alarmIn('handling');
      const res = await townDutyClient.post(`/api/alarms/${id}/promote`, { ...promoteBody(), instruction: '立即转移后山住户' });
      expect(res.statusCode, res.body).toBe(201);
      const { warningId, alarm } = res.json();
      expect(alarm).toMatchObject({ status: 'promoted', warningId });
      const warning = (await w.as.countyAdmin.get(`/api/warnings/${warningId}`)).json();
      expect(warning).toMatchObject({ source: 'alarm', unitId: w.units.town, level: 'orange', hazard: 'landslide', headline: '山体滑坡橙色预警', instruction: '立即转移后山住户' });
      expect(warning.description).toContain('后山出现裂缝');
      expect(warning.fanoutDoneAt).not.toBeNull();
      const reached = await env.deps.database.db.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', warningId).execute();
      expect(reached.map((r) => r.unit_id).sort((a, b) => a - b)).toEqual([w.units.villageA, w.units.branchA, gridA1].sort((a, b) => a - b));
      const told = await env.deps.database.db.selectFrom('notification').select('user_id').where('warning_id', '=', warningId).where('kind', '=', 'warning.issued').execute();
      expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([w.users.secretaryA.id, gridWorker.id]));
      expect(told.map((n) => n.user_id)).not.toContain(w.users.secretaryB.id);
      const timeline = (await w.as.secretaryA.get(`/api/warnings/${warningId}/timeline`)).json();
      expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['issued', 'alarm_promoted']));
      const again = await townDutyClient.post(`/api/alarms/${id}/promote`, promoteBody());
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'alarm.already_promoted', message: '该上报已转为预警' });
    });

    it('promotes only into areas the duty officer answers for, leaving the alarm as it was', async () => {
      const id = await alarmIn('open');
      const warningsBefore = await env.deps.database.db.selectFrom('warning').select('id').execute();
      const outside = await w.as.secretaryA.post(`/api/alarms/${id}/promote`, { issuingUnitId: w.units.villageA, hazard: 'landslide', level: 'red', areaUnitIds: [w.units.villageB] });
      expect(outside.statusCode).toBe(422);
      expect(outside.json().error).toMatchObject({ code: 'warning.area_outside_scope', message: '预警覆盖的组织“西庄村”不在您负责的范围内' });
      const issuer = await w.as.secretaryA.post(`/api/alarms/${id}/promote`, { issuingUnitId: w.units.town, hazard: 'landslide', level: 'red' });
      expect(issuer.statusCode).toBe(404);
      const expired = await townDutyClient.post(`/api/alarms/${id}/promote`, { ...promoteBody(), expiresAt: '2026-08-03T20:00:00+08:00' });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().error.details[0]).toMatchObject({ field: 'expiresAt', code: 'warning.expiry_before_effective' });
      expect(await env.deps.database.db.selectFrom('warning').select('id').execute()).toEqual(warningsBefore);
      expect((await env.deps.database.db.selectFrom('alarm').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('open');
      const own = await w.as.secretaryA.post(`/api/alarms/${id}/promote`, { issuingUnitId: w.units.villageA, hazard: 'landslide', level: 'red', areaUnitIds: [gridA1] });
      expect(own.statusCode, own.body).toBe(201);
    });
  });
});
