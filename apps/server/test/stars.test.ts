// The five-star evaluation through its API, on both databases: the scheme in force (default, a
// village's own, inherited by its branch), refused schemes with field errors in the user's
// language, the preview against a ledger built by hand, disqualifiers and reversals, 点亮一颗星,
// scope, stars on the board and the member's record, the Excel export and the holiday calendar.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STAR_SCHEME, type StarScheme } from '@xianfeng/domain';
import { DATABASES, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';
import { evaluateMember } from '../src/modules/stars/compute.ts';

/** A fixed clock: the ledger below is dated in 2026 and must never be "in the future". */
const NOW = new Date('2026-11-16T04:00:00.000Z');
const PERIOD = '2026';

describe.each(DATABASES)('five stars (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let member: Client;
  let rules: Record<string, number>;
  const extra: Record<'one' | 'veto' | 'dues', number> = { one: 0, veto: 0, dues: 0 };
  const entries: Record<string, number> = {};

  const book = async (memberId: number, code: string, occurredOn: string, points?: number) => {
    const res = await w.as.secretaryA.post('/api/points/entries', { memberId, ruleId: rules[code], occurredOn, points, reason: `测试 ${code}` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const preview = async (query = '') => {
    const res = await w.as.secretaryA.get(`/api/stars/preview?unitId=${w.units.villageA}&period=${PERIOD}${query.includes('pageSize') ? '' : '&pageSize=50'}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const row = (p: { items: Array<{ memberId: number }> }, id: number) => p.items.find((i) => i.memberId === id) as unknown as {
    stars: string[]; starCount: number; disqualified: Array<{ kind: string; ruleCode?: string; ruleName?: string }>;
    dimensions: Array<{ code: string; name: string; points: number; entries: number; minPoints: number; minEntries: number; met: boolean }>;
  };
  const withCriterion = (code: string, patch: Partial<StarScheme['dimensions'][number]['criterion']>): StarScheme => ({
    ...DEFAULT_STAR_SCHEME,
    dimensions: DEFAULT_STAR_SCHEME.dimensions.map((d) => (d.code === code ? { ...d, criterion: { ...d.criterion, ...patch } } : d)),
  });

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => NOW });
    w = await buildWorld(env);
    const db = env.deps.database.db;
    await db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    member = await login(env.app, w.users.memberA.username);
    expect((await w.as.secretaryA.post('/api/points/rules/adopt', { unitId: w.units.villageA })).statusCode).toBe(200);
    const list = await w.as.secretaryA.get(`/api/points/rules?unitId=${w.units.branchA}`);
    rules = Object.fromEntries(list.json().items.map((r: { code: string; id: number }) => [r.code, r.id]));
    for (const [key, name] of [['one', '王一'], ['veto', '王二'], ['dues', '王三']] as const) {
      const m = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name }) });
      expect(m.statusCode, m.body).toBe(201);
      extra[key] = m.json().id;
    }
    // 张三: 30 points of commendations (excellence, innovation), 6 of flood duty (breakthrough 6/10),
    // three days of volunteering (service 6/14 in 3 of 4 awards).
    await book(w.members.a, 'JF06', '2026-03-10', 20);
    await book(w.members.a, 'JF06', '2026-05-10', 10);
    await book(w.members.a, 'JF01', '2026-07-01', 6);
    for (const day of ['2026-07-02', '2026-07-03', '2026-07-04']) await book(w.members.a, 'JF02', day);
    // 王一: three suggestions adopted (innovation 6/6).
    for (const day of ['2026-02-01', '2026-03-01', '2026-04-01']) await book(extra.one, 'JF05', day);
    // 王二 and 王三: commendations worth two stars, then a veto and late dues.
    for (const id of [extra.veto, extra.dues]) {
      await book(id, 'JF06', '2026-03-10', 20);
      await book(id, 'JF06', '2026-06-10', 15);
    }
    entries.veto = await book(extra.veto, 'FJ01', '2026-08-01');
    entries.dues = await book(extra.dues, 'KF02', '2026-08-01');
  });
  afterAll(() => env?.close());

  it('without any scheme of its own, a branch is evaluated on the shipped default', async () => {
    const res = await w.as.secretaryA.get(`/api/stars/scheme?unitId=${w.units.branchA}&period=${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitId: w.units.branchA, period: PERIOD, source: 'default', from: null, canEdit: true, scheme: DEFAULT_STAR_SCHEME });
    expect(res.json().rules.map((r: { code: string }) => r.code)).toContain('JF06');
  });

  it('the preview matches the hand-built ledger: points, thresholds, stars and the counts per number of stars', async () => {
    const p = await preview();
    expect(p.dimensions.map((d: { name: string }) => d.name)).toEqual(['争先创优', '为民服务', '敬业奉献', '创新突破', '业务攻坚']);
    expect(p.total).toBe(4);
    const zhang = row(p, w.members.a);
    expect(zhang.stars).toEqual(['excellence', 'innovation']);
    expect(zhang.starCount).toBe(2);
    expect(zhang.disqualified).toEqual([]);
    const dim = (code: string) => zhang.dimensions.find((d) => d.code === code);
    expect(dim('excellence')).toMatchObject({ name: '争先创优', points: 30, minPoints: 28, met: true });
    expect(dim('service')).toMatchObject({ points: 6, entries: 3, minPoints: 14, minEntries: 4, met: false });
    expect(dim('breakthrough')).toMatchObject({ points: 6, minPoints: 10, met: false });
    expect(dim('dedication')).toMatchObject({ points: 0, entries: 0, met: false });
    expect(row(p, extra.one).stars).toEqual(['innovation']);
    // Two with no star (both disqualified), one with one, one with two.
    expect(p.distribution).toEqual({ byStars: [2, 1, 1, 0, 0, 0], disqualified: 2, total: 4 });
  });

  it('a veto and a KF02 deduction keep every star dark, and say why', async () => {
    const p = await preview();
    expect(row(p, extra.veto)).toMatchObject({ stars: [], disqualified: [{ kind: 'veto' }] });
    expect(row(p, extra.veto).dimensions.find((d) => d.code === 'excellence')!.met).toBe(true);
    expect(row(p, extra.dues)).toMatchObject({ stars: [], disqualified: [{ kind: 'rule_present', ruleCode: 'KF02', ruleName: '未按时交纳党费' }] });
    const none = await preview('&stars=0');
    expect(none.items.map((i: { memberId: number }) => i.memberId).sort()).toEqual([extra.veto, extra.dues].sort());
    expect(none.total).toBe(2);
    expect(none.distribution.total).toBe(4);
    const two = await preview('&stars=2&pageSize=1');
    expect(two).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(two.items[0].name).toBe('张三');
  });

  it('a reversed deduction no longer disqualifies', async () => {
    const res = await w.as.secretaryA.post(`/api/points/entries/${entries.dues}/reverse`, { reason: '党费已补交，系误记' });
    expect(res.statusCode, res.body).toBe(201);
    const p = await preview();
    expect(row(p, extra.dues)).toMatchObject({ stars: ['excellence', 'innovation'], disqualified: [] });
    expect(p.distribution.byStars).toEqual([1, 1, 2, 0, 0, 0]);
    const e = await evaluateMember(env.deps.database.db, extra.dues, PERIOD);
    expect(e?.stars).toEqual(['excellence', 'innovation']);
  });

  it('点亮一颗星: the member sees the star closest to lighting, what is missing and which rules earn it', async () => {
    const res = await member.get('/api/stars/my');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine).toMatchObject({ member: { id: w.members.a, name: '张三' }, period: PERIOD, awarded: [] });
    expect(mine.evaluation.stars).toEqual(['excellence', 'innovation']);
    // breakthrough misses 4 of 10 (40 %); service 8 of 14 (57 %); dedication everything.
    expect(mine.closest).toMatchObject({ code: 'breakthrough', name: '业务攻坚', missingPoints: 4, missingEntries: 0, evidenceRequired: true });
    expect(mine.closest.rules.map((r: { code: string }) => r.code)).toEqual(['JF01', 'JF04']);
    expect(mine.closest.rules[0]).toMatchObject({ name: '防汛抢险值守', pointsMin: 3, pointsMax: 10 });
    // The secretary sees the same on the member's page.
    const bySecretary = await w.as.secretaryA.get(`/api/stars/members/${w.members.a}`);
    expect(bySecretary.json().closest).toEqual(mine.closest);
    // Four more points of flood duty light it; service is next, one award and 8 points short.
    await book(w.members.a, 'JF01', '2026-07-20', 4);
    const after = (await member.get(`/api/stars/my?period=${PERIOD}`)).json();
    expect(after.evaluation.stars).toEqual(['excellence', 'innovation', 'breakthrough']);
    expect(after.closest).toMatchObject({ code: 'service', missingPoints: 8, missingEntries: 1 });
    expect(after.closest.rules.map((r: { code: string }) => r.code)).toEqual(['JC07', 'JF02', 'JF03']);
    // Another year's ledger is empty.
    const last = (await member.get('/api/stars/my?period=2025')).json();
    expect(last.evaluation.stars).toEqual([]);
  });

  it('a village sets its own scheme, its branch inherits it, and removing it brings back the default', async () => {
    const raised = withCriterion('excellence', { minPoints: 40 });
    const put = await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: PERIOD, scheme: raised });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ source: 'own', from: { id: w.units.villageA, name: '东庄村' }, updatedBy: w.users.secretaryA.username });
    expect(put.json().scheme.dimensions[0].criterion.minPoints).toBe(40);
    const branch = await w.as.secretaryA.get(`/api/stars/scheme?unitId=${w.units.branchA}&period=${PERIOD}`);
    expect(branch.json()).toMatchObject({ source: 'inherited', from: { id: w.units.villageA, code: 'C01A' } });
    // 张三's 30 points no longer light 争先创优.
    expect(row(await preview(), w.members.a).stars).toEqual(['innovation', 'breakthrough']);
    // The neighbouring village is not affected; its secretary cannot touch village A's scheme.
    const b = await w.as.secretaryB.get(`/api/stars/scheme?unitId=${w.units.villageB}&period=${PERIOD}`);
    expect(b.json().source).toBe('default');
    // Another period is not affected either.
    expect((await w.as.secretaryA.get(`/api/stars/scheme?unitId=${w.units.villageA}&period=2027`)).json().source).toBe('default');
    const audit = await w.as.admin.get('/api/audit?action=stars.scheme.create');
    expect(audit.json().items[0].after.dimensions[0].criterion.minPoints).toBe(40);

    const removed = await w.as.secretaryA.request('DELETE', `/api/stars/scheme?unitId=${w.units.villageA}&period=${PERIOD}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().source).toBe('default');
    expect(row(await preview(), w.members.a).stars).toEqual(['excellence', 'innovation', 'breakthrough']);
    expect((await w.as.admin.get('/api/audit?action=stars.scheme.delete')).json().items).toHaveLength(1);
  });

  it('a lower unit’s own scheme wins over its ancestor’s', async () => {
    await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: PERIOD, scheme: withCriterion('excellence', { minPoints: 40 }) });
    const own = await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.branchA, period: PERIOD, scheme: withCriterion('excellence', { minPoints: 20 }) });
    expect(own.json().source).toBe('own');
    expect(row(await preview(), w.members.a).stars).toContain('excellence');
    await w.as.secretaryA.request('DELETE', `/api/stars/scheme?unitId=${w.units.branchA}&period=${PERIOD}`);
    expect(row(await preview(), w.members.a).stars).not.toContain('excellence');
    await w.as.secretaryA.request('DELETE', `/api/stars/scheme?unitId=${w.units.villageA}&period=${PERIOD}`);
  });

  it('refuses a bad scheme with an error for each field, in the user’s language, and saves nothing', async () => {
    const bad: StarScheme = {
      dimensions: DEFAULT_STAR_SCHEME.dimensions.map((d, i) =>
        i === 0 ? { ...d, name: ' ', criterion: { ...d.criterion, minPoints: -1 } }
        : i === 1 ? { ...d, criterion: { ...d.criterion, ruleCodes: ['ZZ99'] } }
        : i === 3 ? { ...d, criterion: { ...d.criterion, accounts: ['bonus'], ruleCodes: ['JC01'] } }
        : d,
      ),
      disqualifiers: [{ kind: 'rule_short', ruleCode: 'JC04', minEntries: 0 }, { kind: 'rule_present', ruleCode: 'NOPE' }],
    };
    const res = await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: PERIOD, scheme: bad });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as Array<{ field: string; code: string; message: string }>;
    expect(details.map((d) => `${d.field} ${d.code}`).sort()).toEqual([
      'scheme.dimensions.0.criterion stars.threshold_invalid',
      'scheme.dimensions.0.name stars.name_required',
      'scheme.dimensions.1.criterion.ruleCodes.0 stars.rule_unknown',
      'scheme.dimensions.3.criterion.ruleCodes.0 stars.rule_wrong_account',
      'scheme.disqualifiers.0 stars.threshold_invalid',
      'scheme.disqualifiers.1.ruleCode stars.rule_unknown',
    ]);
    expect(details.find((d) => d.code === 'stars.rule_unknown')!.message).toContain('ZZ99');
    expect(details.find((d) => d.code === 'stars.name_required')!.message).toBe('请填写维度名称');
    const en = await login(env.app, w.users.secretaryA.username, undefined, 'en');
    const inEnglish = await en.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: PERIOD, scheme: bad });
    expect(inEnglish.json().error.details.find((d: { code: string }) => d.code === 'stars.name_required').message).toBe('Please name the dimension.');
    // Four dimensions; a malformed one (zod) is refused as well.
    const four = await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: PERIOD, scheme: { ...DEFAULT_STAR_SCHEME, dimensions: DEFAULT_STAR_SCHEME.dimensions.slice(1) } });
    expect(four.json().error.details).toEqual([expect.objectContaining({ field: 'scheme.dimensions', code: 'stars.scheme_dimensions' })]);
    const malformed = await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: '2026-Q9', scheme: { dimensions: [{ code: 'luck' }], disqualifiers: [] } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.map((d: { field: string }) => d.field)).toContain('period');
    // Rule codes are matched regardless of case and stored as the rules spell them.
    const lower = await w.as.secretaryA.request('PUT', '/api/stars/scheme', { unitId: w.units.villageA, period: '2027', scheme: withCriterion('service', { ruleCodes: ['jf02'] }) });
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json().scheme.dimensions[1].criterion.ruleCodes).toEqual(['JF02']);
    await w.as.secretaryA.request('DELETE', `/api/stars/scheme?unitId=${w.units.villageA}&period=2027`);
    expect((await w.as.secretaryA.get(`/api/stars/scheme?unitId=${w.units.villageA}&period=${PERIOD}`)).json().source).toBe('default');
  });

  it('the neighbouring village’s secretary gets 404 for everything of village A; a resident 403; a member reads only their own', async () => {
    const A = w.units.villageA;
    for (const url of [`/api/stars/scheme?unitId=${A}&period=${PERIOD}`, `/api/stars/preview?unitId=${A}&period=${PERIOD}`, `/api/stars/preview/export?unitId=${A}&period=${PERIOD}`, `/api/stars/members/${w.members.a}`]) {
      expect((await w.as.secretaryB.get(url)).statusCode, url).toBe(404);
      expect((await w.as.resident.get(url)).statusCode, url).toBe(403);
      expect((await member.get(url)).statusCode, url).toBe(403);
    }
    const put = await w.as.secretaryB.request('PUT', '/api/stars/scheme', { unitId: A, period: PERIOD, scheme: DEFAULT_STAR_SCHEME });
    expect(put.statusCode).toBe(404);
    expect((await w.as.secretaryB.request('DELETE', `/api/stars/scheme?unitId=${A}&period=${PERIOD}`)).statusCode).toBe(404);
    // Not found and not yours look the same.
    expect((await w.as.secretaryB.get(`/api/stars/members/${w.members.a}`)).json()).toEqual((await w.as.secretaryB.get('/api/stars/members/999999')).json());
    const resident = await w.as.resident.get('/api/stars/my');
    expect(resident.statusCode).toBe(422);
    expect(resident.json().error.code).toBe('points.not_a_member');
  });

  it('exports the whole subtree’s preview as .xlsx', async () => {
    const file = await w.as.secretaryA.get(`/api/stars/preview/export?unitId=${w.units.villageA}&period=${PERIOD}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('东庄村2026星级预览');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(rows[0].slice(0, 4)).toEqual(['姓名', '所在组织', '星数', '点亮的星']);
    expect(rows).toHaveLength(5);
    const zhang = rows.find((r) => r[0] === '张三')!;
    expect(zhang.slice(1, 4)).toEqual(['东庄村党支部', 3, '争先创优、创新突破、业务攻坚']);
    expect(rows.find((r) => r[0] === '王二')!.at(-1)).toBe('一票否决');
  });

  it('final stars show on the pioneer board and the member’s record once a campaign has awarded them', async () => {
    const db = env.deps.database.db;
    const boardStars = async () => (await w.as.secretaryA.get(`/api/points/board?unitId=${w.units.villageA}&period=${PERIOD}`)).json().items as Array<{ memberId: number; stars: string[] | null }>;
    expect((await boardStars()).find((i) => i.memberId === w.members.a)!.stars).toBeNull();
    const now = NOW.toISOString();
    const campaign = await db.insertInto('campaign').values({ unit_id: w.units.town, kind: 'five_star', period: PERIOD, title: '2026年度五星党员评定', status: 'closed', notice_days: 5, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const candidate = await db
      .insertInto('candidate')
      .values({ campaign_id: campaign.id, category: 'five_star', member_id: w.members.a, subject_key: `m:${w.members.a}`, home_unit_id: w.units.branchA, state: 'final', nomination: '', stars_computed: '', stars_claimed: '', stars_recommended: '', stars_decided: 'excellence|innovation', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('member_star').values({ member_id: w.members.a, period: PERIOD, stars: 'excellence|innovation', star_count: 2, candidate_id: candidate.id, awarded_at: now }).execute();
    const items = await boardStars();
    expect(items.find((i) => i.memberId === w.members.a)!.stars).toEqual(['excellence', 'innovation']);
    expect(items.filter((i) => i.memberId !== w.members.a).every((i) => i.stars === null)).toBe(true);
    const record = await w.as.secretaryA.get(`/api/members/${w.members.a}`);
    expect(record.json().stars).toEqual({ period: PERIOD, stars: ['excellence', 'innovation'], starCount: 2, awardedAt: now });
    expect((await w.as.secretaryA.get(`/api/members/${extra.one}`)).json().stars).toBeNull();
    expect((await member.get('/api/stars/my')).json().awarded).toEqual([{ period: PERIOD, stars: ['excellence', 'innovation'], starCount: 2, awardedAt: now }]);
  });

  it('the holiday calendar: anyone reads it, only a system administrator sets a year, and every change is audited', async () => {
    const cal = await member.get('/api/stars/calendar?year=2026');
    expect(cal.statusCode, cal.body).toBe(200);
    expect(cal.json().holidays.map((d: { day: string }) => d.day)).toContain('2026-10-01');
    expect(cal.json().workdays).toContainEqual({ day: '2026-10-10', note: '调休上班' });
    expect(cal.json().canEdit).toBe(false);
    const year2027 = { year: 2027, holidays: [{ day: '2027-10-01', note: '国庆节' }, { day: '2027-10-04' }], workdays: [{ day: '2027-10-09' }] };
    expect((await w.as.secretaryA.request('PUT', '/api/stars/calendar', year2027)).statusCode).toBe(403);
    const byCounty = await w.as.countyAdmin.request('PUT', '/api/stars/calendar', year2027);
    expect(byCounty.statusCode).toBe(403);
    expect(byCounty.json().error.code).toBe('stars.admin_only');
    expect((await w.as.resident.request('PUT', '/api/stars/calendar', year2027)).statusCode).toBe(403);
    const bad = await w.as.admin.request('PUT', '/api/stars/calendar', { year: 2027, holidays: [{ day: '2026-10-01' }, { day: '2027-02-30' }, { day: '2027-10-09' }], workdays: [{ day: '2027-10-11' }, { day: '2027-10-09' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string; code: string }) => `${d.field} ${d.code}`)).toEqual([
      'holidays.0.day stars.calendar_outside_year',
      'holidays.1.day date.invalid',
      'workdays.0.day stars.calendar_workday_weekday',
      'workdays.1.day stars.calendar_day_twice',
    ]);
    const ok = await w.as.admin.request('PUT', '/api/stars/calendar', year2027);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2027, canEdit: true, holidays: [{ day: '2027-10-01', note: '国庆节' }, { day: '2027-10-04', note: '法定节假日' }], workdays: [{ day: '2027-10-09', note: '调休上班' }] });
    // 2026 is untouched.
    expect((await member.get('/api/stars/calendar?year=2026')).json().holidays).toHaveLength(cal.json().holidays.length);
    const audit = await w.as.admin.get('/api/audit?action=stars.calendar.update');
    expect(audit.json().items[0]).toMatchObject({ entityId: '2027', after: { holidays: ['2027-10-01', '2027-10-04'], workdays: ['2027-10-09'] } });
  });
});
