// `npm run bench:help`: help requests (群众求助) at city scale, on SQLite and (with
// BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL. Builds a city of 2,000 villages with
// 200,000 members (bulk inserts: the member service would take far longer and is not under test),
// a third of them with accounts, and 20,000 members registered where they live (双报到); then
// measures matching a new request against them (the database narrows by place and specialty
// through indexes, the domain scores), and 1,000 requests filed concurrently through the public
// page of a real `xianfeng serve` process — all at once (set against the floors of the machine),
// 1,000 more arriving at a steady rate, and 1,000 more filed by a hundred residents at a time — all
// recorded? Prints figures; asserts nothing.
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_SPECIALTIES, HELP_CATEGORIES, helpCategory, helpDeadlines, type HelpCategory } from '@xianfeng/domain';
import { createDeps } from '../apps/server/src/deps.ts';
import { refreshStatistics } from '../apps/server/src/db/dialect.ts';
import * as unitRepo from '../apps/server/src/modules/units/repo.ts';
import * as helpRepo from '../apps/server/src/modules/help/repo.ts';
import { rankFor } from '../apps/server/src/modules/help/matching.ts';
import type { Config } from '../apps/server/src/config.ts';
import { spawnServer, type ServerProcess } from '../apps/server/test/spawn.ts';
import { cpuOf, memoryOf, quantile } from './measure.ts';

const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const SECRET = 'bench-secret-key-bench-secret-key-0003';
const TOWNS = 20;
const VILLAGES_PER_TOWN = 100;
const MEMBERS = Number(process.env.BENCH_HELP_MEMBERS) || 200_000;
const REGISTERED = Math.round(MEMBERS / 10);
const MATCHES = 300;
const FILINGS = Number(process.env.BENCH_HELP_FILINGS) || 1000;
const FILING_RATE = Number(process.env.BENCH_HELP_RATE) || 100;
const IN_FLIGHT = Number(process.env.BENCH_HELP_IN_FLIGHT) || 100;
const CHUNK = 500;

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A small deterministic generator, so every run builds the same city. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

async function buildCity(deps: Awaited<ReturnType<typeof createDeps>>) {
  const db = deps.database.db;
  const now = new Date().toISOString();
  const r = rng(7);
  const rootId = await db.transaction().execute((tx) => unitRepo.insertUnit(tx, { code: 'HCITY', name: '中共临海市委员会', kind: 'county_committee', parent_id: null, phone: null, founded_on: null, now }));
  const villages: Array<{ id: number; code: string; branch: number }> = [];
  for (let t = 0; t < TOWNS; t++) {
    await db.transaction().execute(async (tx) => {
      const town = await unitRepo.insertUnit(tx, { code: `H${t}`, name: `第${t + 1}镇`, kind: 'town_committee', parent_id: rootId, phone: null, founded_on: null, now });
      for (let v = 0; v < VILLAGES_PER_TOWN; v++) {
        const code = `H${t}V${v}`;
        const id = await unitRepo.insertUnit(tx, { code, name: `第${t + 1}镇${v + 1}村`, kind: 'village', parent_id: town, phone: null, founded_on: null, now });
        const branch = await unitRepo.insertUnit(tx, { code: `${code}B`, name: `第${t + 1}镇${v + 1}村党支部`, kind: 'branch', parent_id: id, phone: null, founded_on: null, now });
        villages.push({ id, code, branch });
      }
    });
  }
  // Members: up to two specialties each (about 60% have one), a third of them with an account.
  let memberId = 0;
  for (let start = 0; start < MEMBERS; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, MEMBERS - start) }, (_, i) => {
      const n = start + i;
      const specialties = r.next() < 0.6 ? [...new Set([r.pick(DEFAULT_SPECIALTIES), ...(r.next() < 0.3 ? [r.pick(DEFAULT_SPECIALTIES)] : [])])] : [];
      return { n, village: villages[n % villages.length]!, specialties };
    });
    await db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('member')
        .values(rows.map(({ n, village, specialties }) => ({
          unit_id: village.branch, name: `党员${n}`, name_pinyin: `dangyuan${n}`, name_initials: 'dy', gender: n % 2 ? 'male' : 'female', ethnicity: '汉族', birth_date: '1980-01-01',
          id_number_enc: 'x', id_number_hash: `bench-${n}`, id_number_masked: '3707**********0000', mobile_enc: null, mobile_hash: null, mobile_masked: null, join_date: '2005-07-01',
          status: 'full', full_member_date: '2006-07-01', education: null, occupation: null, specialties: specialties.join('|'), created_at: now, updated_at: now,
        })))
        .returning('id')
        .execute();
      const specRows = inserted.flatMap((m, i) => rows[i]!.specialties.map((specialty) => ({ member_id: m.id, specialty })));
      if (specRows.length) await tx.insertInto('member_specialty').values(specRows).execute();
      const users = inserted.filter((_, i) => rows[i]!.n % 3 === 0);
      if (users.length) {
        await tx.insertInto('app_user').values(users.map((m) => ({
          username: `hm${m.id}`, display_name: `党员${m.id}`, phone_enc: null, phone_hash: null, phone_masked: null, password_hash: 'x', member_id: m.id, must_change_password: 0, disabled_at: null, created_at: now, updated_at: now,
        }))).execute();
      }
      memberId = inserted[inserted.length - 1]!.id;
    });
  }
  // Residence registrations: members with accounts registered in a village other than their own.
  const registered = await db.selectFrom('app_user').select('member_id').where('member_id', 'is not', null).orderBy('member_id').limit(REGISTERED).execute();
  for (let start = 0; start < registered.length; start += CHUNK) {
    await db.transaction().execute(async (tx) => {
      for (const u of registered.slice(start, start + CHUNK)) {
        const village = r.pick(villages);
        await helpRepo.insertResidence(tx, {
          memberId: u.member_id!, unitId: village.id, villageId: village.id, specialties: [r.pick(DEFAULT_SPECIALTIES), r.pick(DEFAULT_SPECIALTIES)].filter((s, i, a) => a.indexOf(s) === i),
          hours: JSON.stringify([{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:00' }]), note: '', now,
        });
      }
    });
  }
  await refreshStatistics(db, deps.database.dialect, ['unit', 'unit_closure', 'member', 'member_specialty', 'app_user', 'help_residence', 'help_residence_specialty']);
  return { villages, lastMember: memberId, registered: registered.length };
}

async function benchOne(kind: 'sqlite' | 'postgres') {
  const schema = `xf_help_${crypto.randomBytes(4).toString('hex')}`;
  const file = path.join(os.tmpdir(), `xf-help-${schema}.db`);
  const config: Config = {
    port: 0, host: '127.0.0.1', databaseUrl: kind === 'postgres' ? PG_URL! : file, secretKey: SECRET,
    keyFile: `${file}.key`, webDist: null, logLevel: 'silent', pgSchema: kind === 'postgres' ? schema : undefined,
  };
  const deps = await createDeps(config);
  let server: ServerProcess | null = null;
  try {
    console.log(`\n## help requests at city scale on ${kind}`);
    const t0 = Date.now();
    const city = await buildCity(deps);
    console.log(`built ${city.villages.length} villages, ${MEMBERS} members (a third with accounts), ${city.registered} registered where they live in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // 1. Matching a new request: candidates narrowed by the database, scored by the domain, the best recorded.
    const db = deps.database.db;
    const r = rng(11);
    const times: number[] = [];
    const rankTimes: number[] = [];
    const candidates: number[] = [];
    const now = new Date();
    for (let i = 0; i < MATCHES; i++) {
      const village = r.pick(city.villages);
      const category = r.pick(HELP_CATEGORIES).value as HelpCategory;
      const due = helpDeadlines(category, now);
      const id = await helpRepo.insertRequest(db, {
        receiptCode: `BM${String(i).padStart(8, '0')}`, unitId: village.id, villageId: village.id, category, description: '基准测试求助', place: '村口', latitude: null, longitude: null,
        residentName: '基准', phoneEnc: 'x', phoneHash: `bench-${i}`, phoneMasked: '139****0000', filedBy: null, source: 'public', acceptDueAt: due.acceptDueAt, resolveDueAt: due.resolveDueAt, now: now.toISOString(),
      });
      const target = { unitId: village.id, unitKind: 'village', villageId: village.id, category, specialties: helpCategory(category).specialties };
      // Narrowing and scoring alone (what a new request waits for), then with the matches recorded
      // in a transaction of their own (as filing does, inside its transaction).
      const ranked = performance.now();
      await rankFor(db, target, now);
      if (i >= 20) rankTimes.push(performance.now() - ranked);
      const start = performance.now();
      const matches = await rankFor(db, target, now);
      await db.transaction().execute((tx) => helpRepo.insertMatches(tx, id, matches, now.toISOString()));
      if (i >= 20) times.push(performance.now() - start);
      candidates.push(matches.length);
    }
    const probe = r.pick(city.villages);
    const pool = (await helpRepo.candidates(db, probe.id, helpCategory('repair').specialties)).length;
    console.log(`matching a new request against ${MEMBERS} members (${pool} candidates in a village for repairs), narrowed and scored: p50 ${ms(quantile(rankTimes, 0.5))}, p99 ${ms(quantile(rankTimes, 0.99))}, slowest ${ms(Math.max(...rankTimes))} over ${rankTimes.length} requests; ${candidates.filter((c) => c > 0).length} of ${MATCHES} matched someone`);
    console.log(`  with the matches recorded in a transaction: p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}, slowest ${ms(Math.max(...times))}`);

    // 2. 1,000 residents filing at once through the public page of a real server process.
    server = await spawnServer({ XIANFENG_WEB_DIST: '', DATABASE_URL: config.databaseUrl, XIANFENG_SECRET_KEY: SECRET, ...(config.pgSchema ? { XIANFENG_PG_SCHEMA: config.pgSchema } : {}) });
    const target = city.villages.slice(0, 50);
    // Each resident opened the QR page first (its question), as the page does; then all press 提交 at once.
    const forms = await Promise.all(
      Array.from({ length: 3 * FILINGS }, async (_, i) => {
        const village = target[i % target.length]!;
        const page = (await (await fetch(`${server!.url}/api/public/help/villages/${village.code}`)).json()) as { challenge: { question: string; token: string } };
        const [a, b] = page.challenge.question.match(/\d+/g)!.map(Number);
        return {
          village: village.code,
          address: `10.${Math.floor(i / 250)}.${i % 250}.7`,
          body: { category: HELP_CATEGORIES[i % HELP_CATEGORIES.length]!.value, description: `基准测试：第 ${i} 位群众求助`, place: `${i} 号`, name: '群众', phone: `139${String(10_000_000 + i).slice(-8)}`, challenge: page.challenge.token, answer: a! + b! },
        };
      }),
    );
    const count = async () => Number((await db.selectFrom('help_request').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    /**
     * Files each form: all at once, arriving at a steady rate whatever the answers (how people
     * arrive), or by a number of residents at a time, each filing the next as soon as answered.
     */
    const fileAll = async (list: typeof forms, pace: { perSecond: number } | { inFlight: number } | 'at once', how: string) => {
      const before = await count();
      const clientMs: number[] = [];
      const serverMs: number[] = [];
      let failed = 0;
      const statuses = new Map<number, number>();
      const t1 = Date.now();
      const serverCpu = cpuOf(server!.proc.pid!);
      const clientCpu = process.cpuUsage();
      const fileOne = async (f: (typeof forms)[number]) => {
          const start = performance.now();
          const res = await fetch(`${server!.url}/api/public/help/villages/${f.village}/requests`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': f.address }, body: JSON.stringify(f.body) });
          await res.arrayBuffer();
          clientMs.push(performance.now() - start);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status !== 201) failed++;
          else serverMs.push(Number(res.headers.get('server-timing')!.split('dur=')[1]));
      };
      if (pace === 'at once') await Promise.all(list.map(fileOne));
      else if ('perSecond' in pace) await Promise.all(list.map(async (f, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / pace.perSecond));
        await fileOne(f);
      }));
      else {
        let next = 0;
        await Promise.all(Array.from({ length: pace.inFlight }, async () => {
          while (next < list.length) await fileOne(list[next++]!);
        }));
      }
      const seconds = (Date.now() - t1) / 1000;
      const serverCpuMs = cpuOf(server!.proc.pid!) - serverCpu;
      const clientCpuUse = process.cpuUsage(clientCpu);
      const clientCpuMs = (clientCpuUse.user + clientCpuUse.system) / 1000;
      console.log(`${list.length} requests filed through the public page, ${how}: ${seconds.toFixed(1)} s (${(list.length / seconds).toFixed(0)}/s), ${failed} failed (${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}); client p50 ${ms(quantile(clientMs, 0.5))}, p99 ${ms(quantile(clientMs, 0.99))}; server-side p50 ${ms(quantile(serverMs, 0.5))}, p99 ${ms(quantile(serverMs, 0.99))}`);
      console.log(`  recorded: ${(await count()) - before} of ${list.length} requests; CPU per filing: server ${(serverCpuMs / list.length).toFixed(2)} ms, benchmark client ${(clientCpuMs / list.length).toFixed(2)} ms`);
    };
    // The floors of this machine: the same burst, through the same client, at the health check (one
    // small read, no body) and at a plain Node server answering a constant (after a first burst to
    // warm it up, as the page loads warmed this one). No filing can be answered faster.
    const burst = async (url: string) => {
      const times: number[] = [];
      await Promise.all(Array.from({ length: FILINGS }, async () => {
        const start = performance.now();
        await (await fetch(url)).arrayBuffer();
        times.push(performance.now() - start);
      }));
      return `client p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}`;
    };
    const bare = fork(path.join(import.meta.dirname, 'bare-server.ts'), [], { execArgv: ['--import', 'tsx'] });
    try {
      const port = await new Promise<number>((resolve) => bare.once('message', (m) => resolve(m as number)));
      await burst(`http://127.0.0.1:${port}/`);
      console.log(`floor: ${FILINGS} requests all sent at once to a plain Node server answering a constant: ${await burst(`http://127.0.0.1:${port}/`)}`);
    } finally {
      bare.kill();
    }
    console.log(`floor: ${FILINGS} GET /api/health all sent at once: ${await burst(`${server!.url}/api/health`)}`);
    // All at once: the client's time is mostly waiting in line behind the others (one process);
    // the server-side time is what each filing costs. Then the same number arriving at a steady
    // rate, as residents do, and filed by a hundred residents at a time.
    await fileAll(forms.slice(0, FILINGS), 'at once', 'all sent at once');
    await fileAll(forms.slice(FILINGS, 2 * FILINGS), { perSecond: FILING_RATE }, `arriving at ${FILING_RATE} a second`);
    await fileAll(forms.slice(2 * FILINGS), { inFlight: IN_FLIGHT }, `by ${IN_FLIGHT} residents at a time`);
    const mem = memoryOf(server.proc.pid!);
    console.log(`server process memory: RSS ${mem.rss.toFixed(0)} MB, peak ${mem.peak.toFixed(0)} MB`);
  } finally {
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
console.log(`# 先锋 help-request benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
for (const kind of kinds) await benchOne(kind);
