// Help requests (群众求助) and members serving where they live (双报到), through the API on both
// databases: a member working elsewhere registers where they live; a resident asks for help from
// the village's QR page without an account; the request is matched by specialty, place and hours
// and the matches are told; the first to accept takes it; it is resolved and confirmed, which
// books the helper's points — or reopened, or closed; nobody accepting in time reaches the
// secretary; floods are refused; the neighbouring village sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { runDueWork, startWorker } from '../src/worker.ts';
import { runDueJobs } from '../src/core/jobs.ts';
import { runMatching } from '../src/modules/help/matching.ts';
import { MATCH_JOB } from '../src/modules/help/requests.ts';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';

// A Monday, 18:30 in Beijing: inside evening hours.
const START = Date.parse('2026-05-04T10:30:00.000Z');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-not-really-an-image')]);

describe.each(DATABASES)('help requests (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = START;
  let gridA1: number;
  let memberB: Client;
  let memberC: Client;
  let memberCId: number;
  let users: { memberB: number; memberC: number };
  let phoneSerial = 0;
  let addressSerial = 0;

  /** Anonymous calls from a given client address (the public page on a resident's phone). */
  const from = (address: string, lang = 'zh-CN') => (method: string, url: string, payload?: unknown) =>
    env.app.inject({ method: method as 'GET', url, remoteAddress: address, headers: { cookie: `xf_lang=${lang}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const nextPhone = () => `1390000${String(++phoneSerial).padStart(4, '0')}`;
  const nextAddress = () => `10.1.${Math.floor(++addressSerial / 200)}.${addressSerial % 200}`;

  /** Reads the page behind the QR code and answers its question, as the page does. */
  async function solved(call: ReturnType<typeof from>, code = 'C01A') {
    const page = await call('GET', `/api/public/help/villages/${code}`);
    expect(page.statusCode).toBe(200);
    const { question, token } = page.json().challenge as { question: string; token: string };
    const [a, b] = question.match(/\d+/g)!.map(Number);
    return { challenge: token, answer: a! + b! };
  }

  /** Matching runs as a job right after filing (the server's worker is woken); here it is run by hand. */
  const matchFiled = () => runDueJobs(env.deps, { [MATCH_JOB]: runMatching });

  async function fileAsPublic(body: Record<string, unknown> = {}, address = nextAddress(), lang = 'zh-CN') {
    const call = from(address, lang);
    const res = await call('POST', '/api/public/help/villages/C01A/requests', {
      ...(await solved(call)), category: 'repair', description: '家里的空调不制冷了', place: '东庄村一组 3 号', name: '王大妈', phone: nextPhone(), ...body,
    });
    if (res.statusCode === 201) await matchFiled();
    return res;
  }
  const inbox = (userId: number, kind: string) => env.deps.database.db.selectFrom('notification').selectAll().where('user_id', '=', userId).where('kind', '=', kind).execute();
  const score = async (c: Client) => (await c.get('/api/points/my')).json().current.score as number;
  const status = (res: LightMyRequestResponse) => res.json().status as string;

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    const f = factories(env);
    const db = env.deps.database.db;
    gridA1 = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    // Member A (电工) belongs to village A's own branch; member B (电工) works in village B and
    // lives in village A; member C (种植技术) belongs to village A's branch.
    await db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    const b = await f.user('member', w.units.branchB);
    await db.updateTable('app_user').set({ member_id: w.members.b }).where('id', '=', b.id).execute();
    memberB = await login(env.app, b.username);
    const c = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: '赵六', gender: 'male', specialties: ['种植技术'] }) });
    memberCId = c.json().id;
    const cu = await f.user('member', w.units.branchA);
    await db.updateTable('app_user').set({ member_id: memberCId }).where('id', '=', cu.id).execute();
    memberC = await login(env.app, cu.username);
    users = { memberB: b.id, memberC: cu.id };
  });
  afterAll(() => env?.close());

  describe('双报到: registering where one lives', () => {
    it('a member working elsewhere registers in a grid of the village where they live', async () => {
      const res = await memberB.post('/api/help/residence', { unitId: gridA1, specialties: ['电工', '家电维修'], hours: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:00' }], note: '下班后可上门' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().registration).toMatchObject({ unit: { id: gridA1, name: '东庄一网格' }, village: { id: w.units.villageA, code: 'C01A' }, specialties: ['电工', '家电维修'] });
      const mine = await memberB.get('/api/help/residence');
      expect(mine.json().registration.hours).toEqual([{ days: [1, 2, 3, 4, 5], from: '18:00', to: '21:00' }]);
    });

    it('the village’s secretary sees who registered; the neighbouring village does not', async () => {
      const a = await w.as.secretaryA.get('/api/help/residents');
      expect(a.statusCode).toBe(200);
      expect(a.json().items).toEqual([expect.objectContaining({ memberId: w.members.b, name: '李四', homeUnitName: '西庄村党支部', place: { id: gridA1, name: '东庄一网格' }, mobile: '138****8000' })]);
      const b = await w.as.secretaryB.get('/api/help/residents');
      expect(b.json().items).toEqual([]);
      expect((await w.as.secretaryB.get(`/api/help/residents?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    });

    it('refuses a second registration, unknown specialties, bad hours and a branch as the place', async () => {
      const again = await memberB.post('/api/help/residence', { unitId: w.units.villageA });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('help.already_registered');
      const bad = await memberC.post('/api/help/residence', { unitId: w.units.villageB, specialties: ['飞行'], hours: [{ days: [9], from: '21:00', to: '18:00' }] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { code: string }) => d.code).sort()).toEqual(['help.specialty_unknown', 'help.window_days', 'help.window_times']);
      const branch = await memberC.post('/api/help/residence', { unitId: w.units.branchB });
      expect(branch.json().error.code).toBe('help.not_place_unit');
      expect((await w.as.resident.post('/api/help/residence', { unitId: w.units.villageA })).statusCode).toBe(403);
      expect((await w.as.secretaryA.post('/api/help/residence', { unitId: w.units.villageA })).json().error.code).toBe('help.not_a_member');
    });

    it('finds places by name and ends a registration once', async () => {
      const places = await memberC.get(`/api/help/places?q=${encodeURIComponent('西庄')}`);
      expect(places.json().items.map((p: { name: string }) => p.name)).toEqual(['西庄村']);
      expect((await memberC.post('/api/help/residence', { unitId: w.units.villageB, specialties: ['种植技术'] })).statusCode).toBe(200);
      const ended = await memberC.post('/api/help/residence/end');
      expect(ended.json().registration).toBeNull();
      const again = await memberC.post('/api/help/residence/end');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('help.not_registered');
    });
  });

  describe('asking from the public page', () => {
    it('the QR page names the village, its grids and the categories', async () => {
      const page = await from('10.0.0.1')('GET', '/api/public/help/villages/C01A');
      expect(page.json()).toMatchObject({ village: { code: 'C01A', name: '东庄村' }, grids: [{ id: gridA1, name: '东庄一网格' }] });
      expect(page.json().categories.map((c: { value: string }) => c.value)).toEqual(['repair', 'elderly_care', 'policy', 'paperwork', 'farming', 'other']);
      const unknown = await from('10.0.0.1', 'en')('GET', '/api/public/help/villages/NOPE');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toBe('This village or community was not found. Please scan the QR code again.');
    });

    it('files with a receipt code, keeps the phone encrypted and matches by specialty, place and hours', async () => {
      const call = from(nextAddress());
      const res = await call('POST', '/api/public/help/villages/C01A/requests', {
        ...(await solved(call)), gridId: gridA1, category: 'repair', description: '家里的空调不制冷了', place: '东庄村一组 3 号', name: '王大妈', phone: '13912345678',
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ status: 'received', category: 'repair', phone: '139****5678', unitName: '东庄一网格', village: { name: '东庄村' } });
      expect(body.receiptCode).toMatch(/^[2-9A-Z]{10}$/);
      // The receipt is what a reader of the request would see.
      expect((await from('10.0.0.1')('GET', `/api/public/help/requests/${body.receiptCode}`)).json()).toEqual(body);
      const row = await env.deps.database.db.selectFrom('help_request').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      expect(row.phone_enc).not.toContain('13912345678');
      expect(env.deps.cipher.decrypt(row.phone_enc)).toBe('13912345678');
      // Matching follows the filing as a job due at once: nothing is matched before it runs, and a second run changes nothing.
      const matchesOf = () => env.deps.database.db.selectFrom('help_match').selectAll().where('request_id', '=', body.id).orderBy('score', 'desc').execute();
      expect(await matchesOf()).toEqual([]);
      expect(await matchFiled()).toBe(1);
      expect(await matchFiled()).toBe(0);
      const matches = await matchesOf();
      // B lives in this grid and is available now; A is of the village's branch; C's specialty does not fit.
      expect(matches.map((m) => [m.member_id, m.place])).toEqual([[w.members.b, 'grid'], [w.members.a, 'village']]);
      expect(await inbox(users.memberB, 'help.matched')).toHaveLength(1);
      expect(await inbox(w.users.memberA.id, 'help.matched')).toHaveLength(1);
      expect(await inbox(users.memberC, 'help.matched')).toHaveLength(0);
      const audit = await env.deps.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'help_request').where('entity_id', '=', String(body.id)).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['help.file', 'help.match']);
      expect(JSON.parse(audit[1]!.after_json!)).toEqual({ matched: [w.members.b, w.members.a] });
      expect(JSON.stringify(audit)).not.toContain('13912345678');
    });

    it('a request taken before its matching ran is not matched; a running server matches at once, not at its next tick', async () => {
      const call = from(nextAddress());
      const taken = (await call('POST', '/api/public/help/villages/C01A/requests', { ...(await solved(call)), category: 'repair', description: '插座冒火花', place: '东庄村一组 9 号', name: '李大爷', phone: nextPhone() })).json().id;
      expect((await w.as.memberA.post(`/api/help/requests/${taken}/accept`)).statusCode).toBe(200);
      expect(await matchFiled()).toBe(1);
      expect(await env.deps.database.db.selectFrom('help_match').select('member_id').where('request_id', '=', taken).execute()).toEqual([]);
      // A worker whose next tick is an hour away: the filing wakes it.
      const worker = startWorker(env.deps, 3_600_000);
      try {
        await new Promise((r) => setTimeout(r, 200));
        const call2 = from(nextAddress());
        const id = (await call2('POST', '/api/public/help/villages/C01A/requests', { ...(await solved(call2)), category: 'repair', description: '电灯不亮', place: '东庄村一组 10 号', name: '李大娘', phone: nextPhone() })).json().id;
        await expect.poll(async () => (await env.deps.database.db.selectFrom('help_match').select('member_id').where('request_id', '=', id).execute()).length, { timeout: 5000 }).toBeGreaterThan(0);
      } finally {
        await worker.stop();
      }
    });

    it('a farming question goes to the member who farms', async () => {
      const res = await fileAsPublic({ category: 'farming', description: '果树叶子发黄怎么办' });
      const matches = await env.deps.database.db.selectFrom('help_match').select('member_id').where('request_id', '=', res.json().id).execute();
      expect(matches.map((m) => m.member_id)).toEqual([memberCId]);
    });

    it('refuses a wrong answer, a missing contact, no place, a bad phone — in the caller’s language', async () => {
      const wrong = await fileAsPublic({ answer: 99 });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.details[0].code).toBe('help.challenge_failed');
      const forged = await fileAsPublic({ challenge: '9999999999999.abc.def' });
      expect(forged.json().error.details[0].code).toBe('help.challenge_failed');
      const noPhone = await fileAsPublic({ phone: '' }, nextAddress(), 'en');
      expect(noPhone.statusCode).toBe(400);
      expect(noPhone.json().error.details).toEqual([{ field: 'phone', code: 'help.contact_required', message: 'Please leave a phone number so that a member can reach you.' }]);
      const nowhere = await fileAsPublic({ place: '' });
      expect(nowhere.json().error.details[0].code).toBe('help.no_location');
      const badPhone = await fileAsPublic({ phone: '12345' });
      expect(badPhone.json().error.details[0].field).toBe('phone');
      const gridOfB = await factories(env).unit('C01B-G1', 'grid', w.units.villageB, '西庄一网格');
      expect((await fileAsPublic({ gridId: gridOfB })).statusCode).toBe(404);
      expect(await env.deps.database.db.selectFrom('help_request').select('id').where('description', '=', '家里的空调不制冷了').where('phone_masked', '=', '123****').execute()).toEqual([]);
    });

    it('a village archived stops taking requests within ten seconds (its page is remembered that long)', async () => {
      const call = from(nextAddress());
      expect((await call('GET', '/api/public/help/villages/C01B')).statusCode).toBe(200);
      const db = env.deps.database.db;
      await db.updateTable('unit').set({ archived_at: new Date(clock).toISOString() }).where('code', '=', 'C01B').execute();
      try {
        clock += 11_000;
        const gone = await call('GET', '/api/public/help/villages/C01B');
        expect(gone.statusCode).toBe(404);
        expect(gone.json().error.code).toBe('help.village_unknown');
        expect((await call('POST', '/api/public/help/villages/C01B/requests', { category: 'repair', description: '路灯坏了', place: '西庄', name: '赵大爷', phone: nextPhone(), challenge: 'x.y.z', answer: 1 })).statusCode).toBe(404);
      } finally {
        await db.updateTable('unit').set({ archived_at: null }).where('code', '=', 'C01B').execute();
      }
    });

    it('limits floods per phone and per address with a clear 429', async () => {
      const phone = '13700000001';
      for (let i = 0; i < 5; i++) expect((await fileAsPublic({ phone })).statusCode).toBe(201);
      const sixth = await fileAsPublic({ phone }, nextAddress(), 'en');
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json().error).toMatchObject({ code: 'help.too_many', message: 'Too many requests from this phone or address. Please try again in 60 minutes.' });
      const zh = await fileAsPublic({ phone });
      expect(zh.json().error.message).toBe('提交过于频繁，请 60 分钟后再试');
      const address = '10.9.9.9';
      for (let i = 0; i < 30; i++) expect((await fileAsPublic({}, address)).statusCode).toBe(201);
      expect((await fileAsPublic({}, address)).statusCode).toBe(429);
      expect((await fileAsPublic({})).statusCode).toBe(201);
    });

    it('counts floods among filings racing in together: of eight sent at once from one phone, five are recorded', async () => {
      const phone = '13700000002';
      const results = await Promise.all(Array.from({ length: 8 }, () => fileAsPublic({ phone })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
      const phoneHash = env.deps.cipher.blindIndex(`help-phone:${phone}`);
      expect(await env.deps.database.db.selectFrom('help_request').select('id').where('phone_hash', '=', phoneHash).execute()).toHaveLength(5);
    });

    it('takes photos that are images by content and not too large, by receipt code', async () => {
      const receipt = (await fileAsPublic()).json().receiptCode as string;
      const call = (content: Buffer, name: string) => {
        const boundary = '----xfhelp';
        const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        return env.app.inject({ method: 'POST', url: `/api/public/help/requests/${receipt}/photos`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      };
      expect((await call(PNG, 'ac.png')).statusCode).toBe(201);
      const text = await call(Buffer.from('<script>alert(1)</script>'), 'fake.png');
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe('help.photo_not_image');
      const big = await call(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'big.png');
      expect(big.statusCode).toBe(413);
      expect((await from('10.0.0.2')('GET', `/api/public/help/requests/${receipt}`)).json().photoCount).toBe(1);
    });
  });

  describe('the lifecycle through the API', () => {
    let id: number;
    let receipt: string;

    it('the first member to accept takes it; the second gets a clear 409', async () => {
      const res = await fileAsPublic({ gridId: gridA1 });
      id = res.json().id;
      receipt = res.json().receiptCode;
      const queue = await memberB.get('/api/help/queue');
      expect(queue.json().items.map((r: { id: number }) => r.id)).toContain(id);
      const seen = await memberB.get(`/api/help/requests/${id}`);
      expect(seen.json()).toMatchObject({ phone: expect.stringContaining('****'), can: { accept: true, start: false }, receiptCode: null });
      const [one, two] = await Promise.all([memberB.post(`/api/help/requests/${id}/accept`), w.as.memberA.post(`/api/help/requests/${id}/accept`)]);
      const codes = [one.statusCode, two.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = one.statusCode === 409 ? one : two;
      expect(loser.json().error).toMatchObject({ code: 'help.already_accepted', message: '该求助已被其他党员接单' });
      // Make B the helper for what follows, whichever won.
      await env.deps.database.db.updateTable('help_request').set({ accepted_member_id: w.members.b, accepted_user_id: users.memberB }).where('id', '=', id).execute();
      const mine = await memberB.get(`/api/help/requests/${id}`);
      expect(mine.json()).toMatchObject({ status: 'accepted', phone: expect.stringMatching(/^1390000\d{4}$/), can: { start: true, resolve: true } });
    });

    it('only the member who took it starts and resolves it', async () => {
      const other = await w.as.memberA.post(`/api/help/requests/${id}/start`);
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('help.not_yours');
      expect(status(await memberB.post(`/api/help/requests/${id}/start`))).toBe('in_progress');
      expect(status(await memberB.post(`/api/help/requests/${id}/resolve`, { note: '更换了电容，已制冷' }))).toBe('resolved');
      const followed = await from('10.0.0.3')('GET', `/api/public/help/requests/${receipt.toLowerCase()}`);
      expect(followed.json()).toMatchObject({ status: 'resolved', helperName: '李四', resolution: '更换了电容，已制冷', phone: expect.stringContaining('****') });
    });

    it('the resident says it is not fixed: it goes back to the helper, who resolves it again', async () => {
      const reopened = await from('10.0.0.3')('POST', `/api/public/help/requests/${receipt}/reopen`, { reason: '第二天又不制冷了' });
      expect(reopened.json()).toMatchObject({ status: 'in_progress', reopenCount: 1 });
      expect(await inbox(users.memberB, 'help.reopened')).toHaveLength(1);
      expect(status(await memberB.post(`/api/help/requests/${id}/resolve`, { note: '补充了制冷剂' }))).toBe('resolved');
    });

    it('the resident confirms with a rating, and the member’s points rise in their own unit’s ledger', async () => {
      const before = await score(memberB);
      const bad = await from('10.0.0.3')('POST', `/api/public/help/requests/${receipt}/confirm`, { rating: 9 });
      expect(bad.json().error.details[0].code).toBe('help.rating_required');
      const confirmed = await from('10.0.0.3')('POST', `/api/public/help/requests/${receipt}/confirm`, { rating: 5, comment: '很及时，谢谢！' });
      expect(confirmed.json()).toMatchObject({ status: 'confirmed', rating: 5 });
      expect(await score(memberB)).toBe(before + 5);
      const entry = await env.deps.database.db.selectFrom('points_entry').selectAll().where('member_id', '=', w.members.b).where('account', '=', 'bonus').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ unit_id: w.units.branchB, points: 5 });
      expect(entry.reason).toContain('群众求助服务');
      expect(await inbox(users.memberB, 'help.confirmed')).toHaveLength(1);
      const again = await from('10.0.0.3')('POST', `/api/public/help/requests/${receipt}/confirm`, { rating: 5 });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('help.finished');
      const audit = await env.deps.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'help_request').where('entity_id', '=', String(id)).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['help.file', 'help.match', 'help.accept', 'help.start', 'help.resolve', 'help.reopen', 'help.resolve', 'help.confirm']);
    });

    it('books under the unit’s own 群众求助服务 rule when it has one, within its cap', async () => {
      const rule = await w.as.secretaryA.post('/api/points/rules', { unitId: w.units.villageA, code: 'QZ01', name: '群众求助服务', account: 'bonus', pointsMin: 1, pointsMax: 1, capPerPeriod: 1 });
      expect(rule.statusCode, rule.body).toBe(201);
      const run = async () => {
        const r = await fileAsPublic({ category: 'other', description: '帮忙搬一下柜子' });
        await w.as.memberA.post(`/api/help/requests/${r.json().id}/accept`);
        await w.as.memberA.post(`/api/help/requests/${r.json().id}/resolve`);
        return from('10.0.0.4')('POST', `/api/public/help/requests/${r.json().receiptCode}/confirm`, { rating: 5 });
      };
      const before = await score(w.as.memberA);
      expect(status(await run())).toBe('confirmed');
      expect(await score(w.as.memberA)).toBe(before + 1);
      // Over the cap: the confirmation stands, no points are booked.
      expect(status(await run())).toBe('confirmed');
      expect(await score(w.as.memberA)).toBe(before + 1);
    });

    it('a secretary closes a request with a reason; members and the neighbouring village cannot', async () => {
      const r = (await fileAsPublic()).json().id;
      expect((await w.as.memberA.post(`/api/help/requests/${r}/close`, { reason: '重复提交' })).statusCode).toBe(403);
      expect((await w.as.secretaryB.post(`/api/help/requests/${r}/close`, { reason: '重复提交' })).statusCode).toBe(404);
      expect((await w.as.secretaryA.post(`/api/help/requests/${r}/close`, { reason: '' })).json().error.details[0].code).toBe('help.reason_required');
      const closed = await w.as.secretaryA.post(`/api/help/requests/${r}/close`, { reason: '重复提交' });
      expect(closed.json()).toMatchObject({ status: 'closed', closeReason: '重复提交' });
      const late = await w.as.memberA.post(`/api/help/requests/${r}/accept`);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('help.finished');
    });

    it('refuses every move the state table does not allow, with its 409', async () => {
      const r = await fileAsPublic();
      const { id: rid, receiptCode } = r.json();
      const early = await from('10.0.0.5')('POST', `/api/public/help/requests/${receiptCode}/confirm`, { rating: 4 });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('help.not_accepted');
      expect((await from('10.0.0.5')('POST', `/api/public/help/requests/${receiptCode}/reopen`, { reason: '还没人来' })).json().error.code).toBe('help.not_accepted');
      expect((await w.as.memberA.post(`/api/help/requests/${rid}/start`)).json().error.code).toBe('help.not_yours');
      await w.as.memberA.post(`/api/help/requests/${rid}/accept`);
      expect((await w.as.memberA.post(`/api/help/requests/${rid}/accept`)).json().error.code).toBe('help.already_accepted');
      expect((await from('10.0.0.5')('POST', `/api/public/help/requests/${receiptCode}/confirm`, { rating: 4 })).json().error.code).toBe('help.already_accepted');
      // accepted → resolved directly (a quick fix needs no separate start), then start is refused.
      expect(status(await w.as.memberA.post(`/api/help/requests/${rid}/resolve`))).toBe('resolved');
      expect((await w.as.memberA.post(`/api/help/requests/${rid}/start`)).json().error.code).toBe('help.awaiting_confirmation');
      expect(status(await w.as.secretaryA.post(`/api/help/requests/${rid}/close`, { reason: '群众联系不上' }))).toBe('closed');
      expect((await from('10.0.0.5')('POST', `/api/public/help/requests/${receiptCode}/reopen`, { reason: '没修好' })).json().error.code).toBe('help.finished');
    });
  });

  describe('a resident with an account', () => {
    it('files where they live, follows it among their own, and confirms it', async () => {
      const res = await w.as.resident.post('/api/help/requests', { unitId: w.units.villageA, category: 'elderly_care', description: '老人需要有人陪同去医院', place: '东庄村二组', phone: '13600000000' });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      const mine = await w.as.resident.get('/api/help/requests/mine');
      expect(mine.json().items[0]).toMatchObject({ id, residentName: w.users.resident.username, receiptCode: res.json().receiptCode });
      expect((await w.as.resident.get('/api/help/requests')).statusCode).toBe(403);
      expect((await w.as.resident.get('/api/help/queue')).statusCode).toBe(403);
      await w.as.memberA.post(`/api/help/requests/${id}/accept`);
      await w.as.memberA.post(`/api/help/requests/${id}/resolve`, { note: '已陪同就医' });
      expect((await w.as.memberA.post(`/api/help/requests/${id}/confirm`, { rating: 5 })).statusCode).toBe(403);
      expect((await w.as.secretaryB.post(`/api/help/requests/${id}/confirm`, { rating: 5 })).statusCode).toBe(404);
      const confirmed = await w.as.resident.post(`/api/help/requests/${id}/confirm`, { rating: 4, comment: '谢谢' });
      expect(confirmed.json()).toMatchObject({ status: 'confirmed', rating: 4 });
    });

    it('the neighbouring village sees none of village A’s requests', async () => {
      const list = await w.as.secretaryB.get('/api/help/requests?pageSize=100');
      expect(list.json().items).toEqual([]);
      const any = (await w.as.secretaryA.get('/api/help/requests?pageSize=1')).json().items[0].id;
      const outside = await w.as.secretaryB.get(`/api/help/requests/${any}`);
      const missing = await w.as.secretaryB.get('/api/help/requests/999999');
      expect(outside.statusCode).toBe(404);
      expect(outside.json()).toEqual(missing.json());
    });
  });

  describe('time limits', () => {
    it('nobody accepting in time reaches the village secretary, once; the queue shows it overdue', async () => {
      const res = await fileAsPublic({ category: 'elderly_care', description: '独居老人摔倒需要照看' });
      const id = res.json().id;
      const taken = (await fileAsPublic({ category: 'elderly_care', description: '老人需要送餐' })).json().id;
      await w.as.memberA.post(`/api/help/requests/${taken}/accept`);
      await runDueWork(env.deps);
      expect(await inbox(w.users.secretaryA.id, 'help.escalated')).toHaveLength(0);
      clock += 2 * 3_600_000 + 60_000;
      await runDueWork(env.deps);
      const told = await inbox(w.users.secretaryA.id, 'help.escalated');
      expect(told.map((n) => n.link)).toEqual([`/help/requests/${id}`]);
      expect(await inbox(w.users.secretaryB.id, 'help.escalated')).toHaveLength(0);
      await runDueWork(env.deps);
      expect(await inbox(w.users.secretaryA.id, 'help.escalated')).toHaveLength(1);
      const overdue = await w.as.secretaryA.get(`/api/help/requests?status=overdue&pageSize=100`);
      const row = overdue.json().items.find((r: { id: number }) => r.id === id);
      expect(row).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
      expect(overdue.json().items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    });
  });

  describe('public statistics', () => {
    it('counts the village’s requests and the median time to accept and resolve', async () => {
      const stats = await from('10.0.0.6')('GET', '/api/public/help/villages/C01A/stats?months=3');
      expect(stats.statusCode).toBe(200);
      const s = stats.json();
      const total = await env.deps.database.db.selectFrom('help_request').select('id').where('village_id', '=', w.units.villageA).execute();
      expect(s.total).toBe(total.length);
      expect(s.byStatus.confirmed).toBe(4);
      expect(s.medianMinutesToAccept).toBeGreaterThanOrEqual(0);
      expect(s.medianMinutesToResolve).not.toBeNull();
      expect(s.months).toHaveLength(3);
      expect(s.months.reduce((n: number, m: { filed: number }) => n + m.filed, 0)).toBe(total.length);
      expect(JSON.stringify(s)).not.toContain('1390000');
    });
  });
  // Last: it files in village B, which the tests above expect to be empty.
  describe('asking logged in where one lives', () => {
    it('a member asks for help logged in where their branch is and where they registered to live; nowhere else', async () => {
      // B works in village B (which has a grid since a test above) and registered in grid A1.
      const places = (await memberB.get('/api/help/places/mine')).json() as Array<{ id: number; name: string; kind: string; residence: boolean }>;
      expect(places.map((p) => [p.name, p.residence])).toEqual([['东庄村', true], ['东庄一网格', true], ['西庄村', false], ['西庄一网格', false]]);
      const body = { category: 'repair', description: '楼道灯坏了', place: '一组 2 号', phone: '13700000001' };
      const there = await memberB.post('/api/help/requests', { ...body, unitId: gridA1 });
      expect(there.statusCode, there.body).toBe(201);
      expect((await memberB.post('/api/help/requests', { ...body, unitId: w.units.villageB })).statusCode).toBe(201);
      // C's branch is in village A, and C lives nowhere else.
      expect((await memberC.get('/api/help/places/mine')).json().map((p: { name: string }) => p.name)).toEqual(['东庄村', '东庄一网格']);
      expect((await memberC.post('/api/help/requests', { ...body, unitId: w.units.villageB })).statusCode).toBe(404);
    });
  });
});
