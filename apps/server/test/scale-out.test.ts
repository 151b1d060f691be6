// Two app servers on one PostgreSQL database (and, in the second case, one Redis): a person logs in
// through one and keeps working through the other, as behind a load balancer; a live dashboard on
// one hears of an acknowledgement made through the other (LISTEN/NOTIFY, or Redis pub/sub).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema } from './harness.ts';
import { spawnServer, type ServerProcess } from './spawn.ts';

const PG = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const cases: Array<[string, Record<string, string>]> = [['sessions in PostgreSQL', {}]];
if (REDIS) cases.push(['sessions in Redis', { REDIS_URL: REDIS }]);

describe.skipIf(!PG).each(cases)('two app servers on one database: %s', (_name, extra) => {
  const servers: ServerProcess[] = [];
  const schema = `xf_scale_${crypto.randomBytes(5).toString('hex')}`;
  let one: string;
  let two: string;
  beforeAll(async () => {
    const env = { DATABASE_URL: PG!, XIANFENG_PG_SCHEMA: schema, XIANFENG_SECRET_KEY: 'scale-out-test-key-scale-out-test-key-42', XIANFENG_ADMIN_PASSWORD: 'Admin2026x', ...extra };
    // The first start migrates and creates the administrator; the second finds both done.
    const a = await spawnServer({ ...env, XIANFENG_WEB_DIST: '' });
    servers.push(a);
    const b = await spawnServer({ ...env, XIANFENG_WEB_DIST: '' });
    servers.push(b);
    one = a.url;
    two = b.url;
  });
  afterAll(async () => {
    servers.forEach((s) => s.stop());
    await dropSchema(schema);
  });

  const loginAt = (url: string, password: string) =>
    fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password }) });

  it('logs in through one server and acts through the other', async () => {
    const login = await loginAt(one, 'Admin2026x');
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrf = cookies.find((c) => c.startsWith('xf_csrf='))!.slice('xf_csrf='.length);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' };

    const code = `SO${crypto.randomBytes(2).toString('hex')}`;
    const created = await fetch(`${two}/api/units`, { method: 'POST', headers, body: JSON.stringify({ code, name: '中共扩容县委员会', kind: 'county_committee', parentId: null }) });
    expect(created.status).toBe(201);
    const seen = await fetch(`${one}/api/units/roots`, { headers });
    expect((await seen.json()).map((u: { code: string }) => u.code)).toContain(code);

    // Logging out through server two ends the session on server one too.
    expect((await fetch(`${two}/api/auth/logout`, { method: 'POST', headers })).status).toBe(204);
    expect((await fetch(`${one}/api/auth/me`, { headers })).status).toBe(401);
  });

  it('carries live dashboard updates between servers: an acknowledgement through one reaches a viewer on the other', async () => {
    const login = await loginAt(one, 'Admin2026x');
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': cookies.find((c) => c.startsWith('xf_csrf='))!.slice('xf_csrf='.length), 'content-type': 'application/json' };
    const code = `LV${crypto.randomBytes(2).toString('hex')}`;
    const unit = await (await fetch(`${one}/api/units`, { method: 'POST', headers, body: JSON.stringify({ code, name: '中共联动县委员会', kind: 'county_committee', parentId: null }) })).json();
    const issued = await fetch(`${one}/api/warnings`, { method: 'POST', headers, body: JSON.stringify({ unitId: unit.id, hazard: 'flood', level: 'orange', description: '洪水预警', areaUnitIds: [unit.id] }) });
    expect(issued.status).toBe(201);
    const warning = await issued.json();

    // The viewer watches on server one.
    const controller = new AbortController();
    const stream = await fetch(`${one}/api/warnings/${warning.id}/stream`, { headers: { cookie: headers.cookie }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const acknowledgedSeen = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        seen += decoder.decode(value, { stream: true });
        if (/"total":\{"units":1,"acknowledged":1/.test(seen)) return true;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toContain('"acknowledged":0');

    // The acknowledgement goes through server two.
    const ack = await fetch(`${two}/api/warnings/${warning.id}/units/${unit.id}/ack`, { method: 'POST', headers });
    expect(ack.status).toBe(200);
    const arrived = await Promise.race([acknowledgedSeen, new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    controller.abort();
    expect(arrived).toBe(true);
  });
  it('counts failed logins across servers: five failures spread over both lock the account on both', async () => {
    for (let i = 0; i < 5; i++) expect((await loginAt(i % 2 ? one : two, 'wrong-password')).status).toBe(401);
    expect((await loginAt(one, 'Admin2026x')).status).toBe(429);
    expect((await loginAt(two, 'Admin2026x')).status).toBe(429);
  });
});
