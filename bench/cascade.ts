// `npm run bench:cascade` (also part of `npm run bench`): the warning cascade at city scale, on
// SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL. Builds a city of about
// 12,000 units and 30,000 responsible people, starts a real `xianfeng serve`, and measures:
// a city-wide red warning's fan-out; 12,000 acknowledgements posted concurrently over HTTP, half
// with 100 always in flight and half arriving at 200 a second (all recorded?); the dashboard figures; 5,000 live dashboard connections on the one server process and
// how long an acknowledgement takes to reach all of them. Prints figures; asserts nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDeps } from '../apps/server/src/deps.ts';
import { hashPassword } from '../apps/server/src/modules/auth/password.ts';
import * as unitRepo from '../apps/server/src/modules/units/repo.ts';
import type { Config } from '../apps/server/src/config.ts';
import { spawnServer, type ServerProcess } from '../apps/server/test/spawn.ts';
import { memoryOf, quantile } from './measure.ts';

const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const SECRET = 'bench-secret-key-bench-secret-key-0002';
const COUNTIES = 10;
const TOWNS_PER_COUNTY = 15;
const VILLAGES_PER_TOWN = 79;
const LIVE_CONNECTIONS = Number(process.env.BENCH_LIVE_CONNECTIONS) || 5000;
const ACK_CONCURRENCY = Number(process.env.BENCH_ACK_CONCURRENCY) || 100;
const ACK_RATE = Number(process.env.BENCH_ACK_RATE) || 200;

const ms = (n: number) => `${n.toFixed(1)} ms`;

interface City {
  rootId: number;
  villages: Array<{ id: number; token: string; csrf: string }>;
  people: number;
}

/** The city, its responsible people (secretary and grid worker in every village, duty officers above), and a session per village secretary. */
async function buildCity(deps: Awaited<ReturnType<typeof createDeps>>): Promise<City> {
  const db = deps.database.db;
  const now = new Date().toISOString();
  const hash = await hashPassword('Xianfeng2026');
  const grants: Array<{ role: string; unitId: number }> = [];
  const rootId = await db.transaction().execute((tx) => unitRepo.insertUnit(tx, { code: 'CITY', name: '中共临海市委员会', kind: 'county_committee', parent_id: null, phone: null, founded_on: null, now }));
  grants.push({ role: 'unit_admin', unitId: rootId }, { role: 'duty_officer', unitId: rootId }, { role: 'duty_officer', unitId: rootId });
  const villageIds: number[] = [];
  for (let c = 0; c < COUNTIES; c++) {
    const countyId = await db.transaction().execute((tx) => unitRepo.insertUnit(tx, { code: `C${c}`, name: `第${c + 1}县`, kind: 'county', parent_id: rootId, phone: null, founded_on: null, now }));
    grants.push({ role: 'unit_admin', unitId: countyId }, { role: 'duty_officer', unitId: countyId }, { role: 'duty_officer', unitId: countyId });
    for (let t = 0; t < TOWNS_PER_COUNTY; t++) {
      await db.transaction().execute(async (tx) => {
        const townId = await unitRepo.insertUnit(tx, { code: `C${c}T${t}`, name: `第${c + 1}县第${t + 1}镇`, kind: 'town', parent_id: countyId, phone: null, founded_on: null, now });
        grants.push({ role: 'unit_admin', unitId: townId }, { role: 'duty_officer', unitId: townId }, { role: 'duty_officer', unitId: townId });
        for (let v = 0; v < VILLAGES_PER_TOWN; v++) {
          const id = await unitRepo.insertUnit(tx, { code: `C${c}T${t}V${v}`, name: `第${c + 1}县${t + 1}镇${v + 1}村`, kind: 'village', parent_id: townId, phone: null, founded_on: null, now });
          villageIds.push(id);
          grants.push({ role: 'secretary', unitId: id }, { role: 'grid_worker', unitId: id });
          if (v % 2 === 0) grants.push({ role: 'duty_officer', unitId: id });
        }
      });
    }
  }
  // People in bulk: one account per grant.
  const secretaries = new Map<number, number>();
  for (let i = 0; i < grants.length; i += 500) {
    const chunk = grants.slice(i, i + 500);
    const users = await db
      .insertInto('app_user')
      .values(chunk.map((g, j) => ({ username: `p${i + j}`, display_name: `值守${i + j}`, phone_enc: null, phone_hash: null, phone_masked: null, password_hash: hash, member_id: null, must_change_password: 0, disabled_at: null, created_at: now, updated_at: now })))
      .returning('id')
      .execute();
    await db.insertInto('role_grant').values(chunk.map((g, j) => ({ user_id: users[j]!.id, role: g.role, unit_id: g.unitId, granted_by: null, created_at: now }))).execute();
    chunk.forEach((g, j) => g.role === 'secretary' && secretaries.set(g.unitId, users[j]!.id));
  }
  const villages = [];
  for (const id of villageIds) {
    const s = await deps.sessions.create({ userId: secretaries.get(id)!, ip: null, userAgent: 'bench', ttlSeconds: 6 * 3600, now: new Date() });
    villages.push({ id, token: s.token, csrf: s.csrfToken });
  }
  return { rootId, villages, people: grants.length };
}

/** One live dashboard connection: resolves with the time of each "figures" event and its acknowledged count. */
function openStream(url: string, cookie: string, onFigures: (acknowledged: number) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      let opened = false;
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('event: figures')) {
            // The count alone, without parsing 5,000 copies of the figures: the client shares the server's two cores.
            onFigures(Number(/"total":\{"units":\d+,"acknowledged":(\d+)/.exec(block)?.[1] ?? 0));
            if (!opened) {
              opened = true;
              resolve(req);
            }
          }
        }
      });
    });
    req.on('error', reject);
  });
}

async function benchOne(kind: 'sqlite' | 'postgres') {
  const schema = `xf_cascade_${crypto.randomBytes(4).toString('hex')}`;
  const file = path.join(os.tmpdir(), `xf-cascade-${schema}.db`);
  const config: Config = {
    port: 0, host: '127.0.0.1', databaseUrl: kind === 'postgres' ? PG_URL! : file, secretKey: SECRET,
    keyFile: `${file}.key`, webDist: null, logLevel: 'silent', pgSchema: kind === 'postgres' ? schema : undefined,
  };
  const deps = await createDeps(config);
  let server: ServerProcess | null = null;
  const streams: http.ClientRequest[] = [];
  try {
    console.log(`\n## warning cascade at city scale on ${kind}`);
    const t0 = Date.now();
    const city = await buildCity(deps);
    const units = Number((await deps.database.db.selectFrom('unit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`built ${units} units and ${city.people} responsible people in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    server = await spawnServer({ XIANFENG_WEB_DIST: '', DATABASE_URL: config.databaseUrl, XIANFENG_SECRET_KEY: SECRET, ...(config.pgSchema ? { XIANFENG_PG_SCHEMA: config.pgSchema } : {}) });
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'p0', password: 'Xianfeng2026' }) });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const cookie = cookies.join('; ');
    const headers = { cookie, 'x-csrf-token': cookies.find((c) => c.startsWith('xf_csrf='))!.slice(8), 'content-type': 'application/json' };

    // 1. Fan-out: the issuing request answers when every unit and person has been reached.
    const started = Date.now();
    const issued = await fetch(`${server.url}/api/warnings`, { method: 'POST', headers, body: JSON.stringify({ unitId: city.rootId, hazard: 'typhoon', level: 'red', description: '超强台风即将登陆，全市启动防风Ⅰ级应急响应。', instruction: '立即转移危险区域群众。', areaUnitIds: [city.rootId] }) });
    const fanoutMs = Date.now() - started;
    if (issued.status !== 201) throw new Error(`issue: ${issued.status} ${await issued.text()}`);
    const warning = (await issued.json()) as { id: number };
    const reached = Number((await deps.database.db.selectFrom('warning_unit').select((eb) => eb.fn.countAll().as('n')).where('warning_id', '=', warning.id).executeTakeFirstOrThrow()).n);
    const told = Number((await deps.database.db.selectFrom('notification').select((eb) => eb.fn.countAll().as('n')).where('warning_id', '=', warning.id).executeTakeFirstOrThrow()).n);
    console.log(`fan-out of a city-wide red warning: ${reached} units and ${told} people reached in ${fanoutMs} ms (request to answer, fan-out included; server-side ${issued.headers.get('server-timing')})`);

    const ack = (v: City['villages'][number]) =>
      fetch(`${server!.url}/api/warnings/${warning.id}/units/${v.id}/ack`, { method: 'POST', headers: { cookie: `xf_session=${v.token}`, 'x-csrf-token': v.csrf } });
    /** Times of one acknowledgement, seen by the client and by the server (Server-Timing). */
    const timed = async (v: City['villages'][number], clientMs: number[], serverMs: number[]) => {
      const start = performance.now();
      const res = await ack(v);
      await res.arrayBuffer();
      clientMs.push(performance.now() - start);
      if (res.status !== 200) return false;
      serverMs.push(Number(res.headers.get('server-timing')!.split('dur=')[1]));
      return true;
    };
    const summary = (n: number, seconds: number, how: string, failed: number, clientMs: number[], serverMs: number[]) =>
      `${n} in ${seconds.toFixed(1)} s (${(n / seconds).toFixed(0)}/s), ${how}, ${failed} failed; client p50 ${ms(quantile(clientMs, 0.5))}, p99 ${ms(quantile(clientMs, 0.99))}; server-side p50 ${ms(quantile(serverMs, 0.5))}, p99 ${ms(quantile(serverMs, 0.99))}`;
    /** Closed loop: `concurrency` requests always in flight, each sent as the one before answers (a stress test of throughput). */
    const ackAll = async (list: City['villages'], concurrency: number) => {
      const clientMs: number[] = [];
      const serverMs: number[] = [];
      let failed = 0;
      let next = 0;
      const t = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < list.length) if (!(await timed(list[next++]!, clientMs, serverMs))) failed++;
        }),
      );
      return summary(list.length, (Date.now() - t) / 1000, `${concurrency} in flight`, failed, clientMs, serverMs);
    };
    /** Open loop: villages press 签收 at a steady rate whatever the server's answers (how people arrive). */
    const ackAtRate = async (list: City['villages'], perSecond: number) => {
      const clientMs: number[] = [];
      const serverMs: number[] = [];
      let failed = 0;
      const t = Date.now();
      await Promise.all(
        list.map(async (v, i) => {
          await new Promise((r) => setTimeout(r, (i * 1000) / perSecond));
          if (!(await timed(v, clientMs, serverMs))) failed++;
        }),
      );
      return summary(list.length, (Date.now() - t) / 1000, `sent at ${perSecond}/s`, failed, clientMs, serverMs);
    };
    const recordedAcks = async () => Number((await deps.database.db.selectFrom('warning_unit').select((eb) => eb.fn.countAll().as('n')).where('warning_id', '=', warning.id).where('acked_at', 'is not', null).executeTakeFirstOrThrow()).n);

    // 2. The villages acknowledge over HTTP, all but the last 1,001 (kept for the live phase):
    //    half as a stress test with ACK_CONCURRENCY always in flight, half arriving at ACK_RATE
    //    a second (12,000 villages within a minute at 200/s; a red warning allows ten).
    const storm = city.villages.slice(0, -1001);
    const half = Math.floor(storm.length / 2);
    console.log(`acknowledgements, stress: ${await ackAll(storm.slice(0, half), ACK_CONCURRENCY)}`);
    console.log(`acknowledgements, steady arrival: ${await ackAtRate(storm.slice(half), ACK_RATE)}`);
    console.log(`  recorded: ${await recordedAcks()} of ${storm.length} posted (none lost if equal)`);

    // 3. Live dashboards: LIVE_CONNECTIONS open streams on this one server process.
    const deliveredAt: number[] = new Array(LIVE_CONNECTIONS).fill(0);
    let target = Infinity;
    const openStart = Date.now();
    for (let i = 0; i < LIVE_CONNECTIONS; i += 250) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(250, LIVE_CONNECTIONS - i) }, (_, j) =>
          openStream(`${server!.url}/api/warnings/${warning.id}/stream`, cookie, (acked) => {
            if (acked >= target && !deliveredAt[i + j]) deliveredAt[i + j] = Date.now();
          }),
        ),
      );
      streams.push(...batch);
    }
    console.log(`${LIVE_CONNECTIONS} live dashboard connections open in ${((Date.now() - openStart) / 1000).toFixed(1)} s; server RSS ${memoryOf(server.proc.pid!).rss.toFixed(0)} MB`);

    // 4. 1,000 more acknowledgements while every dashboard is live, then one on a quiet server:
    //    how long until every open dashboard shows it.
    console.log(`acknowledgements with ${LIVE_CONNECTIONS} dashboards open: ${await ackAll(city.villages.slice(-1001, -1), ACK_CONCURRENCY)}`);
    await new Promise((r) => setTimeout(r, 1500));
    const last = city.villages[city.villages.length - 1]!;
    target = (await recordedAcks()) + 1;
    const ackAt = Date.now();
    const res = await ack(last);
    if (res.status !== 200) throw new Error(`last ack ${res.status}`);
    for (let i = 0; i < 100 && deliveredAt.some((d) => d === 0); i++) await new Promise((r) => setTimeout(r, 50));
    const delays = deliveredAt.filter((d) => d > 0).map((d) => d - ackAt);
    console.log(`an acknowledgement reached ${delays.length} of ${LIVE_CONNECTIONS} live dashboards: p50 ${ms(quantile(delays, 0.5))}, p99 ${ms(quantile(delays, 0.99))}, slowest ${ms(Math.max(...delays))} after the request was sent`);
    console.log(`  recorded: ${await recordedAcks()} of ${city.villages.length} villages`);

    // 5. Dashboard figures of the whole city.
    const figures: number[] = [];
    for (let i = 0; i < 120; i++) {
      const r = await fetch(`${server.url}/api/warnings/${warning.id}/dashboard`, { headers });
      await r.arrayBuffer();
      if (i >= 20) figures.push(Number(r.headers.get('server-timing')!.split('dur=')[1]));
    }
    console.log(`dashboard figures of ${reached} units (penetration by level, overdue, evacuation, alarms): server-side p50 ${ms(quantile(figures, 0.5))}, p95 ${ms(quantile(figures, 0.95))}`);
    const mem = memoryOf(server.proc.pid!);
    console.log(`server process memory: RSS ${mem.rss.toFixed(0)} MB, peak ${mem.peak.toFixed(0)} MB`);
  } finally {
    for (const s of streams) s.destroy();
    server?.stop();
    await deps.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.key`]) fs.rmSync(f, { force: true });
    if (kind === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }
}

const kinds = (PG_URL ? ['sqlite', 'postgres'] : ['sqlite']).filter((k) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(',').includes(k)) as Array<'sqlite' | 'postgres'>;
console.log(`# 先锋 cascade benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
for (const kind of kinds) await benchOne(kind);
