// 亮身份、亮承诺 and 比作风、比贡献 through the API, on both databases: a member publishes and revises
// this year's commitment and reports progress; a secretary enters them for an elderly member (the
// neighbouring village's cannot); residents see the cards of their own village or community only,
// and a card never carries an ID number or a phone; the comparison agrees with the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { todayYmd } from '@xianfeng/domain';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';

const PROMISE = '每月走访村里的三户独居老人，帮他们解决生活中的实际困难';
const REVISED = '每月走访村里的五户独居老人，帮他们代买药品、检修电路';

describe.each(DATABASES)('commitments and member cards (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let member: Client;
  let residentB: Client;
  let gridResident: Client;
  let elderly: number;
  let unlinked: Client;
  const year = todayYmd().slice(0, 4);
  const today = todayYmd();

  const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
  const audit = (action: string) =>
    env.deps.database.db.selectFrom('audit_log').select(['action', 'before_json', 'after_json', 'actor_user_id']).where('action', '=', action).orderBy('id').execute();

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const f = factories(env);
    const db = env.deps.database.db;
    // 张三 of branch A has an account linked to his registry entry.
    await db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    member = await login(env.app, w.users.memberA.username);
    // An elderly member of branch A without a phone of her own, and a member whose account sits in branch B.
    const old = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name: '王奶奶', birthDate: '1942-05-01', joinDate: '1968-07-01', fullMemberDate: '1969-07-01' }) });
    expect(old.statusCode, old.body).toBe(201);
    elderly = old.json().id;
    const memberB = await f.user('member', w.units.branchB);
    await db.updateTable('app_user').set({ member_id: w.members.b }).where('id', '=', memberB.id).execute();
    unlinked = await login(env.app, memberB.username);
    // A resident of the neighbouring village, and one registered on a grid of village A.
    residentB = await login(env.app, (await f.user('resident', w.units.villageB)).username);
    const grid = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄村第一网格');
    gridResident = await login(env.app, (await f.user('resident', grid)).username);
  });
  afterAll(() => env?.close());

  it('a member publishes this year’s commitment and sees it on their own card', async () => {
    const empty = await member.get('/api/commitments/my');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ year, card: { memberId: w.members.a, name: '张三', commitment: null } });

    const short = await put(member, '/api/commitments/my', { content: '多做好事' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0]).toMatchObject({ field: 'content', code: 'commitments.content_length' });
    expect(short.json().error.details[0].message).toContain('10 到 500');

    const res = await put(member, '/api/commitments/my', { content: `  ${PROMISE}  ` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().card).toMatchObject({
      identity: 'party_member', status: 'full', joinYear: 2010, unit: { id: w.units.branchA, name: '东庄村党支部' },
      commitment: { content: PROMISE, revised: false, updateCount: 0, updates: [] },
    });
    const [entry] = await audit('commitments.publish');
    expect(JSON.parse(entry.after_json!)).toMatchObject({ member: '张三', year, content: PROMISE, onBehalf: false });
  });

  it('revising keeps the day it was published; the old wording stays in the audit log', async () => {
    const before = (await member.get('/api/commitments/my')).json().card.commitment;
    const res = await put(member, '/api/commitments/my', { content: REVISED });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json().card.commitment;
    expect(after).toMatchObject({ id: before.id, content: REVISED, publishedAt: before.publishedAt });
    // Saving the same words again writes nothing.
    await put(member, '/api/commitments/my', { content: REVISED });
    const revisions = await audit('commitments.revise');
    expect(revisions).toHaveLength(1);
    expect(JSON.parse(revisions[0].before_json!)).toEqual({ content: PROMISE });
    expect(JSON.parse(revisions[0].after_json!)).toMatchObject({ content: REVISED });
  });

  it('progress updates need this year’s commitment; the member’s own are not marked as entered for them', async () => {
    const none = await unlinked.post('/api/commitments/my/updates', { content: '走访了一户' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('commitments.not_published');

    const res = await member.post('/api/commitments/my/updates', { content: '三月走访了刘大爷家，修好了他家的电灯' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ content: '三月走访了刘大爷家，修好了他家的电灯', byProxy: false });
    const tooShort = await member.post('/api/commitments/my/updates', { content: ' 好 ' });
    expect(tooShort.json().error.details[0].code).toBe('commitments.update_length');

    const mine = (await member.get('/api/commitments/my')).json();
    expect(mine.card.commitment.updateCount).toBe(1);
    expect(mine.card.commitment.updates).toEqual([expect.objectContaining({ id: res.json().id, byProxy: false })]);
    expect((await audit('commitments.update')).length).toBe(1);
  });

  it('an account without a member record cannot publish', async () => {
    const res = await put(w.as.resident, '/api/commitments/my', { content: PROMISE });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('commitments.not_a_member');
  });

  it('the village secretary enters a commitment and its progress for an elderly member; the card says who entered it', async () => {
    const early = await w.as.secretaryA.post(`/api/commitments/members/${elderly}/updates`, { content: '帮邻居照看孩子' });
    expect(early.statusCode).toBe(422);
    const res = await put(w.as.secretaryA, `/api/commitments/members/${elderly}`, { content: '每周在村口给邻居讲一次党的好政策' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().card).toMatchObject({ name: '王奶奶', joinYear: 1968, commitment: { content: '每周在村口给邻居讲一次党的好政策' } });
    const update = await w.as.secretaryA.post(`/api/commitments/members/${elderly}/updates`, { content: '本周讲了惠农补贴政策，来了十几位村民' });
    expect(update.statusCode, update.body).toBe(201);
    expect(update.json().byProxy).toBe(true);
    const card = await w.as.resident.get(`/api/cards/${elderly}`);
    expect(card.json().card.commitment.updates).toEqual([expect.objectContaining({ byProxy: true })]);
    const entries = await audit('commitments.publish');
    expect(JSON.parse(entries.at(-1)!.after_json!)).toMatchObject({ member: '王奶奶', onBehalf: true });
    expect(entries.at(-1)!.actor_user_id).toBe(w.users.secretaryA.id);
  });

  it('the neighbouring village’s secretary cannot enter for village A, and is told the same as for no member at all', async () => {
    const outside = await put(w.as.secretaryB, `/api/commitments/members/${w.members.a}`, { content: '越权代录的承诺内容，不应写入' });
    const missing = await put(w.as.secretaryB, '/api/commitments/members/999999', { content: '越权代录的承诺内容，不应写入' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect((await w.as.secretaryB.post(`/api/commitments/members/${w.members.a}/updates`, { content: '越权代录' })).statusCode).toBe(404);
    // A resident holds no permission at all.
    expect((await put(w.as.resident, `/api/commitments/members/${w.members.a}`, { content: PROMISE })).statusCode).toBe(403);
    expect((await member.get('/api/commitments/my')).json().card.commitment.content).toBe(REVISED);
  });

  it('a resident of village A sees the cards of village A, commitments first, and nothing of village B', async () => {
    const res = await w.as.resident.get('/api/cards');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unit: { id: w.units.villageA, name: '东庄村' }, year, total: 2 });
    // Both have published (the elderly member through the secretary): then by unit and pinyin.
    expect(res.json().items.map((c: { name: string }) => c.name)).toEqual(['王奶奶', '张三']);
    const zhang = res.json().items.find((c: { name: string }) => c.name === '张三');
    // A grid of cards shows the latest update and how many there are.
    expect(zhang.commitment).toMatchObject({ content: REVISED, updateCount: 1, updates: [expect.objectContaining({ content: '三月走访了刘大爷家，修好了他家的电灯' })] });
    expect(res.body).not.toContain('李四');

    expect((await w.as.resident.get(`/api/cards/${w.members.a}`)).statusCode).toBe(200);
    expect((await w.as.resident.get(`/api/cards/${w.members.b}`)).statusCode).toBe(404);
    expect((await w.as.resident.get(`/api/cards?unitId=${w.units.villageB}`)).statusCode).toBe(404);
    expect((await w.as.resident.get(`/api/cards?unitId=${w.units.town}`)).statusCode).toBe(404);
    // The branch is inside the village: its cards are the resident's too.
    expect((await w.as.resident.get(`/api/cards?unitId=${w.units.branchA}`)).json().total).toBe(2);
    // Search by name.
    expect((await w.as.resident.get('/api/cards?q=奶奶')).json().items.map((c: { name: string }) => c.name)).toEqual(['王奶奶']);
  });

  it('a resident of the neighbouring village sees their own village, never A’s; one on a grid of A sees A', async () => {
    const own = await residentB.get('/api/cards');
    expect(own.json().unit.id).toBe(w.units.villageB);
    expect(own.json().items.map((c: { name: string }) => c.name)).toEqual(['李四']);
    const refused = await residentB.get(`/api/cards/${w.members.a}`);
    const missing = await residentB.get('/api/cards/999999');
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(missing.json());
    expect((await residentB.get(`/api/cards?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    // Village B's administrator is no closer to village A's cards.
    expect((await w.as.adminB.get(`/api/cards/${w.members.a}`)).statusCode).toBe(404);

    const grid = await gridResident.get('/api/cards');
    expect(grid.json().unit.id).toBe(w.units.villageA);
    expect(grid.json().total).toBe(2);
    expect((await gridResident.get(`/api/cards/${w.members.a}`)).statusCode).toBe(200);
    expect((await gridResident.get(`/api/cards/${w.members.b}`)).statusCode).toBe(404);
    // A member of branch B sees the cards of village B, and their own.
    expect((await unlinked.get(`/api/cards/${w.members.b}`)).statusCode).toBe(200);
    expect((await unlinked.get(`/api/cards/${w.members.a}`)).statusCode).toBe(404);
  });

  it('a card carries no ID number, phone, birth date or gender', async () => {
    const db = env.deps.database.db;
    const row = await db.selectFrom('member').selectAll().where('id', '=', w.members.a).executeTakeFirstOrThrow();
    const idNumber = env.deps.cipher.decrypt(row.id_number_enc);
    const mobile = env.deps.cipher.decrypt(row.mobile_enc!);
    for (const res of [await w.as.resident.get(`/api/cards/${w.members.a}`), await w.as.resident.get('/api/cards'), await member.get('/api/commitments/my')]) {
      expect(res.statusCode).toBe(200);
      for (const secret of [idNumber, idNumber.slice(-6), row.id_number_masked, mobile, row.mobile_masked!, row.birth_date]) expect(res.body).not.toContain(secret);
      for (const key of ['idNumber', 'mobile', 'phone', 'birthDate', 'gender', 'ethnicity', 'occupation']) expect(res.body).not.toContain(`"${key}"`);
    }
  });

  it('the card shows the stars of the latest period that has them', async () => {
    const db = env.deps.database.db;
    const now = new Date().toISOString();
    const candidateFor = async (period: string) => {
      const campaign = await db
        .insertInto('campaign')
        .values({ unit_id: w.units.town, kind: 'five_star', period, title: `${period}年度五星党员评定`, status: 'closed', notice_days: 5, notice_start: null, notice_end: null, self_evaluation_due: null, branch_recommendation_due: null, committee_review_due: null, leading_group_due: null, created_by: null, created_at: now, closed_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const c = await db
        .insertInto('candidate')
        .values({ campaign_id: campaign.id, category: 'five_star', member_id: w.members.a, subject_unit_id: null, subject_key: `m:${w.members.a}`, home_unit_id: w.units.branchA, state: 'awarded', nomination: '', stars_computed: '', stars_claimed: '', stars_recommended: '', stars_decided: '', vote_eligible: null, vote_present: null, vote_in_favour: null, vote_against: null, vote_abstain: null, meeting_on: null, created_by: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return c.id;
    };
    const previous = String(Number(year) - 1);
    const older = String(Number(year) - 2);
    await db.insertInto('member_star').values({ member_id: w.members.a, period: older, stars: 'excellence|service|dedication|innovation|breakthrough', star_count: 5, candidate_id: await candidateFor(older), awarded_at: now }).execute();
    await db.insertInto('member_star').values({ member_id: w.members.a, period: previous, stars: 'service|dedication', star_count: 2, candidate_id: await candidateFor(previous), awarded_at: now }).execute();
    const card = (await w.as.resident.get(`/api/cards/${w.members.a}`)).json().card;
    expect(card.stars).toEqual({ period: previous, count: 2, dimensions: ['service', 'dedication'] });
    expect((await member.get('/api/commitments/my')).json().card.stars.count).toBe(2);
  });

  it('比作风、比贡献: the comparison agrees with the ledger, member by member', async () => {
    const A = w.units.villageA;
    const sec = w.as.secretaryA;
    expect((await sec.post('/api/points/rules/adopt', { unitId: A })).statusCode).toBe(200);
    const rules = Object.fromEntries((await sec.get(`/api/points/rules?unitId=${w.units.branchA}`)).json().items.map((r: { code: string; id: number }) => [r.code, r.id]));
    expect((await sec.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.JC03, occurredOn: today, reason: '主题党日' })).statusCode).toBe(201);
    expect((await sec.post('/api/points/entries', { memberId: elderly, ruleId: rules.JC01, occurredOn: today, reason: '党员大会' })).statusCode).toBe(201);
    // A verified service task: bonus and a task done.
    const task = (await sec.post('/api/points/tasks', { unitId: A, title: '帮独居老人修电路', points: 4, capacity: 2 })).json();
    const claim = (await member.post(`/api/points/tasks/${task.id}/claim`)).json();
    await member.post(`/api/points/task-claims/${claim.id}/report`, { report: '已修好' });
    expect((await sec.post(`/api/points/task-claims/${claim.id}/decide`, { approve: true })).statusCode).toBe(200);
    // Two violations of a don't; the second is corrected away and must not count.
    expect((await sec.post('/api/points/conduct/adopt', { unitId: A })).statusCode).toBe(200);
    const dont = (await sec.get(`/api/points/conduct?unitId=${A}`)).json().list.items.find((i: { kind: string; ruleCode: string }) => i.kind === 'dont' && i.ruleCode === 'KF03');
    expect((await sec.post('/api/points/violations', { memberId: w.members.a, conductItemId: dont.id, occurredOn: today, remark: '转发不实消息', points: 3 })).statusCode).toBe(201);
    const wrong = await sec.post('/api/points/violations', { memberId: w.members.a, conductItemId: dont.id, occurredOn: today, remark: '记错了人', points: 5 });
    expect((await sec.post(`/api/points/entries/${wrong.json().entry.id}/reverse`, { reason: '记错了人' })).statusCode).toBe(201);

    const res = await sec.get(`/api/commitments/compare?unitId=${A}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: Number(year), sort: 'score', order: 'desc', total: 2, page: 1, pageSize: 20, summary: { members: 2, committed: 2, updates: 2 } });
    expect(body.items.map((r: { name: string }) => r.name)).not.toContain('李四');

    // The ledger, summed independently.
    const db = env.deps.database.db;
    const entries = await db.selectFrom('points_entry').select(['member_id', 'account', 'points', 'veto']).where('occurred_on', '>=', `${year}-01-01`).where('occurred_on', '<=', `${year}-12-31`).execute();
    for (const row of body.items) {
      const mine = entries.filter((e) => e.member_id === row.memberId);
      const sum = (account: string) => mine.filter((e) => e.account === account).reduce((s, e) => s + e.points, 0);
      expect(row.base, row.name).toBe(sum('base'));
      expect(row.bonus, row.name).toBe(sum('bonus'));
      expect(row.deduction, row.name).toBe(0 - sum('deduction'));
      expect(row.score, row.name).toBe(sum('base') + sum('bonus') + sum('deduction'));
    }
    const zhang = body.items.find((r: { memberId: number }) => r.memberId === w.members.a);
    expect(zhang).toMatchObject({ base: 1, bonus: 4, deduction: 3, violations: 1, tasks: 1, score: 2, committed: true, commitment: REVISED, updates: 1, stars: 2, starDimensions: ['service', 'dedication'] });
    const wang = body.items.find((r: { memberId: number }) => r.memberId === elderly);
    expect(wang).toMatchObject({ base: 3, bonus: 0, deduction: 0, violations: 0, tasks: 0, committed: true, updates: 1, stars: 0, starDimensions: [] });

    // Sorted by the chosen column, either way.
    const byBonus = (await sec.get(`/api/commitments/compare?unitId=${A}&sort=bonus&order=desc`)).json().items.map((r: { name: string }) => r.name);
    expect(byBonus).toEqual(['张三', '王奶奶']);
    const byBase = (await sec.get(`/api/commitments/compare?unitId=${A}&sort=base&order=desc`)).json().items.map((r: { name: string }) => r.name);
    expect(byBase).toEqual(['王奶奶', '张三']);
    const byViolations = (await sec.get(`/api/commitments/compare?unitId=${A}&sort=violations&order=asc`)).json().items.map((r: { name: string }) => r.name);
    expect(byViolations).toEqual(['王奶奶', '张三']);
    for (const sort of ['name', 'deduction', 'tasks', 'score', 'committed', 'updates', 'stars']) {
      expect((await sec.get(`/api/commitments/compare?unitId=${A}&sort=${sort}&order=asc`)).statusCode, sort).toBe(200);
    }
    // Another year holds nothing yet; pages are 20 to 100 rows.
    const last = (await sec.get(`/api/commitments/compare?unitId=${A}&year=${Number(year) - 1}`)).json();
    expect(last.summary).toEqual({ members: 2, committed: 0, updates: 0 });
    expect(last.items.every((r: { base: number; committed: boolean }) => r.base === 0 && !r.committed)).toBe(true);
    expect((await sec.get(`/api/commitments/compare?unitId=${A}&pageSize=10`)).statusCode).toBe(400);
    expect((await sec.get(`/api/commitments/compare?unitId=${A}&year=1999`)).json().error.details[0].code).toBe('commitments.year_invalid');
    expect((await sec.get(`/api/commitments/compare?unitId=${A}&sort=phone`)).statusCode).toBe(400);
    // The county sees both villages.
    expect((await w.as.countyAdmin.get(`/api/commitments/compare?unitId=${w.units.county}`)).json().total).toBe(3);
  });

  it('the comparison needs points.read on the unit', async () => {
    expect((await w.as.resident.get(`/api/commitments/compare?unitId=${w.units.villageA}`)).statusCode).toBe(403);
    expect((await member.get(`/api/commitments/compare?unitId=${w.units.villageA}`)).statusCode).toBe(403);
    expect((await w.as.secretaryB.get(`/api/commitments/compare?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    expect((await w.as.secretaryB.get(`/api/commitments/compare/export?unitId=${w.units.villageA}`)).statusCode).toBe(404);
  });

  it('exports the comparison as a workbook', async () => {
    const res = await w.as.secretaryA.get(`/api/commitments/compare/export?unitId=${w.units.villageA}&sort=bonus`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('东庄村');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe(`${year} 比作风比贡献`);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['姓名', '所在组织', '基础分', '扣分', '违反“十不为”(次)', '加分', '完成服务任务(次)', '积分', '一票否决', '已亮诺', '承诺事项', '践诺进展(条)', '星数', '点亮的星']);
    const first = (ws.getRow(2).values as unknown[]).slice(1);
    expect(first).toEqual(['张三', '东庄村党支部', 1, 3, 1, 4, 1, 2, '', '是', REVISED, 1, 2, '为民服务、敬业奉献']);
    expect(ws.rowCount).toBe(3);
  });
});
