// `npm run bench`: figures for the issue's performance targets, on the demo county and a generated
// city, on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL.
// The data is generated in this process; the figures come from a real `xianfeng serve` process
// (server-side time from its Server-Timing header, memory from /proc). Prints figures; asserts
// nothing. BENCH_SCALES=county and BENCH_DATABASES=sqlite limit the run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { makeIdNumber } from '@xianfeng/domain';
import { createDeps } from '../apps/server/src/deps.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { subtreeMemberCount } from '../apps/server/src/modules/units/repo.ts';
import { book, figures, settingsFor, verify } from '../apps/server/src/modules/points/ledger.ts';
import { evaluateMember, evaluateSubtree } from '../apps/server/src/modules/stars/compute.ts';
import type { Config } from '../apps/server/src/config.ts';
import { spawnServer, type ServerProcess } from '../apps/server/test/spawn.ts';
import { memoryOf, quantile } from './measure.ts';

const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const SCALES = (process.env.BENCH_SCALES || 'county,city').split(',') as Array<'county' | 'city'>;
const SECRET = 'bench-secret-key-bench-secret-key-0001';

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const v = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, v];
}

/** The server's memory after each bench phase, to see which phase raises the peak (VmHWM). */
interface PhaseRow { phase: string; rss: number; peak: number; rise: number }
let watched: { pid: number; rows: PhaseRow[] } | null = null;
function watchMemory(pid: number) {
  watched = { pid, rows: [] };
}
function phase(name: string) {
  if (!watched) return;
  const m = memoryOf(watched.pid);
  const before = watched.rows.at(-1)?.peak ?? m.peak;
  watched.rows.push({ phase: name, rss: m.rss, peak: m.peak, rise: m.peak - before });
}
function printPhases(title: string) {
  if (!watched) return;
  const width = Math.max(5, ...watched.rows.map((r) => r.phase.length));
  console.log(`\nserver memory after each phase (${title}):`);
  console.log(`  ${'phase'.padEnd(width)}  RSS MB  peak MB  peak +MB`);
  for (const r of watched.rows) console.log(`  ${r.phase.padEnd(width)}  ${r.rss.toFixed(0).padStart(6)}  ${r.peak.toFixed(0).padStart(7)}  ${(r.rise ? `+${r.rise.toFixed(0)}` : '').padStart(8)}`);
  watched = null;
}

async function rollOf10k(branchCode: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '入党日期', '党员状态', '所在支部', '学历', '特长']);
  for (let i = 0; i < 10_000; i++) {
    const gender = i % 2 ? 'male' : 'female';
    // One person per day from 1940 on: every ID number differs.
    const birth = new Date(Date.UTC(1940, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    ws.addRow([`测试${i}`, gender === 'male' ? '男' : '女', '汉族', birth, makeIdNumber('530102', birth, 101, gender), '', '2015.07.01', '正式党员', branchCode, '大学本科', '电工']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function benchOne(kind: 'sqlite' | 'postgres', scale: 'county' | 'city') {
  const schema = `xf_bench_${crypto.randomBytes(4).toString('hex')}`;
  const file = path.join(os.tmpdir(), `xf-bench-${schema}.db`);
  const config: Config = {
    port: 0, host: '127.0.0.1', databaseUrl: kind === 'postgres' ? PG_URL! : file, secretKey: SECRET,
    keyFile: `${file}.key`, webDist: null, logLevel: 'silent', pgSchema: kind === 'postgres' ? schema : undefined,
  };
  const deps = await createDeps(config);
  let server: ServerProcess | null = null;
  try {
    console.log(`\n## ${scale} on ${kind}`);
    const [genMs, demo] = await timeIt(() => generateDemo(deps, { scale, points: true }));
    const entries = await deps.database.db.selectFrom('points_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    console.log(`generated ${demo.units} units, ${demo.members} members and ${Number(entries.n)} points entries in ${(genMs / 1000).toFixed(1)} s`);
    const root = await deps.database.db.selectFrom('unit').select('id').where('code', '=', 'QH').executeTakeFirstOrThrow();
    const town = await deps.database.db.selectFrom('unit').select('id').where('code', '=', 'QH002').executeTakeFirstOrThrow();
    const counts: number[] = [];
    for (let i = 0; i < 200; i++) counts.push((await timeIt(() => subtreeMemberCount(deps.database.db, root.id)))[0]);
    console.log(`subtree member count of the whole ${scale} (${await subtreeMemberCount(deps.database.db, root.id)} members): p50 ${ms(quantile(counts, 0.5))}, p95 ${ms(quantile(counts, 0.95))}`);

    server = await spawnServer({ XIANFENG_WEB_DIST: '', DATABASE_URL: config.databaseUrl, XIANFENG_SECRET_KEY: SECRET, ...(config.pgSchema ? { XIANFENG_PG_SCHEMA: config.pgSchema } : {}) });
    watchMemory(server.proc.pid!);
    phase('server started');
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'county', password: 'Xianfeng2026' }) });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': cookies.find((c) => c.startsWith('xf_csrf='))!.slice(8) };
    phase('login');

    const scenarios: Array<[string, (i: number) => string]> = [
      ['whole scope, pages 1–50', (i) => `/api/members?page=${1 + (i % 50)}&pageSize=20`],
      ['one town subtree', (i) => `/api/members?unitId=${town.id}&page=${1 + (i % 10)}&pageSize=20`],
      ['pinyin initials search', (i) => `/api/members?q=${['wf', 'zs', 'lj', 'wang', 'chen'][i % 5]}&pageSize=20`],
      ['name contains', (i) => `/api/members?q=${encodeURIComponent(['芳', '伟', '王', '强', '丽'][i % 5])}&pageSize=20`],
      ['status filter', (i) => `/api/members?unitId=${root.id}&status=probationary&page=${1 + (i % 5)}`],
      ['page size 100', (i) => `/api/members?unitId=${root.id}&page=${1 + (i % 20)}&pageSize=100`],
      ['(first page, /api/home: figures and rule warnings of the whole scope)', () => '/api/home'],
    ];
    for (const [name, url] of scenarios) {
      const serverSide: number[] = [];
      for (let i = 0; i < 220; i++) {
        const res = await fetch(`${server.url}${url(i)}`, { headers });
        if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        if (i >= 20) serverSide.push(Number(res.headers.get('server-timing')!.split('dur=')[1]));
      }
      console.log(`member list page — ${name}: server-side p50 ${ms(quantile(serverSide, 0.5))}, p95 ${ms(quantile(serverSide, 0.95))}`);
      phase(name.startsWith('(') ? '/api/home' : `members: ${name}`);
    }

    await benchPoints(deps, server, headers, root.id);
    await benchStars(deps, server, headers, root.id);

    if (scale === 'county') {
      const branch = await deps.database.db.selectFrom('unit').select('code').where('kind', '=', 'branch').orderBy('id').limit(1).executeTakeFirstOrThrow();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await rollOf10k(branch.code))]), 'roll.xlsx');
      const [importMs, res] = await timeIt(() => fetch(`${server!.url}/api/imports/members`, { method: 'POST', headers, body: form }));
      const report = (await res.json()) as { ok: boolean; imported: number; errors: unknown[] };
      if (!report.ok) throw new Error(`bench import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
      console.log(`import of ${report.imported} member rows through the API (.xlsx upload, checked, encrypted, audited): ${(importMs / 1000).toFixed(2)} s`);
      phase('import of 10,000 rows (.xlsx)');
    }
    const mem = memoryOf(server.proc.pid!);
    console.log(`server process memory at ${scale} scale: RSS ${mem.rss.toFixed(0)} MB now, peak ${mem.peak.toFixed(0)} MB`);
    printPhases(`${scale} on ${kind}`);
  } finally {
    printPhases(`${scale} on ${kind}, interrupted`);
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

async function serverSide(server: ServerProcess, headers: Record<string, string>, url: (i: number) => string, n = 200) {
  const samples: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const res = await fetch(`${server.url}${url(i)}`, { headers });
    if (!res.ok) throw new Error(`${url(i)}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    if (i >= 20) samples.push(Number(res.headers.get('server-timing')!.split('dur=')[1]));
  }
  return `server-side p50 ${ms(quantile(samples, 0.5))}, p95 ${ms(quantile(samples, 0.95))}`;
}

/** The points targets: boards, a member's figures, a batch approval, redemptions under contention. */
async function benchPoints(deps: Awaited<ReturnType<typeof createDeps>>, server: ServerProcess, headers: Record<string, string>, rootId: number) {
  const db = deps.database.db;
  const period = String(new Date().getFullYear());
  const branches = await db.selectFrom('unit').select('id').where('kind', '=', 'branch').where('member_count', '>', 20).orderBy('id').limit(50).execute();
  const members = await db.selectFrom('member').select('id').orderBy('id').limit(200).execute();
  console.log(`points — board top 50 of the whole ${await db.selectFrom('unit').select('name').where('id', '=', rootId).executeTakeFirstOrThrow().then((u) => u.name)}: ${await serverSide(server, headers, () => `/api/points/board?unitId=${rootId}&period=${period}&limit=50`)}`);
  phase('points: board of the whole');
  console.log(`points — board of one branch: ${await serverSide(server, headers, (i) => `/api/points/board?unitId=${branches[i % branches.length].id}&period=${period}&limit=50`)}`);
  phase('points: board of one branch');
  console.log(`points — a member's page (figures, periods, latest entries): ${await serverSide(server, headers, (i) => `/api/points/members/${members[i % members.length].id}`)}`);
  phase("points: a member's page");
  const figureTimes: number[] = [];
  for (let i = 0; i < 500; i++) figureTimes.push((await timeIt(() => figures(db, members[i % members.length].id, period, '*')))[0]);
  console.log(`points — a member's figures alone (score and balance, in process): p50 ${ms(quantile(figureTimes, 0.5))}, p95 ${ms(quantile(figureTimes, 0.95))}`);

  // 500 claims waiting in one town, approved in one request.
  const town = await db.selectFrom('unit').select('id').where('code', '=', 'QH002').executeTakeFirstOrThrow();
  const townMembers = await db.selectFrom('member').select(['id', 'unit_id']).where('unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', town.id)).limit(500).execute();
  const rule = await db.selectFrom('points_rule').select('id').where('code', '=', 'JF05').executeTakeFirstOrThrow();
  const actor = await db.selectFrom('app_user').select('id').where('username', '=', 'county').executeTakeFirstOrThrow();
  const day = new Date().toISOString().slice(0, 10);
  const claimIds = (await db.insertInto('points_claim').values(townMembers.map((m) => ({
    member_id: m.id, unit_id: m.unit_id, rule_id: rule.id, occurred_on: day, points: 2, remark: '建言献策', status: 'pending', submitted_by: actor.id, submitted_at: new Date().toISOString(),
    decided_by: null, decided_at: null, decision_reason: null, entry_id: null, idempotency_key: null,
  }))).returning('id').execute()).map((c) => c.id);
  const [approveMs, approved] = await timeIt(async () => {
    const res = await fetch(`${server.url}/api/points/claims/approve`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ ids: claimIds }) });
    return (await res.json()) as { done: number[]; failed: unknown[] };
  });
  console.log(`points — approving a batch of ${claimIds.length} claims in one request: ${ms(approveMs)} (${approved.done.length} approved, ${approved.failed.length} refused by caps)`);
  phase('points: batch approval');

  // Redemptions under contention: 20 clients at once on one shop item, each for a member with points.
  const shop = await db.selectFrom('shop_item').select(['id', 'unit_id']).orderBy('id').limit(1).executeTakeFirstOrThrow();
  await db.updateTable('shop_item').set({ stock: 1_000_000, price: 1, limit_per_period: null }).where('id', '=', shop.id).execute();
  const buyers = await db
    .selectFrom('member as m')
    .innerJoin('points_balance as b', 'b.member_id', 'm.id')
    .select('m.id')
    .where('b.balance', '>', 50)
    .where('m.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', shop.unit_id))
    .limit(20)
    .execute();
  let done = 0;
  let refused = 0;
  const [rushMs] = await timeIt(() => Promise.all(buyers.map(async (b) => {
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${server.url}/api/points/shop/orders`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ itemId: shop.id, memberId: b.id }) });
      await res.arrayBuffer();
      if (res.status === 201) done++;
      else refused++;
    }
  })));
  console.log(`points — redemptions under contention (${buyers.length} clients × 25 on one item): ${(done / (rushMs / 1000)).toFixed(0)} per second (${done} done, ${refused} refused)`);
  phase('points: redemptions');
  const [verifyMs, report] = await timeIt(() => verify(db));
  console.log(`points — xianfeng verify points over ${report.entries} entries: ${(verifyMs / 1000).toFixed(1)} s, ${report.drifts.length} drifts`);
  phase('(in process: verify points)');
}

/**
 * The five-star targets: stars of every member of the whole county or city from the ledger as a
 * batch (< 30 s for 200,000 members and 10 million entries), and one member recomputed right after
 * a new entry is booked (< 10 ms); the preview of a branch and a member's stars through the API.
 */
async function benchStars(deps: Awaited<ReturnType<typeof createDeps>>, server: ServerProcess, headers: Record<string, string>, rootId: number) {
  const { db, dialect } = deps.database;
  const period = String(new Date().getFullYear());
  const entries = await db.selectFrom('points_entry').select((eb) => eb.fn.countAll().as('n')).where('occurred_on', '>=', `${period}-01-01`).executeTakeFirstOrThrow();
  const byStars = [0, 0, 0, 0, 0, 0];
  const [batchMs, total] = await timeIt(() => evaluateSubtree(db, rootId, period, (results) => {
    for (const e of results.values()) byStars[e.stars.length]++;
  }));
  console.log(`stars — batch over the whole tree (${total} members, ${Number(entries.n)} entries of ${period}, as one evaluateSubtree): ${(batchMs / 1000).toFixed(1)} s; members per number of stars 0–5: ${byStars.join(' / ')}`);

  // 200 members picked at random (repeatably), each recomputed right after an entry is booked.
  const ids = (await db.selectFrom('member').select('id').orderBy('id').execute()).map((m) => m.id);
  let seed = 20260401;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const picked = Array.from({ length: 200 }, () => ids[Math.floor(random() * ids.length)]);
  const rule = await db.selectFrom('points_rule').select(['id', 'code']).where('code', '=', 'JF02').executeTakeFirstOrThrow();
  const day = new Date().toISOString().slice(0, 10);
  const samples: number[] = [];
  for (const memberId of picked) {
    const m = await db.selectFrom('member').select(['id', 'unit_id']).where('id', '=', memberId).executeTakeFirstOrThrow();
    const settings = await settingsFor(db, m.unit_id);
    await db.transaction().execute((trx) => book(trx, dialect, {
      memberId: m.id, unitId: m.unit_id, occurredOn: day, account: 'bonus', points: 2, rule, reason: '志愿服务', source: 'manual', approvedBy: null, createdBy: null, now: new Date().toISOString(),
    }, settings));
    samples.push((await timeIt(() => evaluateMember(db, m.id, period)))[0]);
  }
  console.log(`stars — one member recomputed after a new entry (evaluateMember, 200 random members, in process): p50 ${ms(quantile(samples, 0.5))}, p95 ${ms(quantile(samples, 0.95))}`);
  phase('(in process: stars batch, 200 recomputed)');

  const branches = await db.selectFrom('unit').select('id').where('kind', '=', 'branch').where('member_count', '>', 20).orderBy('id').limit(20).execute();
  console.log(`stars — preview of one branch (page of 20, counts of the branch): ${await serverSide(server, headers, (i) => `/api/stars/preview?unitId=${branches[i % branches.length].id}&period=${period}`, 100)}`);
  phase('stars: preview of one branch');
  console.log(`stars — a member's stars with 点亮一颗星: ${await serverSide(server, headers, (i) => `/api/stars/members/${picked[i % picked.length]}?period=${period}`, 100)}`);
  phase("stars: a member's stars");
}

const kinds = (PG_URL ? ['sqlite', 'postgres'] : ['sqlite']).filter((k) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(',').includes(k)) as Array<'sqlite' | 'postgres'>;
console.log(`# 先锋 benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
for (const scale of SCALES) for (const kind of kinds) await benchOne(kind, scale);
