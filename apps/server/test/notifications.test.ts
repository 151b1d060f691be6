// Notifications, on both databases, with a clock the test moves: a village secretary finds a
// county's warning in the inbox in their own language and nobody else can touch it; a village's
// signed webhook receives the warning (checked the way a receiver would), a failing receiver is
// retried with backoff until the delivery is dead, then retried by hand once it recovers; a
// receiver that never answers slows nothing; e-mail reaches a real SMTP server in UTF-8; secrets
// never leave the server and lie encrypted in the table; the neighbouring village sees nothing.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, login, PASSWORD, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';
import { runDueWork } from '../src/worker.ts';
import { BACKOFF_MS, enqueueWarningEvent, processDeliveries } from '../src/modules/notifications/outbound.ts';

const START = Date.parse('2026-08-03T14:00:00.000Z');
const SECRET = 'whsec-东庄村-0123456789abcdef';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on a free port: answers `status`, except on /hang, where it never answers. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url?.startsWith('/hang')) return;
      res.writeHead(state.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    state,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** What a receiver does: recompute the signature over "<timestamp>.<body>" and compare in constant time. */
function verify(r: Received, secret: string) {
  const timestamp = String(r.headers['x-xianfeng-timestamp']);
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  const given = String(r.headers['x-xianfeng-signature']);
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp() {
  const mails: Mail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push(`${auth.username}:${auth.password}`);
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, logins, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** RFC 2047 encoded words (=?UTF-8?B?…?=), adjacent ones joined before decoding so no character is split. */
function decodeHeader(value: string) {
  const unfolded = value.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.replace(/(=\?UTF-8\?[BQ]\?[^?]*\?=\s*)+/gi, (run) => {
    const bytes = [...run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)].map(([, enc, text]) =>
      enc!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : quotedPrintable(text!.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

function quotedPrintable(text: string) {
  const clean = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === '=' && /^[0-9A-F]{2}$/i.test(clean.slice(i + 1, i + 3))) {
      out.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(clean.charCodeAt(i));
  }
  return Buffer.from(out);
}

function header(raw: string, name: string) {
  const head = raw.split(/\r?\n\r?\n/)[0]!;
  const m = new RegExp(`^${name}:(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? decodeHeader(m[1]!.trim()) : '';
}

/** The text/plain part of a message, decoded to a string. */
function plainText(raw: string) {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const part = parts.find((p) => /content-type:\s*text\/plain/i.test(p))!;
  const split = part.search(/\r?\n\r?\n/);
  const head = part.slice(0, split);
  const body = part.slice(split).trim();
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) return quotedPrintable(body).toString('utf8');
  return body;
}

describe.each(DATABASES)('notifications (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = START;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let secretaryEn: Client;
  let channelA: number;
  const db = () => env.deps.database.db;
  const advance = (ms: number) => (clock += ms);
  const iso = () => new Date(clock).toISOString();

  const issue = (body: Record<string, unknown> = {}) =>
    w.as.countyAdmin.post('/api/warnings', { unitId: w.units.county, hazard: 'typhoon', level: 'red', description: '台风“海葵”将于今夜登陆，风力12级以上。', instruction: '立即转移危险区域群众。', areaUnitIds: [w.units.county], ...body });
  const deliveriesOf = (channelId: number) => db().selectFrom('delivery').selectAll().where('channel_id', '=', channelId).orderBy('id').execute();
  const webhook = (overrides: Record<string, unknown> = {}) => ({
    unitId: w.units.villageA, kind: 'webhook', name: '东庄村应急广播', events: ['warning.issued', 'warning.cancelled'],
    config: { url: receiver.url('/hook'), secret: SECRET }, ...overrides,
  });

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    receiver = await startReceiver();
    smtp = await startSmtp();
    secretaryEn = await login(env.app, w.users.secretaryA.username, PASSWORD, 'en');
  });
  afterAll(async () => {
    await receiver?.close();
    await smtp?.close();
    await env?.close();
  });

  describe('the inbox', () => {
    let noteId: number;

    it('puts a county’s warning in the village secretary’s inbox, in their language', async () => {
      const res = await issue();
      expect(res.statusCode, res.body).toBe(201);
      expect((await w.as.secretaryA.get('/api/inbox/unread-count')).json()).toEqual({ count: 1 });
      const inbox = await w.as.secretaryA.get('/api/inbox');
      expect(inbox.statusCode).toBe(200);
      expect(inbox.json()).toMatchObject({ total: 1, unread: 1, page: 1 });
      const [note] = inbox.json().items;
      noteId = note.id;
      expect(note).toMatchObject({
        kind: 'warning.issued', title: '台风红色预警', text: '新预警，请尽快签收：台风红色预警', link: `/warnings/${res.json().id}/ack`,
        createdAt: iso(), readAt: null, unitName: '东庄村', warning: { id: res.json().id, headline: '台风红色预警', level: 'red', status: 'active' },
      });
      const en = (await secretaryEn.get('/api/inbox')).json().items[0];
      expect(en.text).toBe('New warning, please acknowledge: 台风红色预警');
      // A resident is responsible for nothing and is told nothing; their inbox still works.
      expect((await w.as.resident.get('/api/inbox')).json()).toMatchObject({ items: [], total: 0, unread: 0 });
    });

    it('refuses someone else’s notification as not found', async () => {
      const other = await w.as.secretaryB.post(`/api/inbox/${noteId}/read`);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual((await w.as.secretaryB.post('/api/inbox/999999/read')).json());
      expect((await w.as.secretaryA.get('/api/inbox/unread-count')).json()).toEqual({ count: 1 });
    });

    it('marks one read (the first reading stands), then all', async () => {
      advance(60_000);
      const read = await w.as.secretaryA.post(`/api/inbox/${noteId}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({ id: noteId, readAt: iso() });
      advance(60_000);
      expect((await w.as.secretaryA.post(`/api/inbox/${noteId}/read`)).json().readAt).toBe(new Date(clock - 60_000).toISOString());
      expect((await w.as.secretaryA.get('/api/inbox/unread-count')).json()).toEqual({ count: 0 });
      expect((await w.as.secretaryA.get('/api/inbox?unread=1')).json()).toMatchObject({ items: [], total: 0 });

      expect((await issue({ level: 'orange' })).statusCode).toBe(201);
      expect((await w.as.secretaryA.get('/api/inbox/unread-count')).json()).toEqual({ count: 1 });
      const all = await w.as.secretaryA.post('/api/inbox/read-all');
      expect(all.json()).toEqual({ updated: 1 });
      expect((await w.as.secretaryA.get('/api/inbox/unread-count')).json()).toEqual({ count: 0 });
      // B's secretary still has both unread: reading is one's own.
      expect((await w.as.secretaryB.get('/api/inbox/unread-count')).json()).toEqual({ count: 2 });
      const page = (await w.as.secretaryA.get('/api/inbox?pageSize=1')).json();
      expect(page).toMatchObject({ total: 2, pageSize: 1 });
      expect(page.items[0].title).toBe('台风橙色预警');
    });
  });

  describe('channels', () => {
    it('refuses an address that is not http(s) and e-mail addresses that are not valid, naming them', async () => {
      const ftp = await w.as.countyAdmin.post('/api/channels', webhook({ config: { url: 'ftp://example.cn/hook', secret: SECRET } }));
      expect(ftp.statusCode).toBe(400);
      expect(ftp.json().error.details).toEqual([{ field: 'config.url', code: 'channel.url_invalid', message: '请填写 http 或 https 开头的地址' }]);
      const mail = await w.as.countyAdmin.post('/api/channels', {
        unitId: w.units.villageA, kind: 'email', name: '值班邮箱', events: ['warning.issued'],
        config: { host: '127.0.0.1', port: smtp.port, from: 'xianfeng@example.cn', to: ['duty@example.cn', 'not an address'] },
      });
      expect(mail.statusCode).toBe(400);
      expect(mail.json().error.details).toEqual([{ field: 'config.to.1', code: 'channel.email_invalid', message: '邮箱地址“not an address”格式不正确' }]);
      const unknownEvent = await w.as.countyAdmin.post('/api/channels', webhook({ events: ['warning.deleted'] }));
      expect(unknownEvent.statusCode).toBe(400);
      expect(await db().selectFrom('channel').select('id').execute()).toEqual([]);
    });

    it('keeps the secret encrypted in the table and never shows it', async () => {
      const res = await w.as.countyAdmin.post('/api/channels', webhook());
      expect(res.statusCode, res.body).toBe(201);
      channelA = res.json().id;
      expect(res.json()).toMatchObject({ unitId: w.units.villageA, unitName: '东庄村', kind: 'webhook', enabled: true, events: ['warning.issued', 'warning.cancelled'], config: { url: receiver.url('/hook') }, hasSecret: true, pending: 0, dead: 0 });
      expect(res.body).not.toContain(SECRET);
      const listed = await w.as.countyAdmin.get('/api/channels');
      expect(listed.json().items.map((c: { id: number }) => c.id)).toEqual([channelA]);
      expect(listed.body).not.toContain(SECRET);
      const stored = await db().selectFrom('channel').select('config').where('id', '=', channelA).executeTakeFirstOrThrow();
      expect(stored.config).not.toContain(SECRET);
      expect(JSON.parse(stored.config).secretEnc).toMatch(/^v1\./);
      expect(env.deps.cipher.decrypt(JSON.parse(stored.config).secretEnc)).toBe(SECRET);
      const audit = await db().selectFrom('audit_log').select(['action', 'after_json']).where('entity_type', '=', 'channel').execute();
      expect(audit.map((a) => a.action)).toEqual(['channel.create']);
      expect(audit[0]!.after_json).not.toContain(SECRET);
    });

    it('lets only a system-wide grant set up an installation-wide channel', async () => {
      expect((await w.as.countyAdmin.post('/api/channels', webhook({ unitId: null }))).statusCode).toBe(403);
      const global = await w.as.admin.post('/api/channels', webhook({ unitId: null, name: '全县汇总', enabled: false }));
      expect(global.statusCode).toBe(201);
      expect((await w.as.countyAdmin.get(`/api/channels/${global.json().id}`)).statusCode).toBe(404);
      expect((await w.as.admin.get('/api/channels')).json().items).toHaveLength(2);
    });

    it('hides village A’s channel from the neighbouring village’s administrator and refuses a resident', async () => {
      expect((await w.as.adminB.get(`/api/channels/${channelA}`)).statusCode).toBe(404);
      expect((await w.as.adminB.patch(`/api/channels/${channelA}`, { enabled: false })).statusCode).toBe(404);
      expect((await w.as.adminB.post(`/api/channels/${channelA}/test`)).statusCode).toBe(404);
      expect((await w.as.adminB.get(`/api/channels/${channelA}/deliveries`)).statusCode).toBe(404);
      expect((await w.as.adminB.get(`/api/channels?unitId=${w.units.villageA}`)).statusCode).toBe(404);
      expect((await w.as.adminB.post('/api/channels', webhook())).statusCode).toBe(404);
      expect((await w.as.adminB.get('/api/channels')).json()).toEqual({ items: [] });
      expect((await w.as.resident.get('/api/channels')).statusCode).toBe(403);
      expect((await w.as.secretaryA.get(`/api/channels/${channelA}`)).statusCode).toBe(403);
      const channel = await db().selectFrom('channel').select(['enabled', 'config']).where('id', '=', channelA).executeTakeFirstOrThrow();
      expect(channel.enabled).toBe(1);
    });

    it('changes a channel, keeping the secret unless a new one is given; a config of another kind is refused', async () => {
      const renamed = await w.as.countyAdmin.patch(`/api/channels/${channelA}`, { name: '东庄村大喇叭', config: { url: receiver.url('/hook') } });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({ name: '东庄村大喇叭', hasSecret: true });
      const stored = await db().selectFrom('channel').select('config').where('id', '=', channelA).executeTakeFirstOrThrow();
      expect(env.deps.cipher.decrypt(JSON.parse(stored.config).secretEnc)).toBe(SECRET);
      const wrongKind = await w.as.countyAdmin.patch(`/api/channels/${channelA}`, { config: { host: 'smtp.example.cn' } });
      expect(wrongKind.statusCode).toBe(400);
      expect(wrongKind.json().error.details[0].field).toBe('config');
      const badUrl = await w.as.countyAdmin.patch(`/api/channels/${channelA}`, { config: { url: 'javascript:alert(1)' } });
      expect(badUrl.json().error.details[0]).toMatchObject({ field: 'config.url', code: 'channel.url_invalid' });
    });
  });

  describe('the signed webhook', () => {
    let warningId: number;

    it('receives a warning covering the village, signed; issuing only queued it', async () => {
      const before = receiver.received.length;
      const res = await issue({ level: 'yellow' });
      expect(res.statusCode).toBe(201);
      warningId = res.json().id;
      // The cascade only inserted the row: nothing was sent during the request.
      expect(receiver.received.length).toBe(before);
      const [queued] = await deliveriesOf(channelA);
      expect(queued).toMatchObject({ event_kind: 'warning.issued', status: 'pending', attempts: 0, next_attempt_at: iso() });
      // Queuing the same event again (a re-run transaction) queues nothing.
      expect(await enqueueWarningEvent(db(), { warningId, event: 'warning.issued', now: iso() })).toBe(0);

      await runDueWork(env.deps);
      expect(receiver.received.length).toBe(before + 1);
      const got = receiver.received.at(-1)!;
      expect(verify(got, SECRET)).toBe(true);
      expect(verify(got, 'another-secret-0123456789')).toBe(false);
      expect(got.headers['x-xianfeng-timestamp']).toBe(String(Math.floor(clock / 1000)));
      expect(got.headers['x-xianfeng-event']).toBe('warning.issued');
      expect(got.headers['x-xianfeng-delivery']).toBe(String(queued!.id));
      expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(got.body);
      expect(body).toMatchObject({
        id: queued!.id, event: 'warning.issued',
        data: { event: 'warning.issued', warningId, headline: '台风黄色预警', level: 'yellow', hazard: 'typhoon', exercise: false, issuingUnit: '中共示范县委员会', areas: ['中共示范县委员会'], link: `/warnings/${warningId}`, instruction: '立即转移危险区域群众。' },
      });
      const sent = (await w.as.countyAdmin.get(`/api/channels/${channelA}/deliveries?status=sent`)).json();
      expect(sent.items).toHaveLength(1);
      expect(sent.items[0]).toMatchObject({ id: queued!.id, status: 'sent', attempts: 1, sentAt: iso(), lastError: null });
    });

    it('retries a failing receiver with backoff, gives up after the last attempt, and sends again after a retry', async () => {
      receiver.state.status = 500;
      const cancel = await w.as.countyAdmin.post(`/api/warnings/${warningId}/cancel`, { version: 1, reason: '台风转向，解除预警' });
      expect(cancel.statusCode, cancel.body).toBe(200);
      const hits = () => receiver.received.filter((r) => r.headers['x-xianfeng-event'] === 'warning.cancelled').length;
      await runDueWork(env.deps);
      expect(hits()).toBe(1);
      let [, d] = await deliveriesOf(channelA);
      expect(d).toMatchObject({ event_kind: 'warning.cancelled', status: 'pending', attempts: 1, last_error: 'HTTP 500', next_attempt_at: new Date(clock + 30_000).toISOString() });
      // Nothing is due until the backoff has passed.
      await runDueWork(env.deps);
      expect(hits()).toBe(1);
      for (const [i, wait] of BACKOFF_MS.entries()) {
        advance(wait);
        await runDueWork(env.deps);
        expect(hits()).toBe(i + 2);
      }
      [, d] = await deliveriesOf(channelA);
      expect(d).toMatchObject({ status: 'dead', attempts: 6, last_error: 'HTTP 500', locked_until: null });
      advance(3 * 3_600_000);
      await runDueWork(env.deps);
      expect(hits()).toBe(6);

      const dead = (await w.as.countyAdmin.get('/api/deliveries/dead')).json();
      expect(dead.items.map((x: { id: number }) => x.id)).toEqual([d!.id]);
      expect(dead.items[0]).toMatchObject({ status: 'dead', event: 'warning.cancelled', channel: { id: channelA, name: '东庄村大喇叭', kind: 'webhook' }, payload: { reason: '台风转向，解除预警', status: 'cancelled' } });
      expect((await w.as.countyAdmin.get(`/api/channels/${channelA}/deliveries?status=dead`)).json().total).toBe(1);
      expect((await w.as.countyAdmin.get(`/api/channels/${channelA}`)).json()).toMatchObject({ pending: 0, dead: 1 });
      expect((await w.as.adminB.get('/api/deliveries/dead')).json().items).toEqual([]);
      expect((await w.as.adminB.post(`/api/deliveries/${d!.id}/retry`)).statusCode).toBe(404);

      receiver.state.status = 204;
      const retried = await w.as.countyAdmin.post(`/api/deliveries/${d!.id}/retry`);
      expect(retried.statusCode, retried.body).toBe(200);
      expect(retried.json()).toMatchObject({ id: d!.id, status: 'pending', attempts: 0, nextAttemptAt: iso() });
      expect((await w.as.countyAdmin.post(`/api/deliveries/${d!.id}/retry`)).json().error.code).toBe('channel.delivery_not_dead');
      await runDueWork(env.deps);
      expect(hits()).toBe(7);
      expect(verify(receiver.received.at(-1)!, SECRET)).toBe(true);
      [, d] = await deliveriesOf(channelA);
      expect(d).toMatchObject({ status: 'sent', attempts: 1, sent_at: iso() });
      const audit = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'delivery').execute();
      expect(audit.map((a) => a.action)).toEqual(['delivery.retry']);
    });

    it('sends each delivery once even when two workers run at the same moment', async () => {
      const before = receiver.received.length;
      expect((await issue({ level: 'blue' })).statusCode).toBe(201);
      const ran = await Promise.all([processDeliveries(env.deps), processDeliveries(env.deps)]);
      expect(ran.sort()).toEqual([0, 1]);
      expect(receiver.received.length).toBe(before + 1);
    });

    it('is not held up by a receiver that never answers: the attempt times out, the others go through', async () => {
      const hang = await w.as.adminB.post('/api/channels', webhook({ unitId: w.units.villageB, name: '西庄村', config: { url: receiver.url('/hang'), secret: SECRET }, events: ['warning.issued'] }));
      expect(hang.statusCode, hang.body).toBe(201);
      const before = receiver.received.length;
      const started = Date.now();
      expect((await issue({ level: 'orange', headline: '台风橙色预警（第二次）' })).statusCode).toBe(201);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(receiver.received.length).toBe(before);
      const passStarted = Date.now();
      expect(await processDeliveries(env.deps, { timeoutMs: 300 })).toBe(2);
      expect(Date.now() - passStarted).toBeLessThan(3_000);
      const byPath = (p: string) => receiver.received.slice(before).filter((r) => r.path === p);
      expect(byPath('/hook')).toHaveLength(1);
      expect(byPath('/hang')).toHaveLength(1);
      const [hung] = await deliveriesOf(hang.json().id);
      expect(hung).toMatchObject({ status: 'pending', attempts: 1, last_error: 'timed out', locked_until: null });
      // Switched off, the channel gives up what it still owed: nothing stale goes out later.
      const off = await w.as.adminB.patch(`/api/channels/${hang.json().id}`, { enabled: false });
      expect(off.json()).toMatchObject({ enabled: false, pending: 0, dead: 1 });
      expect((await deliveriesOf(hang.json().id))[0]).toMatchObject({ status: 'dead', last_error: 'channel disabled' });
      // Village A's channel does not hear of escalations (not subscribed) nor of B's channel's events.
      expect((await deliveriesOf(channelA)).map((x) => x.event_kind)).toEqual(['warning.issued', 'warning.cancelled', 'warning.issued', 'warning.issued']);
    });
  });

  describe('e-mail', () => {
    it('sends a test message at once and the warning later, in UTF-8, logging in with the stored password', async () => {
      const res = await w.as.admin.post('/api/channels', {
        unitId: null, kind: 'email', name: '县应急办邮箱', events: ['warning.issued', 'warning.escalated'],
        config: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'duty', password: 'smtp-密码-123', from: 'xianfeng@example.cn', to: ['duty@example.cn', 'chief@example.cn'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      expect(res.json()).toMatchObject({ config: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'duty', from: 'xianfeng@example.cn', to: ['duty@example.cn', 'chief@example.cn'] }, hasSecret: true });
      expect(res.body).not.toContain('smtp-密码-123');
      const stored = await db().selectFrom('channel').select('config').where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.config).not.toContain('smtp-密码-123');

      const test = await w.as.admin.post(`/api/channels/${id}/test`);
      expect(test.statusCode, test.body).toBe(200);
      expect(test.json()).toMatchObject({ event: 'test', status: 'sent', attempts: 1 });
      expect(smtp.logins).toEqual(['duty:smtp-密码-123']);
      expect(smtp.mails).toHaveLength(1);
      expect(header(smtp.mails[0]!.raw, 'Subject')).toBe('【测试消息】先锋平台测试消息（县应急办邮箱）');

      expect((await issue({ level: 'red', headline: '台风红色预警（第三次）' })).statusCode).toBe(201);
      await runDueWork(env.deps);
      expect(smtp.mails).toHaveLength(2);
      const mail = smtp.mails[1]!;
      expect(mail.from).toBe('xianfeng@example.cn');
      expect(mail.to).toEqual(['duty@example.cn', 'chief@example.cn']);
      expect(header(mail.raw, 'Subject')).toBe('【预警发布】台风红色预警（第三次）');
      expect(header(mail.raw, 'Content-Type')).toMatch(/multipart\/alternative/);
      const text = plainText(mail.raw);
      expect(text).toContain('预警发布：台风红色预警（第三次）');
      expect(text).toContain('级别：红色（I级）');
      expect(text).toContain('灾种：台风');
      expect(text).toContain('覆盖范围：中共示范县委员会');
      expect(text).toContain('防御指南：立即转移危险区域群众。');

      // An hour later every unit is still silent: the escalation is mailed too, naming them.
      advance(3_600_000);
      await runDueWork(env.deps);
      const escalated = smtp.mails.find((m) => header(m.raw, 'Subject') === '【逾期未签收】台风红色预警（第三次）');
      expect(escalated).toBeDefined();
      expect(plainText(escalated!.raw)).toMatch(/逾期未签收：6 个单位：中共示范县委员会、中共羊口镇委员会、东庄村/);
      // In the inbox, the county (parent of the silent town) reads which subtree is late.
      const notes = (await w.as.countyAdmin.get('/api/inbox?unread=1&pageSize=100')).json().items as Array<{ kind: string; title: string; text: string }>;
      const late = notes.find((n) => n.kind === 'warning.escalated' && n.title === '台风红色预警（第三次）');
      expect(late?.text).toBe('中共示范县委员会或其下级单位逾期未签收预警：台风红色预警（第三次）');
    });

    it('reports a test that cannot reach the server as dead at once, without retries', async () => {
      const res = await w.as.admin.post('/api/channels', {
        unitId: null, kind: 'email', name: '无效邮箱', events: ['warning.issued'],
        config: { host: '127.0.0.1', port: 1, from: 'xianfeng@example.cn', to: ['duty@example.cn'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const test = await w.as.admin.post(`/api/channels/${res.json().id}/test`);
      expect(test.json()).toMatchObject({ status: 'dead', attempts: 1 });
      expect(test.json().lastError).toBeTruthy();
      await w.as.admin.patch(`/api/channels/${res.json().id}`, { enabled: false });
    });
  });
});
