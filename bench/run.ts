// `npm run bench`: figures for the performance targets, on the demo county and a generated
// city, on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL.
// Prints figures; asserts nothing. BENCH_SCALES=county limits the run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { makeIdNumber } from '@xianfeng/domain';
import { createDeps } from '../apps/server/src/deps.ts';
import { buildApp } from '../apps/server/src/app.ts';
import { generateDemo } from '../apps/server/src/modules/demo/generate.ts';
import { subtreeMemberCount } from '../apps/server/src/modules/units/repo.ts';
import { importMembers } from '../apps/server/src/modules/rolls/service.ts';
import type { Config } from '../apps/server/src/config.ts';
import type { RequestCtx } from '../apps/server/src/core/context.ts';

const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const SCALES = (process.env.BENCH_SCALES || 'county,city').split(',') as Array<'county' | 'city'>;

function quantile(samples: number[], q: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const v = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, v];
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
    port: 0, host: '127.0.0.1', databaseUrl: kind === 'postgres' ? PG_URL! : file, secretKey: 'bench-secret-key-bench-secret-key-0001',
    keyFile: `${file}.key`, webDist: null, logLevel: 'silent', pgSchema: kind === 'postgres' ? schema : undefined,
  };
  const deps = await createDeps(config);
  try {
    console.log(`\n## ${scale} on ${kind}`);
    const [genMs, demo] = await timeIt(() => generateDemo(deps, { scale }));
    console.log(`generated ${demo.units} units and ${demo.members} members in ${(genMs / 1000).toFixed(1)} s`);
    const app = await buildApp(deps, { logger: false });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'county', password: 'Xianfeng2026' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const root = await deps.database.db.selectFrom('unit').select('id').where('code', '=', 'QH').executeTakeFirstOrThrow();
    const town = await deps.database.db.selectFrom('unit').select('id').where('code', '=', 'QH002').executeTakeFirstOrThrow();

    const scenarios: Array<[string, (i: number) => string]> = [
      ['whole scope, page n', (i) => `/api/members?page=${1 + (i % 50)}&pageSize=20`],
      ['one town subtree', (i) => `/api/members?unitId=${town.id}&page=${1 + (i % 10)}&pageSize=20`],
      ['pinyin initials search', (i) => `/api/members?q=${['wf', 'zs', 'lj', 'wang', 'chen'][i % 5]}&pageSize=20`],
      ['name contains', (i) => `/api/members?q=${encodeURIComponent(['芳', '伟', '王', '强', '丽'][i % 5])}&pageSize=20`],
      ['status filter', (i) => `/api/members?unitId=${root.id}&status=probationary&page=${1 + (i % 5)}`],
    ];
    for (const [name, url] of scenarios) {
      // Warm-up, and a check that every request succeeds.
      for (let i = 0; i < 20; i++) {
        const res = await app.inject({ method: 'GET', url: url(i), headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
      }
      // Server-side time: measured around inject, which has no network.
      const timed: number[] = [];
      for (let i = 0; i < 100; i++) timed.push((await timeIt(() => app.inject({ method: 'GET', url: url(i), headers: { cookie } })))[0]);
      console.log(`member list — ${name}: p50 ${ms(quantile(timed, 0.5))}, p95 ${ms(quantile(timed, 0.95))}`);
    }
    const counts: number[] = [];
    for (let i = 0; i < 100; i++) counts.push((await timeIt(() => subtreeMemberCount(deps.database.db, root.id)))[0]);
    console.log(`subtree member count of the whole ${scale} (${await subtreeMemberCount(deps.database.db, root.id)}): p50 ${ms(quantile(counts, 0.5))}, p95 ${ms(quantile(counts, 0.95))}`);

    if (scale === 'county') {
      const branch = await deps.database.db.selectFrom('unit').select('code').where('kind', '=', 'branch').orderBy('id').limit(1).executeTakeFirstOrThrow();
      const buf = await rollOf10k(branch.code);
      const ctx: RequestCtx = { deps, locale: 'zh-CN', ip: null, auth: { userId: 0, displayName: 'bench', memberId: null, grants: [{ role: 'admin', unitId: null }], sessionId: 'b', csrfToken: '', mustChangePassword: false } };
      const [importMs, report] = await timeIt(() => importMembers(ctx, { buffer: buf, filename: 'roll.xlsx' }, { dryRun: false }));
      if (!report.ok) throw new Error(`bench import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
      console.log(`import of ${report.imported} member rows (.xlsx, checked, encrypted, audited): ${(importMs / 1000).toFixed(2)} s`);
    }
    global.gc?.();
    console.log(`server process memory (RSS) at ${scale} scale after the runs: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB)`);
    await app.close();
  } finally {
    await deps.close();
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    if (kind === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }
}

const kinds: Array<'sqlite' | 'postgres'> = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
console.log(`# 先锋 benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
for (const scale of SCALES) for (const kind of kinds) await benchOne(kind, scale);
