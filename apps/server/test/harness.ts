// Test harness: the real application over a fresh database — SQLite always, PostgreSQL (a schema of
// its own per test file) when TEST_DATABASE_URL is set — and factories that build the world a
// user story needs.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '@xianfeng/domain';
import { createDeps } from '../src/deps.ts';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { Deps } from '../src/core/context.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import * as unitRepo from '../src/modules/units/repo.ts';

export const PASSWORD = 'Passw0rd!';
export type DbKind = 'sqlite' | 'postgres';

/** The databases every API test runs against. */
export const DATABASES: DbKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestEnv {
  kind: DbKind;
  deps: Deps & { close(): Promise<void> };
  app: FastifyInstance;
  close(): Promise<void>;
}

export function testConfig(kind: DbKind, overrides: Partial<Config> = {}): Config & { pgSchema?: string } {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: kind === 'postgres' ? process.env.TEST_DATABASE_URL! : ':memory:',
    secretKey: 'test-secret-key-test-secret-key-0123456789',
    keyFile: path.join(os.tmpdir(), 'xf-test.key'),
    webDist: null,
    logLevel: 'silent',
    ...overrides,
  };
}

export async function startTestEnv(kind: DbKind, opts: { now?: () => Date; redisUrl?: string; pgSchema?: string } = {}): Promise<TestEnv> {
  const pgSchema = kind === 'postgres' ? (opts.pgSchema ?? `xf_test_${crypto.randomBytes(6).toString('hex')}`) : undefined;
  const config = testConfig(kind, { redisUrl: opts.redisUrl });
  const deps = await createDeps(config, { now: opts.now, pgSchema });
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    kind,
    deps,
    app,
    async close() {
      await app.close();
      await deps.close();
      if (pgSchema && !opts.pgSchema) await dropSchema(pgSchema);
    },
  };
}

export async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

let passwordHash: Promise<string> | null = null;

/** Factories: build units and people directly, the way the story needs them. */
export function factories(env: TestEnv) {
  const db = env.deps.database.db;
  const now = new Date().toISOString();
  let counter = 0;
  return {
    async unit(code: string, kind: string, parentId: number | null, name = code) {
      return unitRepo.insertUnit(db, { code, name, kind, parent_id: parentId, phone: null, founded_on: null, now });
    },
    async user(role: Role, unitId: number | null, username = `u${++counter}_${role}`) {
      passwordHash ??= hashPassword(PASSWORD);
      const { id } = await db
        .insertInto('app_user')
        .values({ username, display_name: username, phone_enc: null, phone_hash: null, phone_masked: null, password_hash: await passwordHash, member_id: null, must_change_password: 0, disabled_at: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('role_grant').values({ user_id: id, role, unit_id: unitId, granted_by: null, created_at: now }).execute();
      return { id, username };
    },
  };
}

export interface Client {
  username: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
  upload(url: string, filename: string, content: Buffer): Promise<LightMyRequestResponse>;
}

function cookieHeader(res: LightMyRequestResponse) {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Logs in through the API and returns a client carrying the session and CSRF token. */
export async function login(app: FastifyInstance, username: string, password = PASSWORD, lang = 'zh-CN'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return clientFor(app, username, cookieHeader(res), res.cookies.find((c) => c.name === 'xf_csrf')!.value, lang);
}

export function clientFor(app: FastifyInstance, username: string, cookie: string, csrf: string, lang = 'zh-CN'): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: `${cookie}; xf_lang=${lang}`, 'x-csrf-token': csrf, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    username,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    del: (url) => request('DELETE', url),
    upload: (url, filename, content) => {
      const boundary = `----xf${crypto.randomBytes(8).toString('hex')}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({ method: 'POST', url, payload, headers: { cookie: `${cookie}; xf_lang=${lang}`, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    },
  };
}

export function anonymous(app: FastifyInstance): Client {
  return clientFor(app, 'anonymous', '', '');
}
