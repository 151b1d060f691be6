// A phone's position is kept to the centimetre on both databases: an alarm, a hazard, a hazard
// raised to an alarm and a help request read back the seven decimals they were sent with. On
// PostgreSQL alarms and help requests were first stored as float4 (`real`), which cut them to about
// seven significant digits (a metre off); migration 0012 widens them, and keeps the digits of what
// was already stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { connect, migrate, type XfDatabase } from '../src/db/connection.ts';
import { migrations } from '../src/db/migrations.ts';
import { DATABASES, dropSchema, factories, login, startTestEnv, testConfig, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

/** Seven decimals: a centimetre. Chosen so that float4 cannot hold any of them. */
const LANDSLIDE = { latitude: 36.8512345, longitude: 118.7912345 };
const DRAIN = { latitude: 21.6612347, longitude: 110.9254321 };
const ELDERLY = { latitude: -0.0000001, longitude: -179.9999999 };

describe.each(DATABASES)('coordinates through the API (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let grid: number;
  let gridWorker: Client;

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const f = factories(env);
    grid = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    gridWorker = await login(env.app, (await f.user('grid_worker', grid)).username);
  });
  afterAll(async () => env?.close());

  const coordsOf = (body: { latitude: unknown; longitude: unknown }) => ({ latitude: body.latitude, longitude: body.longitude });

  it('an alarm raised with the phone’s position reads back every decimal, in its detail and in the list', async () => {
    const res = await w.as.resident.post('/api/alarms', { unitId: w.units.villageA, kind: 'landslide_sign', place: '', description: '后山出现裂缝，有碎石滚落', ...LANDSLIDE });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(coordsOf(res.json())).toEqual(LANDSLIDE);
    expect(coordsOf((await w.as.resident.get(`/api/alarms/${id}`)).json())).toEqual(LANDSLIDE);
    const listed = (await w.as.countyAdmin.get('/api/alarms?status=active')).json().items.find((a: { id: number }) => a.id === id);
    expect(coordsOf(listed)).toEqual(LANDSLIDE);
  });

  it('a hazard reported with the phone’s position reads back every decimal, and so does the alarm it is raised to', async () => {
    const res = await w.as.resident.post('/api/hazards', { unitId: grid, category: 'blocked_drain', place: '', description: '排水沟被土石堵死', ...DRAIN });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(coordsOf((await w.as.resident.get(`/api/hazards/${id}`)).json())).toEqual(DRAIN);
    const raised = await gridWorker.post(`/api/hazards/${id}/raise`, { note: '积水漫过路面' });
    expect(raised.statusCode, raised.body).toBe(201);
    expect(coordsOf((await gridWorker.get(`/api/alarms/${raised.json().alarmId}`)).json())).toEqual(DRAIN);
  });

  it('a help request filed with the phone’s position reads back every decimal, even near zero and the date line', async () => {
    const res = await w.as.resident.post('/api/help/requests', { unitId: w.units.villageA, category: 'elderly_care', description: '老人需要有人陪同去医院', place: '东庄村二组', phone: '13600000000', ...ELDERLY });
    expect(res.statusCode, res.body).toBe(201);
    expect(coordsOf((await w.as.resident.get(`/api/help/requests/${res.json().id}`)).json())).toEqual(ELDERLY);
  });
});

describe.each(DATABASES)('migration 0012 on a database that already has alarms and help requests (%s)', (kind) => {
  const pgSchema = kind === 'postgres' ? `xf_test_coords_${process.pid}_${Date.now()}` : undefined;
  let database: XfDatabase;
  const NOW = '2026-08-03T14:00:00.000Z';

  beforeAll(async () => {
    database = await connect({ url: testConfig(kind).databaseUrl, pgSchema });
  });
  afterAll(async () => {
    await database?.close();
    if (pgSchema) await dropSchema(pgSchema);
  });

  /** Coordinates of every alarm and help request, by table and id. */
  const read = async () => ({
    alarm: await database.db.selectFrom('alarm').select(['id', 'latitude', 'longitude']).orderBy('id').execute(),
    help: await database.db.selectFrom('help_request').select(['id', 'latitude', 'longitude']).orderBy('id').execute(),
  });

  it('keeps the stored positions as people saw them, and stores seven decimals afterwards', async () => {
    // The schema as it stood before 0012 (with whatever came before it).
    const all = migrations(database.dialect);
    const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0012_coordinates'));
    const provider: MigrationProvider = { getMigrations: async () => before };
    const { error } = await new Migrator({ db: database.db, provider, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) }).migrateToLatest();
    if (error) throw error;

    const db = database.db;
    const { id: unitId } = await db.insertInto('unit').values({ code: 'C01A', name: '东庄村', kind: 'village', parent_id: null, phone: null, founded_on: null, archived_at: null, member_count: 0, full_member_count: 0, subtree_member_count: 0, created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
    const { id: userId } = await db.insertInto('app_user').values({ username: 'resident', display_name: '王大妈', phone_enc: null, phone_hash: null, phone_masked: null, password_hash: 'x', member_id: null, must_change_password: 0, disabled_at: null, created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
    const alarm = { unit_id: unitId, kind: 'landslide_sign', description: '坡面出现新裂缝', status: 'open', raised_by: userId, raised_at: NOW, handled_by: null, handled_at: null, note: null, warning_id: null };
    await db.insertInto('alarm').values([
      { ...alarm, place: '村后山三组上方坡面', latitude: 36.85, longitude: 118.79 },
      { ...alarm, place: '', ...LANDSLIDE },
      { ...alarm, place: '村东桥头', latitude: null, longitude: null },
    ]).execute();
    const help = { unit_id: unitId, village_id: unitId, category: 'elderly_care', description: '老人需要陪同就医', status: 'received', resident_name: '王大妈', phone_enc: 'x', phone_hash: 'x', phone_masked: '136****0000', address_hash: null, filed_by: userId, source: 'account', accept_due_at: NOW, resolve_due_at: NOW, created_at: NOW, updated_at: NOW };
    await db.insertInto('help_request').values([
      { ...help, receipt_code: 'AAAAAAAAAA', place: '东庄村二组', ...DRAIN },
      { ...help, receipt_code: 'BBBBBBBBBB', place: '东庄村三组', latitude: null, longitude: null },
    ]).execute();
    const stored = await read();

    expect(await migrate(database)).toContain('0012_coordinates');

    // Nothing lost, nothing invented: each value reads back as it did before (on PostgreSQL the
    // float4's digits, 36.85 and not 36.849998474121094; on SQLite the same doubles untouched).
    expect(await read()).toEqual(stored);
    expect((await read()).alarm[0]).toMatchObject({ latitude: 36.85, longitude: 118.79 });
    if (kind === 'postgres') {
      const types = await sql<{ table_name: string; column_name: string; data_type: string }>`
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = ${pgSchema} AND column_name IN ('latitude', 'longitude') ORDER BY table_name, column_name`.execute(db);
      expect(types.rows).toEqual(
        ['alarm', 'hazard', 'help_request'].flatMap((table) => ['latitude', 'longitude'].map((column) => ({ table_name: table, column_name: column, data_type: 'double precision' }))),
      );
    }

    // From now on the centimetre survives.
    const { id } = await db.insertInto('alarm').values({ ...alarm, place: '', ...LANDSLIDE }).returning('id').executeTakeFirstOrThrow();
    expect(await db.selectFrom('alarm').select(['latitude', 'longitude']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual(LANDSLIDE);
    await db.updateTable('help_request').set(ELDERLY).where('receipt_code', '=', 'BBBBBBBBBB').execute();
    expect(await db.selectFrom('help_request').select(['latitude', 'longitude']).where('receipt_code', '=', 'BBBBBBBBBB').executeTakeFirstOrThrow()).toEqual(ELDERLY);
  });
});
