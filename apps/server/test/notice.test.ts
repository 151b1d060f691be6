// 公示, 群众监督 and the results through the API, on both databases: the leading group publishes
// the decided candidates for five working days (a holiday in between), the public reads the notice
// without personal data and objects — by name or anonymously, never flooding from one address —,
// the objections are handled, the campaign closes into stars and certificates, and the records
// come out as .xlsx and PDF.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { pdfText } from './pdf-text.ts';
import { isReceiptCode } from '@xianfeng/domain';
import { anonymous, DATABASES, dropSchema, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

/** 10:00 in Beijing on the given day. */
const at = (day: string) => new Date(`${day}T02:00:00.000Z`);

describe.each(DATABASES)('public notice, objections and results (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = at('2027-09-29');
  let leader: Client;
  let townSecretary: { username: string };
  const ids = { fiveStar: 0, commendation: 0, flood: 0, a: 0, b: 0, waiting: 0, floodCandidate: 0, outstanding: 0, org: 0 };
  const receipts = { named: '', anonymous: '' };

  /** Moves the clock; sessions are 12 hours long, so the leading group logs in again. */
  async function setClock(day: string) {
    clock = at(day);
    leader = await login(env.app, w.users.countyAdmin.username);
  }

  // Campaigns and candidates up to 'decided', as the pipeline would have left them: every step in
  // the dossier, votes on the recommendation.
  async function campaign(unitId: number, kindOf: 'five_star' | 'commendation', title: string) {
    const db = env.deps.database.db;
    const { id } = await db
      .insertInto('campaign')
      .values({ unit_id: unitId, kind: kindOf, period: '2027', title, status: 'open', notice_days: 5, notice_start: null, notice_end: null, self_evaluation_due: null, branch_recommendation_due: null, committee_review_due: null, leading_group_due: null, created_by: null, created_at: clock.toISOString(), closed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
  async function candidate(campaignId: number, c: { category: string; memberId?: number; unitId?: number; home: number; stars?: string; state?: string }) {
    const db = env.deps.database.db;
    const now = clock.toISOString();
    const state = c.state ?? 'decided';
    const { id } = await db
      .insertInto('candidate')
      .values({
        campaign_id: campaignId, category: c.category, member_id: c.memberId ?? null, subject_unit_id: c.unitId ?? null, subject_key: c.memberId ? `m:${c.memberId}` : `u:${c.unitId}`,
        home_unit_id: c.home, state, nomination: '带头参加防汛抢险，联系服务群众', stars_computed: c.stars ?? '', stars_claimed: c.stars ?? '', stars_recommended: c.stars ?? '', stars_decided: c.stars ?? '',
        vote_eligible: 9, vote_present: 8, vote_in_favour: 7, vote_against: 1, vote_abstain: 0, meeting_on: '2027-09-10', created_by: null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const five = c.category === 'five_star';
    const steps: Array<[string, string | null, string, string | null]> = [
      ['create', null, five ? 'self_evaluation' : 'branch_recommendation', null],
      ...(five ? [['submit', 'self_evaluation', 'branch_recommendation', null] as [string, string, string, null]] : []),
      ['recommend', 'branch_recommendation', 'committee_review', JSON.stringify({ votes: { eligible: 9, present: 8, inFavour: 7, against: 1, abstain: 0 } })],
      ['approve', 'committee_review', 'leading_group', null],
      ['decide', 'leading_group', 'decided', JSON.stringify({ stars: c.stars ?? '' })],
    ];
    const trail = state === 'decided' ? steps : steps.slice(0, -1);
    await db.insertInto('candidate_event').values(trail.map(([action, from, to, detail]) => ({ candidate_id: id, action, from_state: from, to_state: to, actor_user_id: null, actor_name: '测试', reason: null, detail, created_at: now }))).execute();
    return id;
  }

  const object = (body: Record<string, unknown>, address = '10.0.0.1', client: Client = anonymous(env.app)) =>
    client.request('POST', '/api/public/objections', { content: '该同志今年多次缺席组织生活，与公示材料不符。', anonymous: true, ...body }, { 'x-forwarded-for': address });

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => clock });
    w = await buildWorld(env);
    const db = env.deps.database.db;
    await db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    // The 2027 National Day holiday and its make-up Saturday, as an administrator would enter them.
    await db
      .insertInto('calendar_day')
      .values([
        ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2027-10-${d}`, kind: 'holiday', note: '国庆节' })),
        { day: '2027-10-09', kind: 'workday', note: '调休上班' },
      ])
      .execute();
    townSecretary = await factories(env).user('secretary', w.units.town);
    leader = await login(env.app, w.users.countyAdmin.username);
    ids.fiveStar = await campaign(w.units.town, 'five_star', '2027年度五星党员评定');
    ids.a = await candidate(ids.fiveStar, { category: 'five_star', memberId: w.members.a, home: w.units.branchA, stars: 'excellence|service|dedication' });
    ids.b = await candidate(ids.fiveStar, { category: 'five_star', memberId: w.members.b, home: w.units.branchB, stars: 'excellence' });
    ids.commendation = await campaign(w.units.town, 'commendation', '2027年度“两优一先”评选表彰');
    ids.outstanding = await candidate(ids.commendation, { category: 'outstanding_member', memberId: w.members.a, home: w.units.branchA });
    ids.org = await candidate(ids.commendation, { category: 'advanced_org', unitId: w.units.branchB, home: w.units.villageB });
    ids.waiting = await candidate(ids.commendation, { category: 'outstanding_worker', memberId: w.members.b, home: w.units.branchB, state: 'leading_group' });
    ids.flood = await campaign(w.units.town, 'five_star', '洪水测试');
    ids.floodCandidate = await candidate(ids.flood, { category: 'five_star', memberId: w.members.b, home: w.units.branchB, stars: 'service' });
  });
  afterAll(() => env?.close());

  it('only the leading group publishes; the notice of five working days ends after the National Day holiday', async () => {
    const secretary = await w.as.secretaryA.post(`/api/campaigns/${ids.fiveStar}/publish-notice`, {});
    expect(secretary.statusCode).toBe(403);
    const past = await leader.post(`/api/campaigns/${ids.fiveStar}/publish-notice`, { start: '2027-09-28' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ field: 'start', code: 'notice.start_in_past' });

    const res = await leader.post(`/api/campaigns/${ids.fiveStar}/publish-notice`, {});
    expect(res.statusCode, res.body).toBe(200);
    // Wed 29 Sep, Thu 30 Sep, (1–7 Oct holiday), Fri 8 Oct, Sat 9 Oct (调休), Mon 11 Oct.
    expect(res.json()).toMatchObject({ status: 'notice', noticeStart: '2027-09-29', noticeEnd: '2027-10-11', published: 2 });
    const states = await env.deps.database.db.selectFrom('candidate').select('state').where('campaign_id', '=', ids.fiveStar).execute();
    expect(states.map((s) => s.state)).toEqual(['public_notice', 'public_notice']);
    const events = await env.deps.database.db.selectFrom('candidate_event').selectAll().where('candidate_id', '=', ids.a).where('action', '=', 'publish').execute();
    expect(events).toHaveLength(1);

    const again = await leader.post(`/api/campaigns/${ids.fiveStar}/publish-notice`, {});
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('pipeline.nothing_to_publish');
    expect((await leader.post(`/api/campaigns/${ids.flood}/publish-notice`, {})).statusCode).toBe(200);
  });

  it('the public reads the notice without logging in, and nothing personal is on it', async () => {
    const anon = anonymous(env.app);
    const list = await anon.get('/api/public/notices');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { id: number }) => i.id === ids.fiveStar);
    // Thu 30 Sep, Fri 8, Sat 9 (调休) and Mon 11 Oct are still to run.
    expect(item).toMatchObject({ title: '2027年度五星党员评定', organizer: '中共羊口镇委员会', noticeEnd: '2027-10-11', workingDaysLeft: 4, ended: false, candidates: 2 });
    expect((await anon.get('/api/public/notices?unit=C01B')).json().items).toEqual([]);

    const page = await anon.get(`/api/public/notices/${ids.fiveStar}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().candidates).toEqual([
      { id: ids.a, name: '张三', unitName: '东庄村党支部', category: 'five_star', stars: ['excellence', 'service', 'dedication'] },
      { id: ids.b, name: '李四', unitName: '西庄村党支部', category: 'five_star', stars: ['excellence'] },
    ]);
    const member = await env.deps.database.db.selectFrom('member').select(['id_number_masked', 'birth_date', 'mobile_masked']).where('id', '=', w.members.a).executeTakeFirstOrThrow();
    for (const secret of ['13800138000', member.birth_date, member.id_number_masked.slice(0, 6), '1385', 'mobile', 'idNumber', 'birth']) expect(page.body).not.toContain(secret);
    // A campaign that is not in notice is not public.
    expect((await anon.get(`/api/public/notices/${ids.commendation}`)).statusCode).toBe(404);
  });

  it('a resident objects by name and someone anonymously; both get receipt codes', async () => {
    const named = await object({ candidateId: ids.a, anonymous: false, contactName: '王大妈', contactPhone: '139 1234 5678' }, '10.0.0.1', w.as.resident);
    expect(named.statusCode, named.body).toBe(201);
    expect(isReceiptCode(named.json().receiptCode)).toBe(true);
    expect(named.json().candidateName).toBe('张三');
    receipts.named = named.json().receiptCode;
    const anon = await object({ candidateId: ids.b, content: '李四的事迹材料中防汛值守的天数与实际不符，请核实。' }, '10.0.0.2');
    expect(anon.statusCode, anon.body).toBe(201);
    receipts.anonymous = anon.json().receiptCode;
    expect(receipts.anonymous).not.toBe(receipts.named);

    const stored = await env.deps.database.db.selectFrom('objection').selectAll().where('receipt_code', '=', receipts.named).executeTakeFirstOrThrow();
    expect(stored.contact_phone_enc).not.toContain('13912345678');
    expect(env.deps.cipher.decrypt(stored.contact_phone_enc!)).toBe('13912345678');

    const badPhone = await object({ candidateId: ids.a, anonymous: false, contactPhone: '12345' }, '10.0.0.3');
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.details[0]).toMatchObject({ field: 'contactPhone', code: 'phone.format' });
    const noContact = await object({ candidateId: ids.a, anonymous: false }, '10.0.0.3');
    expect(noContact.json().error.details[0]).toMatchObject({ field: 'contactPhone', code: 'objection.contact_required' });
    const short = await object({ candidateId: ids.a, content: '不同意' }, '10.0.0.3');
    expect(short.statusCode).toBe(400);
    const notInNotice = await object({ candidateId: ids.waiting }, '10.0.0.3');
    expect(notInNotice.statusCode).toBe(422);
    expect(notInNotice.json().error.code).toBe('objection.not_in_notice');
  });

  it('objections flooding from one address are refused with 429 while another address still gets through', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await object({ candidateId: ids.floodCandidate, anonymous: false, contactPhone: '13700000000' }, '10.9.9.9');
      expect(res.statusCode, `objection ${i + 1}`).toBe(201);
    }
    const sixth = await object({ candidateId: ids.floodCandidate, anonymous: false, contactPhone: '13700000000' }, '10.9.9.9');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('objection.too_many');
    expect((await object({ candidateId: ids.floodCandidate }, '10.9.9.10')).statusCode).toBe(201);
    // Anonymous ones have the lower cap.
    expect((await object({ candidateId: ids.floodCandidate }, '10.9.9.10')).statusCode).toBe(201);
    expect((await object({ candidateId: ids.floodCandidate }, '10.9.9.10')).statusCode).toBe(429);
    expect((await object({ candidateId: ids.floodCandidate, anonymous: false, contactPhone: '13700000001' }, '10.9.9.10')).statusCode).toBe(201);
  });

  it('the committee sees the objections with phones masked; the leading group with member.unmask sees them in full', async () => {
    const secretary = await login(env.app, townSecretary.username);
    const masked = await secretary.get(`/api/campaigns/${ids.fiveStar}/objections`);
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json()).toMatchObject({ phonesUnmasked: false, open: 2 });
    const named = masked.json().items.find((i: { receiptCode: string }) => i.receiptCode === receipts.named);
    expect(named).toMatchObject({ contactName: '王大妈', contactPhone: '139****5678', anonymous: false, candidate: { id: ids.a, name: '张三' } });
    const full = await leader.get(`/api/campaigns/${ids.fiveStar}/objections?state=open`);
    expect(full.json().items.find((i: { receiptCode: string }) => i.receiptCode === receipts.named).contactPhone).toBe('13912345678');
    expect((await w.as.secretaryA.get(`/api/campaigns/${ids.fiveStar}/objections`)).statusCode).toBe(404);
  });

  it('closing is refused while the notice runs, and then while objections are open', async () => {
    const running = await leader.post(`/api/campaigns/${ids.fiveStar}/close`);
    expect(running.statusCode).toBe(422);
    expect(running.json().error.code).toBe('pipeline.notice_running');
    expect(running.json().error.message).toContain('2027-10-11');

    await setClock('2027-10-12');
    const late = await object({ candidateId: ids.a }, '10.0.0.4');
    expect(late.json().error.code).toBe('objection.not_in_notice');
    const open = await leader.post(`/api/campaigns/${ids.fiveStar}/close`);
    expect(open.statusCode).toBe(422);
    expect(open.json().error).toMatchObject({ code: 'pipeline.open_objections' });
    expect(open.json().error.message).toContain('2');
    expect((await anonymous(env.app).get('/api/public/notices')).json().items.find((i: { id: number }) => i.id === ids.fiveStar)).toMatchObject({ workingDaysLeft: 0, ended: true });
  });

  it('a dismissal needs a reply; an upheld objection withdraws the candidate; nothing is handled twice', async () => {
    const list = (await leader.get(`/api/campaigns/${ids.fiveStar}/objections`)).json().items as Array<{ id: number; receiptCode: string }>;
    const named = list.find((i) => i.receiptCode === receipts.named)!;
    const anon = list.find((i) => i.receiptCode === receipts.anonymous)!;
    const bare = await leader.post(`/api/campaigns/objections/${named.id}/handle`, { outcome: 'dismiss', reply: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'pipeline.reason_required', details: [{ field: 'reply' }] });
    const secretary = await login(env.app, townSecretary.username);
    expect((await secretary.post(`/api/campaigns/objections/${named.id}/handle`, { outcome: 'dismiss', reply: '经核实' })).statusCode).toBe(403);

    const dismissed = await leader.post(`/api/campaigns/objections/${named.id}/handle`, { outcome: 'dismiss', reply: '经核实，该同志缺席均已请假，异议不成立。' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ state: 'dismissed', candidate: { id: ids.a, state: 'public_notice' } });
    const upheld = await leader.post(`/api/campaigns/objections/${anon.id}/handle`, { outcome: 'uphold_withdraw', reply: '经核实，值守天数不实，撤销其候选人资格。' });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json().candidate).toEqual({ id: ids.b, state: 'withdrawn' });
    const twice = await leader.post(`/api/campaigns/objections/${anon.id}/handle`, { outcome: 'dismiss', reply: '再次处理' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('objection.already_handled');
    const event = await env.deps.database.db.selectFrom('candidate_event').selectAll().where('candidate_id', '=', ids.b).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'uphold_withdraw', from_state: 'public_notice', to_state: 'withdrawn', reason: '经核实，值守天数不实，撤销其候选人资格。' });
  });

  it('closing makes the candidates final and writes the member’s stars; a campaign closes once', async () => {
    const res = await leader.post(`/api/campaigns/${ids.fiveStar}/close`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', finals: 1, memberStars: 1, commendations: 0 });
    const star = await env.deps.database.db.selectFrom('member_star').selectAll().where('member_id', '=', w.members.a).executeTakeFirstOrThrow();
    expect(star).toMatchObject({ period: '2027', stars: 'excellence|service|dedication', star_count: 3, candidate_id: ids.a });
    expect((await leader.post(`/api/campaigns/${ids.fiveStar}/close`)).json().error.code).toBe('pipeline.campaign_closed');
    const results = await leader.get(`/api/campaigns/${ids.fiveStar}/results`);
    expect(results.json().groups).toEqual([{ category: 'five_star', items: [expect.objectContaining({ candidateId: ids.a, name: '张三', stars: ['excellence', 'service', 'dedication'] })] }]);
    expect(results.json().byState).toEqual({ final: 1, withdrawn: 1 });
  });

  it('the person who objected follows the outcome with the receipt code', async () => {
    const anon = anonymous(env.app);
    const named = await anon.get(`/api/public/objections/${receipts.named.toLowerCase()}`);
    expect(named.statusCode).toBe(200);
    expect(named.json()).toEqual({ receiptCode: receipts.named, campaignTitle: '2027年度五星党员评定', candidateName: '张三', state: 'dismissed', outcome: 'dismiss', reply: '经核实，该同志缺席均已请假，异议不成立。', filedOn: '2027-09-29', handledOn: '2027-10-12' });
    const upheld = await anon.get(`/api/public/objections/${receipts.anonymous}`);
    expect(upheld.json()).toMatchObject({ state: 'upheld', outcome: 'uphold_withdraw' });
    const unknown = await anon.get('/api/public/objections/ABCDEFGHJK');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('objection.receipt_unknown');
  });

  it('a commendation campaign closes into certificates and the honor roll; both export to .xlsx', async () => {
    const published = await leader.post(`/api/campaigns/${ids.commendation}/publish-notice`, {});
    expect(published.json()).toMatchObject({ noticeStart: '2027-10-12', noticeEnd: '2027-10-18', published: 2 });
    await setClock('2027-10-19');
    const closed = await leader.post(`/api/campaigns/${ids.commendation}/close`);
    expect(closed.json()).toMatchObject({ finals: 2, commendations: 2 });
    const rows = await env.deps.database.db.selectFrom('commendation').selectAll().where('campaign_id', '=', ids.commendation).orderBy('certificate_no').execute();
    const pad = String(ids.commendation).padStart(3, '0');
    expect(rows.map((r) => [r.candidate_id, r.certificate_no])).toEqual([[ids.outstanding, `2027-${pad}-001`], [ids.org, `2027-${pad}-002`]]);
    expect(rows[1]).toMatchObject({ category: 'advanced_org', subject_unit_id: w.units.branchB, member_id: null });

    const roll = await anonymous(env.app).get('/api/public/honor-roll?unit=C01&year=2027');
    expect(roll.statusCode).toBe(200);
    const entries = roll.json().items.flatMap((i: { entries: unknown[] }) => i.entries);
    expect(entries).toEqual(expect.arrayContaining([
      { category: 'outstanding_member', name: '张三', unitName: '东庄村党支部', stars: null },
      { category: 'advanced_org', name: '西庄村党支部', unitName: '西庄村', stars: null },
      { category: 'five_star', name: '张三', unitName: '东庄村党支部', stars: ['excellence', 'service', 'dedication'] },
    ]));
    expect((await anonymous(env.app).get('/api/public/honor-roll?unit=NOPE')).json().error.code).toBe('results.unit_unknown');

    const xlsx = await leader.get(`/api/campaigns/${ids.commendation}/honor-roll/export`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).values).toEqual(expect.arrayContaining(['优秀共产党员', '张三', `2027-${pad}-001`]));
    const results = await leader.get(`/api/campaigns/${ids.fiveStar}/results/export`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(results.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['评选结果', '全部候选人', '评选过程', '异议处理']);
    const path = book.getWorksheet('评选过程')!.getSheetValues().flat().map(String);
    expect(path).toEqual(expect.arrayContaining(['支部推荐', '异议成立，撤销', '公示期满，确定']));
    expect((await (await login(env.app, w.users.adminB.username)).get(`/api/campaigns/${ids.fiveStar}/results/export`)).statusCode).toBe(404);
  });

  it('serves certificates and dossiers as PDF; a dossier is readable by the candidate, not by the neighbouring village', async () => {
    const all = await leader.get(`/api/campaigns/${ids.commendation}/certificates.pdf`);
    expect(all.statusCode, all.body.slice(0, 200)).toBe(200);
    expect(all.headers['content-type']).toBe('application/pdf');
    expect(all.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const commendation = await env.deps.database.db.selectFrom('commendation').select('id').where('candidate_id', '=', ids.outstanding).executeTakeFirstOrThrow();
    const one = await leader.get(`/api/campaigns/commendations/${commendation.id}/certificate.pdf`);
    expect(one.headers['content-type']).toBe('application/pdf');
    expect((await leader.get(`/api/campaigns/${ids.fiveStar}/certificates.pdf`)).json().error.code).toBe('results.not_commendation');

    const dossier = await leader.get(`/api/campaigns/candidates/${ids.b}/dossier.pdf`);
    expect(dossier.statusCode).toBe(200);
    expect(dossier.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(dossier.rawPayload);
    for (const part of ['李四评选档案', '支部推荐', '表决：应到9，实到8，赞成7，反对1，弃权0', '公示', '异议成立，撤销', '经核实，值守天数不实', '李四的事迹材料中防汛值守']) expect(text).toContain(part);
    expect(await pdfText(one.rawPayload)).toContain(`2027-${String(ids.commendation).padStart(3, '0')}-001`);
    // An organization's dossier: no self-evaluation, no objections.
    const org = await leader.get(`/api/campaigns/candidates/${ids.org}/dossier.pdf`);
    expect(org.statusCode, org.body.slice(0, 200)).toBe(200);
    expect(org.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const member = await login(env.app, w.users.memberA.username, undefined, 'en');
    const own = await member.get(`/api/campaigns/candidates/${ids.a}/dossier.pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    // In English, and without the content of the objections against them.
    const ownText = await pdfText(own.rawPayload);
    expect(ownText).toContain('Objectiondismissed');
    expect(ownText).not.toContain('缺席组织生活');
    expect((await member.get(`/api/campaigns/candidates/${ids.b}/dossier.pdf`)).statusCode).toBe(404);
    const adminB = await login(env.app, w.users.adminB.username);
    expect((await adminB.get(`/api/campaigns/candidates/${ids.a}/dossier.pdf`)).statusCode).toBe(404);
  });
});

// Several app servers behind a load balancer share one counter per address (Redis here), so
// spreading a flood over the servers does not multiply the allowance.
describe.skipIf(!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL)('objection limits across two app servers sharing Redis', () => {
  const schema = `xf_notice_${crypto.randomBytes(5).toString('hex')}`;
  let one: TestEnv;
  let two: TestEnv;
  let candidateId = 0;
  beforeAll(async () => {
    one = await startTestEnv('postgres', { redisUrl: process.env.TEST_REDIS_URL, pgSchema: schema });
    two = await startTestEnv('postgres', { redisUrl: process.env.TEST_REDIS_URL, pgSchema: schema });
    const w = await buildWorld(one);
    const db = one.deps.database.db;
    const now = new Date().toISOString();
    const campaign = await db
      .insertInto('campaign')
      .values({ unit_id: w.units.town, kind: 'five_star', period: '2099', title: '限流测试', status: 'notice', notice_days: 5, notice_start: '2000-01-03', notice_end: '2099-12-31', self_evaluation_due: null, branch_recommendation_due: null, committee_review_due: null, leading_group_due: null, created_by: null, created_at: now, closed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    candidateId = (await db
      .insertInto('candidate')
      .values({ campaign_id: campaign.id, category: 'five_star', member_id: w.members.a, subject_unit_id: null, subject_key: `m:${w.members.a}`, home_unit_id: w.units.branchA, state: 'public_notice', nomination: '', stars_computed: '', stars_claimed: '', stars_recommended: '', stars_decided: 'service', vote_eligible: null, vote_present: null, vote_in_favour: null, vote_against: null, vote_abstain: null, meeting_on: null, created_by: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await dropSchema(schema);
  });

  it('five objections spread over two servers use up the address’s allowance on both', async () => {
    const body = { candidateId, content: '该同志今年多次缺席组织生活，与公示材料不符。', anonymous: false, contactPhone: '13700000000' };
    const send = (env: TestEnv) => anonymous(env.app).request('POST', '/api/public/objections', body, { 'x-forwarded-for': '10.7.7.7' });
    for (let i = 0; i < 5; i++) expect((await send(i % 2 ? one : two)).statusCode, `objection ${i + 1}`).toBe(201);
    expect((await send(one)).statusCode).toBe(429);
    expect((await send(two)).statusCode).toBe(429);
  });
});
