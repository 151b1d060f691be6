import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientFor, DATABASES, factories, login, PASSWORD, startTestEnv, type TestEnv } from './harness.ts';

describe.each(DATABASES)('accounts and sessions (%s)', (kind) => {
  let env: TestEnv;
  let unit: number;
  beforeAll(async () => {
    env = await startTestEnv(kind);
    unit = await factories(env).unit('V', 'village', null, '东庄村');
  });
  afterAll(() => env?.close());

  it('logs in with a username, keeps the session in an HttpOnly SameSite cookie, and logs out', async () => {
    const u = await factories(env).user('secretary', unit, 'secretary1');
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: u.username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'xf_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.json().grants[0]).toMatchObject({ role: 'secretary', unit: { code: 'V' } });
    const client = await login(env.app, u.username);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/api/no-such-route']) {
      const res = await env.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    }
  });

  it('logs in with a mobile number', async () => {
    const admin = await factories(env).user('admin', null, 'root1');
    const a = await login(env.app, admin.username);
    const created = await a.post('/api/users', { phone: '139 1234 5678', displayName: '张书记', role: 'secretary', unitId: unit, password: 'Sheji2026' });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.phone).toBe('139****5678');
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '13912345678', password: 'Sheji2026' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
  });

  it('stores passwords with argon2id', async () => {
    const row = await env.deps.database.db.selectFrom('app_user').select('password_hash').limit(1).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const u = await factories(env).user('secretary', unit, 'secretary2');
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: u.username, password: PASSWORD } });
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = clientFor(env.app, u.username, cookie, 'not-the-token');
    const r = await forged.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Another123' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('error.csrf');
  });

  it('locks an account after five failed logins, with a message in the user’s language', async () => {
    await factories(env).user('member', unit, 'target');
    for (let i = 0; i < 5; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'target', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('账号或密码错误');
    }
    const locked = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'target', password: PASSWORD }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/15 minutes/);
  });

  it('answers unknown and wrong passwords alike', async () => {
    const a = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'nobody-here', password: 'x' } });
    const b = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'secretary1', password: 'x' } });
    expect(a.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('changes one’s password, refusing a weak one beside the field', async () => {
    const u = await factories(env).user('member', unit, 'changer');
    const c = await login(env.app, u.username);
    const weak = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details[0].field).toBe('newPassword');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better2026' });
    expect(wrong.json().error.details[0].field).toBe('currentPassword');
    expect((await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Better2026' })).statusCode).toBe(204);
    await login(env.app, u.username, 'Better2026');
  });

  it('an administrator resets a password; the old sessions end and the temporary one must be changed', async () => {
    const admin = await login(env.app, (await factories(env).user('admin', null, 'root2')).username);
    const u = await factories(env).user('secretary', unit, 'forgetful');
    const session = await login(env.app, u.username);
    const reset = await admin.post(`/api/users/${u.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = await login(env.app, u.username, reset.json().temporaryPassword);
    expect((await fresh.get('/api/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('a unit administrator may create a secretary in their subtree but not a system administrator', async () => {
    const ua = await login(env.app, (await factories(env).user('unit_admin', unit, 'ua1')).username);
    const ok = await ua.post('/api/users', { username: 'newsec', displayName: '新书记', role: 'secretary', unitId: unit });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().initialPassword).toMatch(/^\w{10}$/);
    const escalate = await ua.post('/api/users', { username: 'evil', displayName: 'x', role: 'admin', unitId: null });
    expect(escalate.statusCode).toBe(403);
  });

  it('the health check names the database', async () => {
    const res = await anonymous(env.app).get('/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: kind });
  });

  it('serves the OpenAPI document', async () => {
    const res = await anonymous(env.app).get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/members/{id}');
  });

  it('the audit log cannot be edited, not even by SQL through the application’s connection', async () => {
    const db = env.deps.database.db;
    await expect(db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
