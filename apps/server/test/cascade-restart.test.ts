// Nothing is lost if the server dies mid-cascade: a real `xianfeng serve` process is killed
// (SIGKILL, no goodbye) while it fans a warning out in small batches; after a restart the worker
// resumes from the job's cursor, and every unit and every responsible person got the warning
// exactly once. SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeps } from '../src/deps.ts';
import { ensureAdmin } from '../src/modules/bootstrap/admin.ts';
import * as unitRepo from '../src/modules/units/repo.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { DATABASES, dropSchema, testConfig } from './harness.ts';
import { spawnServer, type ServerProcess } from './spawn.ts';

const VILLAGES = 60;
const SECRET = 'restart-test-key-restart-test-key-0001';

describe.each(DATABASES)('fan-out survives a killed server (%s)', (kind) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-restart-'));
  const schema = kind === 'postgres' ? `xf_restart_${crypto.randomBytes(5).toString('hex')}` : undefined;
  const databaseUrl = kind === 'postgres' ? process.env.TEST_DATABASE_URL! : path.join(dir, 'x.db');
  const serverEnv = {
    DATABASE_URL: databaseUrl, XIANFENG_SECRET_KEY: SECRET, XIANFENG_WEB_DIST: '', XIANFENG_ADMIN_PASSWORD: 'Admin2026r',
    ...(schema ? { XIANFENG_PG_SCHEMA: schema } : {}),
    // Five units per batch and a pause between batches: the fan-out takes seconds, long enough to kill.
    XIANFENG_FANOUT_BATCH: '5', XIANFENG_FANOUT_PAUSE_MS: '100', XIANFENG_JOB_LEASE_MS: '1000',
  };
  let server: ServerProcess | null = null;
  afterAll(async () => {
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
  });

  async function openDeps() {
    return createDeps({ ...testConfig(kind), databaseUrl, secretKey: SECRET }, { pgSchema: schema });
  }

  it('resumes after SIGKILL and reaches every unit and person exactly once', async () => {
    // A county with 60 villages, each with a secretary.
    const deps = await openDeps();
    await ensureAdmin(deps, 'Admin2026r');
    const db = deps.database.db;
    const now = new Date().toISOString();
    const county = await unitRepo.insertUnit(db, { code: 'R', name: '中共恢复县委员会', kind: 'county_committee', parent_id: null, phone: null, founded_on: null, now });
    const hash = await hashPassword('Passw0rd!');
    for (let i = 0; i < VILLAGES; i++) {
      const village = await unitRepo.insertUnit(db, { code: `R${String(i).padStart(3, '0')}`, name: `第${i + 1}村`, kind: 'village', parent_id: county, phone: null, founded_on: null, now });
      const { id } = await db.insertInto('app_user').values({ username: `sec${i}`, display_name: `书记${i}`, phone_enc: null, phone_hash: null, phone_masked: null, password_hash: hash, member_id: null, must_change_password: 0, disabled_at: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('role_grant').values({ user_id: id, role: 'secretary', unit_id: village, granted_by: null, created_at: now }).execute();
    }
    await deps.close();

    server = await spawnServer(serverEnv);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'Admin2026r' }) });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': cookies.find((c) => c.startsWith('xf_csrf='))!.slice(8), 'content-type': 'application/json' };
    // The request fans out before it answers; it will never answer.
    const issuing = fetch(`${server.url}/api/warnings`, { method: 'POST', headers, body: JSON.stringify({ unitId: county, hazard: 'typhoon', level: 'red', description: '台风即将登陆', areaUnitIds: [county] }) }).catch(() => null);

    const check = await openDeps();
    const reached = async () => Number((await check.database.db.selectFrom('warning_unit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    for (let i = 0; i < 100 && (await reached()) < 15; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(-server.proc.pid!, 'SIGKILL');
    await issuing;
    const atKill = await reached();
    expect(atKill).toBeGreaterThanOrEqual(15);
    expect(atKill).toBeLessThan(VILLAGES + 1);
    const job = await check.database.db.selectFrom('scheduled_job').select(['status', 'cursor']).where('kind', '=', 'warning.fanout').executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');

    // Restart: the worker takes the job over once its lease has run out, and finishes it.
    server = await spawnServer(serverEnv);
    for (let i = 0; i < 200 && (await reached()) < VILLAGES + 1; i++) await new Promise((r) => setTimeout(r, 100));
    const db2 = check.database.db;
    expect(await reached()).toBe(VILLAGES + 1);
    const perUnit = await db2.selectFrom('warning_unit').select(['unit_id', (eb) => eb.fn.countAll().as('n')]).groupBy('unit_id').execute();
    expect(perUnit.every((r) => Number(r.n) === 1)).toBe(true);
    const notes = await db2.selectFrom('notification').select(['user_id', (eb) => eb.fn.countAll().as('n')]).where('kind', '=', 'warning.issued').groupBy('user_id').execute();
    expect(notes).toHaveLength(VILLAGES);
    expect(notes.every((r) => Number(r.n) === 1)).toBe(true);
    for (let i = 0; i < 50; i++) {
      const done = await db2.selectFrom('scheduled_job').select('status').where('kind', '=', 'warning.fanout').executeTakeFirstOrThrow();
      if (done.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await db2.selectFrom('warning').select('fanout_done_at').executeTakeFirstOrThrow()).fanout_done_at).not.toBeNull();
    await check.close();
  }, 60_000);
});
