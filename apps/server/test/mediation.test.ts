// People's mediation (金牌和事佬) through the API on both databases: village A's secretary keeps a
// pool of mediators chosen from members, registers a dispute, records each mediator's declaration
// of (no) conflict of interest and assigns only a mediator who declared none and shares no name or
// phone with a party; the case goes 受理 → 调解中 → 达成协议 / 调解不成 → 回访 → 结案 with sessions,
// and its agreement prints as a PDF. Case details reach only the assigned mediators and the
// supervisors above the village — never another mediator, the neighbouring village or a resident —
// and every view is audited; the figures carry no names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text.ts';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';

const START = Date.parse('2026-06-01T02:00:00.000Z');
/** Sessions last 12 hours: the agreement is reached the evening of the day the case was registered. */
const LATER = 10 * 3_600_000;

const PARTIES = [
  { role: 'applicant', name: '刘大山', relation: '邻居', address: '东庄村二组 5 号', phone: '139 0013 9001' },
  { role: 'respondent', name: '陈小河', relation: '邻居', address: '东庄村二组 6 号', phone: '13900139002' },
];

describe.each(DATABASES)('mediation (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = START;
  /** Mediators of village A (members of branch A, each with a login linked to their member record) and one of village B. */
  const m = {} as Record<'zhang' | 'wang' | 'liu' | 'phoneTwin' | 'b', { memberId: number; client: Client; mediatorId: number }>;
  const A = () => w.units.villageA;

  async function mediatorMember(key: keyof typeof m, name: string, mobile: string, branch: number) {
    const res = await w.as.admin.post('/api/members', { unitId: branch, ...person({ name, mobile }) });
    expect(res.statusCode, res.body).toBe(201);
    const memberId = res.json().id as number;
    const user = await factories(env).user('member', branch, `mediator_${key}`);
    await env.deps.database.db.updateTable('app_user').set({ member_id: memberId }).where('id', '=', user.id).execute();
    m[key] = { memberId, client: await login(env.app, user.username), mediatorId: 0 };
  }

  async function register(as: Client = w.as.secretaryA, over: Record<string, unknown> = {}) {
    return as.post('/api/mediation/cases', { unitId: A(), type: 'neighbour', summary: '两家因宅基地间排水沟堵塞发生争执，多次口角。', parties: PARTIES, ...over });
  }

  async function newCase() {
    const res = await register();
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }

  async function declareAndAssign(caseId: number, mediatorId: number) {
    const d = await w.as.secretaryA.post(`/api/mediation/cases/${caseId}/declarations`, { mediatorId, conflict: false, statement: '本人与各方当事人无亲属关系、无利害关系' });
    expect(d.statusCode, d.body).toBe(200);
    const a = await w.as.secretaryA.post(`/api/mediation/cases/${caseId}/assign`, { mediatorId });
    expect(a.statusCode, a.body).toBe(200);
    return a.json();
  }

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    await mediatorMember('zhang', '张调解', '13700137001', w.units.branchA);
    await mediatorMember('wang', '王调解', '13700137002', w.units.branchA);
    // Namesake of a party, and a member whose phone is a party's: both must be refused.
    await mediatorMember('liu', '刘大山', '13700137003', w.units.branchA);
    await mediatorMember('phoneTwin', '赵调解', '13900139002', w.units.branchA);
    await mediatorMember('b', '孙调解', '13700137005', w.units.branchB);
  });
  afterAll(() => env?.close());

  describe('the mediator pool', () => {
    it('village A’s secretary chooses members of the village as mediators, with specialties and the area they cover', async () => {
      for (const key of ['zhang', 'wang', 'liu', 'phoneTwin'] as const) {
        const res = await w.as.secretaryA.post('/api/mediation/mediators', { unitId: A(), memberId: m[key].memberId, specialties: ['邻里纠纷', '土地纠纷'], areaUnitIds: [A()] });
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ status: 'active', specialties: ['邻里纠纷', '土地纠纷'], areas: [{ id: A(), name: '东庄村' }], openCases: 0 });
        expect(res.json().phoneMasked).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
        m[key].mediatorId = res.json().id;
      }
      const b = await w.as.secretaryB.post('/api/mediation/mediators', { unitId: w.units.villageB, memberId: m.b.memberId, areaUnitIds: [w.units.villageB] });
      expect(b.statusCode, b.body).toBe(201);
      m.b.mediatorId = b.json().id;
      const list = await w.as.secretaryA.get(`/api/mediation/mediators?unitId=${A()}`);
      expect(list.json().items.map((x: { name: string }) => x.name).sort()).toEqual(['刘大山', '张调解', '王调解', '赵调解'].sort());
    });

    it('a member is in the pool once; a member of the neighbouring village or outside one’s unit cannot be chosen', async () => {
      const again = await w.as.secretaryA.post('/api/mediation/mediators', { unitId: A(), memberId: m.zhang.memberId, areaUnitIds: [A()] });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('mediation.mediator_exists');
      const neighbour = await w.as.secretaryA.post('/api/mediation/mediators', { unitId: A(), memberId: w.members.b, areaUnitIds: [A()] });
      expect(neighbour.statusCode).toBe(404);
      const byB = await w.as.adminB.post('/api/mediation/mediators', { unitId: w.units.villageB, memberId: w.members.a, areaUnitIds: [w.units.villageB] });
      expect(byB.statusCode).toBe(404);
      const noArea = await w.as.secretaryA.post('/api/mediation/mediators', { unitId: A(), memberId: w.members.a, areaUnitIds: [] });
      expect(noArea.statusCode).toBe(400);
      expect(noArea.json().error.details[0].message).toBe('请选择调解员负责的区域');
      expect((await w.as.memberA.post('/api/mediation/mediators', { unitId: A(), memberId: w.members.a, areaUnitIds: [A()] })).statusCode).toBe(403);
      expect((await w.as.resident.get(`/api/mediation/mediators?unitId=${A()}`)).statusCode).toBe(403);
      expect((await w.as.secretaryB.get(`/api/mediation/mediators?unitId=${A()}`)).statusCode).toBe(404);
    });

    it('only mediators covering the case’s village are offered for it', async () => {
      const covering = await w.as.countyAdmin.get(`/api/mediation/mediators?unitId=${w.units.county}&covers=${w.units.villageB}`);
      expect(covering.json().items.map((x: { name: string }) => x.name)).toEqual(['孙调解']);
    });
  });

  describe('registering a case', () => {
    it('the secretary registers a dispute: a number of the village committee, parties with phones masked', async () => {
      const res = await register();
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c.number).toMatch(/^（2026）东庄调字第 \d+ 号$/);
      expect(c.status).toBe('accepted');
      expect(c.parties.map((p: { name: string }) => p.name)).toEqual(['刘大山', '陈小河']);
      expect(c.parties[0].phoneMasked).toBe('139****9001');
      expect(res.body).not.toContain('13900139001');
      expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['register']);
      // At rest the phone is ciphertext.
      const stored = await env.deps.database.db.selectFrom('mediation_party').select(['phone_enc']).where('case_id', '=', c.id).orderBy('seq').executeTakeFirstOrThrow();
      expect(stored.phone_enc).not.toContain('139');
      // The supervisor may see it in full when needed, and that is audited.
      const phone = await w.as.secretaryA.post(`/api/mediation/cases/${c.id}/parties/${c.parties[0].id}/phone`);
      expect(phone.json().phone).toBe('13900139001');
    });

    it('someone without the role is told so, in their language; nothing is written', async () => {
      const before = await env.deps.database.db.selectFrom('mediation_case').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const member = await register(w.as.memberA);
      expect(member.statusCode).toBe(403);
      expect(member.json().error).toMatchObject({ code: 'mediation.no_role', message: '您没有登记调解案件的权限（须为本村或上级的书记、组织管理员）' });
      expect((await register(w.as.resident)).json().error.code).toBe('mediation.no_role');
      expect((await register(w.as.adminB)).statusCode).toBe(404);
      const after = await env.deps.database.db.selectFrom('mediation_case').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('bad input gets clear errors: one party, a bad phone, a branch instead of a village', async () => {
      const one = await register(w.as.secretaryA, { parties: [PARTIES[0]] });
      expect(one.statusCode).toBe(400);
      expect(one.json().error.details[0]).toMatchObject({ field: 'parties', code: 'mediation.parties_count', message: '纠纷须至少有两方当事人，最多 10 人' });
      const phone = await register(w.as.secretaryA, { parties: [PARTIES[0], { ...PARTIES[1], phone: '12345' }] });
      expect(phone.statusCode).toBe(400);
      expect(phone.json().error.details[0].field).toBe('parties.1.phone');
      const branch = await register(w.as.secretaryA, { unitId: w.units.branchA });
      expect(branch.statusCode).toBe(400);
      expect(branch.json().error.details[0].code).toBe('mediation.not_village');
      const en = await login(env.app, w.users.secretaryA.username, undefined, 'en');
      const enOne = await register(en, { parties: [PARTIES[0]] });
      expect(enOne.json().error.details[0].message).toBe('A dispute needs at least two parties, and at most 10.');
    });
  });

  describe('declaration and assignment', () => {
    it('a mediator must declare before assignment; a declared conflict cannot be assigned', async () => {
      const id = await newCase();
      const none = await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.wang.mediatorId });
      expect(none.statusCode).toBe(422);
      expect(none.json().error.code).toBe('mediation.declaration_missing');
      const d = await w.as.secretaryA.post(`/api/mediation/cases/${id}/declarations`, { mediatorId: m.wang.mediatorId, conflict: true, statement: '陈小河系本人表弟' });
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json().declarations[0]).toMatchObject({ mediatorName: '王调解', conflict: true, statement: '陈小河系本人表弟' });
      expect(d.json().declarations[0].declaredAt).toBe(new Date(clock).toISOString());
      const refused = await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.wang.mediatorId });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toBe('该调解员已声明与当事人存在利害关系，不能指派');
      const short = await w.as.secretaryA.post(`/api/mediation/cases/${id}/declarations`, { mediatorId: m.wang.mediatorId, conflict: false, statement: '无' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details[0].code).toBe('mediation.statement_required');
    });

    it('whatever is declared, a mediator sharing a party’s name or phone is refused, and told which party', async () => {
      const id = await newCase();
      for (const key of ['liu', 'phoneTwin'] as const) {
        await w.as.secretaryA.post(`/api/mediation/cases/${id}/declarations`, { mediatorId: m[key].mediatorId, conflict: false, statement: '本人与当事人无利害关系' });
      }
      const byName = await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.liu.mediatorId });
      expect(byName.statusCode).toBe(422);
      expect(byName.json().error.message).toBe('该调解员与当事人“刘大山”的姓名相同，视为当事人或其关系人，不能指派');
      const byPhone = await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.phoneTwin.mediatorId });
      expect(byPhone.statusCode).toBe(422);
      expect(byPhone.json().error).toMatchObject({ code: 'mediation.conflict_phone', message: '该调解员与当事人“陈小河”的手机号相同，视为当事人或其关系人，不能指派' });
      const assigned = await env.deps.database.db.selectFrom('mediation_assignment').selectAll().where('case_id', '=', id).execute();
      expect(assigned).toEqual([]);
    });

    it('a mediator of the neighbouring village’s pool is not found; one assigned twice is told so', async () => {
      const id = await newCase();
      expect((await w.as.secretaryA.post(`/api/mediation/cases/${id}/declarations`, { mediatorId: m.b.mediatorId, conflict: false, statement: '本人与当事人无利害关系' })).statusCode).toBe(404);
      await declareAndAssign(id, m.zhang.mediatorId);
      const twice = await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.zhang.mediatorId });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('mediation.already_assigned');
      expect((await w.as.adminB.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.b.mediatorId })).statusCode).toBe(404);
    });
  });

  describe('confidentiality', () => {
    let id: number;
    beforeAll(async () => {
      id = await newCase();
      await declareAndAssign(id, m.zhang.mediatorId);
    });

    it('the assigned mediator sees the case in their queue and in full', async () => {
      const mine = await m.zhang.client.get('/api/mediation/cases/mine');
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items.map((c: { id: number }) => c.id)).toContain(id);
      expect(mine.body).not.toContain('刘大山');
      expect((await m.zhang.client.get('/api/mediation/cases/mine?status=open')).json().items.map((c: { id: number }) => c.id)).toContain(id);
      expect((await m.zhang.client.get('/api/mediation/cases/mine?status=closed')).json().items.map((c: { id: number }) => c.id)).not.toContain(id);
      const one = await m.zhang.client.get(`/api/mediation/cases/${id}`);
      expect(one.statusCode).toBe(200);
      expect(one.json().you).toEqual({ supervisor: false, mediator: true, actions: ['start', 'agree', 'fail', 'visit'], staffing: [] });
    });

    it('another mediator of the same pool cannot see it, nor reveal a phone, nor act on it — the same answer as a case that does not exist', async () => {
      const other = await m.wang.client.get(`/api/mediation/cases/${id}`);
      const missing = await m.wang.client.get('/api/mediation/cases/999999');
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual(missing.json());
      expect((await m.wang.client.get('/api/mediation/cases/mine')).json().items.map((c: { id: number }) => c.id)).not.toContain(id);
      expect((await m.wang.client.post(`/api/mediation/cases/${id}/start`)).statusCode).toBe(404);
      expect((await m.wang.client.get(`/api/mediation/cases/${id}/agreement.pdf`)).statusCode).toBe(404);
      const party = (await w.as.secretaryA.get(`/api/mediation/cases/${id}`)).json().parties[0].id;
      expect((await m.wang.client.post(`/api/mediation/cases/${id}/parties/${party}/phone`)).statusCode).toBe(404);
    });

    it('the neighbouring village, a resident and a plain member are refused; the county above supervises', async () => {
      for (const c of [w.as.secretaryB, w.as.adminB, w.as.resident, w.as.memberA, m.b.client]) {
        expect((await c.get(`/api/mediation/cases/${id}`)).statusCode, c.username).toBe(404);
        expect((await c.post(`/api/mediation/cases/${id}/sessions`, { heldOn: '2026-06-01', place: '村委会', attendees: 'x', notes: 'x' })).statusCode).toBe(404);
      }
      expect((await w.as.secretaryB.get('/api/mediation/cases')).json().items).toEqual([]);
      expect((await w.as.resident.get('/api/mediation/cases')).statusCode).toBe(403);
      const county = await w.as.countyAdmin.get(`/api/mediation/cases/${id}`);
      expect(county.statusCode).toBe(200);
      expect(county.json().you.supervisor).toBe(true);
    });

    it('lists carry no party names and no summary', async () => {
      const list = await w.as.secretaryA.get(`/api/mediation/cases?unitId=${A()}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.length).toBeGreaterThan(0);
      expect(list.body).not.toContain('刘大山');
      expect(list.body).not.toContain('排水沟');
    });

    it('every view of the case is audited, with who looked', async () => {
      const count = async () => (await env.deps.database.db.selectFrom('audit_log').select(['actor_user_id']).where('entity_type', '=', 'mediation_case').where('entity_id', '=', String(id)).where('action', '=', 'mediation.view').execute()).length;
      const before = await count();
      await m.zhang.client.get(`/api/mediation/cases/${id}`);
      await w.as.countyAdmin.get(`/api/mediation/cases/${id}`);
      expect(await count()).toBe(before + 2);
    });

    it('an ended mediator loses the way in', async () => {
      expect((await w.as.secretaryA.patch(`/api/mediation/mediators/${m.zhang.mediatorId}`, { status: 'ended' })).json().status).toBe('ended');
      expect((await m.zhang.client.get(`/api/mediation/cases/${id}`)).statusCode).toBe(404);
      expect((await m.zhang.client.get('/api/mediation/cases/mine')).json().mediator).toBeNull();
      expect((await w.as.secretaryA.patch(`/api/mediation/mediators/${m.zhang.mediatorId}`, { status: 'active' })).json().status).toBe('active');
      expect((await m.zhang.client.get(`/api/mediation/cases/${id}`)).statusCode).toBe(200);
    });
  });

  describe('the life of a case', () => {
    const step = (as: Client, id: number, action: string, body: Record<string, unknown> = {}) => as.post(`/api/mediation/cases/${id}/${action}`, body);

    it('受理 → 调解中 → 达成协议 → 回访 → 结案, with sessions, the agreement and its PDF; refused steps say why', async () => {
      const id = await newCase();
      // Not before a mediator is assigned.
      const early = await step(w.as.secretaryA, id, 'start');
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toBe('请先指派调解员，再开始调解');
      await declareAndAssign(id, m.zhang.mediatorId);
      const med = m.zhang.client;
      // Sessions and the agreement wait for mediation to begin.
      expect((await med.post(`/api/mediation/cases/${id}/sessions`, { heldOn: '2026-06-01', place: '东庄村委会', attendees: '双方当事人', notes: '了解情况' })).json().error.code).toBe('mediation.not_in_mediation');
      for (const refused of ['agree', 'visit', 'close']) {
        const r = await step(w.as.secretaryA, id, refused, refused === 'visit' ? { visitOn: '2026-06-01', outcome: '已回访' } : {});
        expect(r.statusCode, refused).toBe(409);
        expect(r.json().error.code).toBe('mediation.not_started');
      }
      expect((await step(w.as.secretaryA, id, 'fail', { referral: 'court' })).json().error.code).toBe('mediation.not_started');
      const started = await step(med, id, 'start', { note: '双方同意调解' });
      expect(started.statusCode, started.body).toBe(200);
      expect(started.json().status).toBe('mediating');
      expect((await step(w.as.secretaryA, id, 'withdraw')).json().error.code).toBe('mediation.in_mediation');

      clock += LATER;
      const future = await med.post(`/api/mediation/cases/${id}/sessions`, { heldOn: '2026-12-31', place: '东庄村委会', attendees: '双方', notes: '调解' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.details[0].code).toBe('mediation.session_in_future');
      const session = await med.post(`/api/mediation/cases/${id}/sessions`, { heldOn: '2026-06-01', place: '东庄村委会调解室', attendees: '刘大山、陈小河、张调解', notes: '双方同意共同清理排水沟' });
      expect(session.statusCode, session.body).toBe(200);
      expect(session.json().sessions).toHaveLength(1);

      const noTerms = await step(med, id, 'agree');
      expect(noTerms.statusCode).toBe(422);
      expect(noTerms.json().error.code).toBe('mediation.terms_required');
      const saved = await med.request('PUT', `/api/mediation/cases/${id}/agreement`, { terms: [' 双方于 6 月 10 日前共同疏通排水沟，费用各半。', '', '今后排水沟由双方轮流清理。'], performance: '2026年6月10日前履行完毕，由东庄村人民调解委员会监督。' });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().terms).toEqual(['双方于 6 月 10 日前共同疏通排水沟，费用各半。', '今后排水沟由双方轮流清理。']);
      expect(saved.json().agreementReady).toBe(true);

      const draft = await med.get(`/api/mediation/cases/${id}/agreement.pdf`);
      expect(draft.statusCode).toBe(200);
      expect(draft.headers['content-type']).toBe('application/pdf');

      const agreed = await step(med, id, 'agree', { note: '当场签署协议' });
      expect(agreed.statusCode, agreed.body).toBe(200);
      expect(agreed.json()).toMatchObject({ status: 'agreed', outcome: 'agreed' });
      // The terms are fixed once agreed.
      expect((await med.request('PUT', `/api/mediation/cases/${id}/agreement`, { terms: ['改'], performance: '改了' })).json().error.code).toBe('mediation.not_in_mediation');
      expect((await step(med, id, 'fail', { referral: 'court' })).json().error.code).toBe('mediation.already_agreed');

      const pdf = await med.get(`/api/mediation/cases/${id}/agreement.pdf`);
      expect(pdf.statusCode).toBe(200);
      const text = await pdfText(pdf.rawPayload);
      const number = agreed.json().number.replace(/\s+/g, '');
      for (const part of ['人民调解协议书', `编号：${number}`, '申请人：刘大山', '被申请人：陈小河', '住址：东庄村二组5号', '纠纷简要情况', '排水沟堵塞', '经调解，自愿达成如下协议', '1.双方于6月10日前共同疏通排水沟，费用各半。', '2.今后排水沟由双方轮流清理。', '履行方式、时限', '2026年6月10日前履行完毕', '申请人（签名、按指印）', '人民调解员（签名）：张调解', '东庄村人民调解委员会（印）', '二〇二六年六月一日']) {
        expect(text, part).toContain(part);
      }
      expect(text).not.toContain('13900139001');

      // A mediator visits; the supervisor closes the file, which the mediator may not.
      const visitFuture = await step(med, id, 'visit', { visitOn: '2027-01-01', outcome: '已履行' });
      expect(visitFuture.json().error.details[0].code).toBe('mediation.visit_in_future');
      const visited = await step(med, id, 'visit', { visitOn: '2026-06-01', outcome: '排水沟已疏通，双方关系缓和' });
      expect(visited.statusCode, visited.body).toBe(200);
      expect(visited.json()).toMatchObject({ status: 'followed_up', visitOn: '2026-06-01', visitOutcome: '排水沟已疏通，双方关系缓和' });
      expect((await step(med, id, 'visit', { visitOn: '2026-06-01', outcome: '再次回访' })).json().error.code).toBe('mediation.already_visited');
      const byMediator = await step(med, id, 'close');
      expect(byMediator.statusCode).toBe(403);
      expect(byMediator.json().error.code).toBe('mediation.not_actor');
      const closed = await step(w.as.secretaryA, id, 'close', { note: '协议已履行' });
      expect(closed.json().status).toBe('closed');
      for (const action of ['start', 'close', 'withdraw']) expect((await step(w.as.secretaryA, id, action)).json().error.code).toBe('mediation.closed');
      expect((await w.as.secretaryA.post(`/api/mediation/cases/${id}/declarations`, { mediatorId: m.wang.mediatorId, conflict: false, statement: '本人无利害关系' })).json().error.code).toBe('mediation.closed');
      // The agreement still prints after closing.
      expect((await w.as.secretaryA.get(`/api/mediation/cases/${id}/agreement.pdf`)).statusCode).toBe(200);
      const timeline = closed.json().timeline.map((e: { action: string }) => e.action);
      expect(timeline).toEqual(['register', 'declare_clear', 'assign', 'start', 'session', 'agree', 'visit', 'close']);
      clock -= LATER;
    });

    it('调解中 → 调解不成 (referred on) → 回访 → 结案; no agreement to print', async () => {
      const id = await newCase();
      await declareAndAssign(id, m.wang.mediatorId);
      await step(m.wang.client, id, 'start');
      const badReferral = await step(m.wang.client, id, 'fail', { referral: 'somewhere' });
      expect(badReferral.statusCode).toBe(400);
      const failed = await step(m.wang.client, id, 'fail', { referral: 'judicial_office', note: '双方分歧较大，引导至司法所' });
      expect(failed.statusCode, failed.body).toBe(200);
      expect(failed.json()).toMatchObject({ status: 'failed', outcome: 'failed', referral: 'judicial_office', referralNote: '双方分歧较大，引导至司法所' });
      expect((await step(m.wang.client, id, 'agree')).json().error.code).toBe('mediation.already_failed');
      const pdf = await m.wang.client.get(`/api/mediation/cases/${id}/agreement.pdf`);
      expect(pdf.statusCode).toBe(422);
      expect(pdf.json().error.code).toBe('mediation.no_agreement');
      expect((await step(w.as.secretaryA, id, 'visit', { visitOn: '2026-06-01', outcome: '已到司法所申请' })).json().status).toBe('followed_up');
      expect((await step(w.as.secretaryA, id, 'close')).json().status).toBe('closed');
    });

    it('受理 → 结案 when the parties withdraw before mediation; only a supervisor records it', async () => {
      const id = await newCase();
      await declareAndAssign(id, m.wang.mediatorId);
      const byMediator = await step(m.wang.client, id, 'withdraw');
      expect(byMediator.statusCode).toBe(403);
      const withdrawn = await step(w.as.secretaryA, id, 'withdraw', { note: '双方已自行和解' });
      expect(withdrawn.json()).toMatchObject({ status: 'closed', outcome: null, closeNote: '双方已自行和解' });
      expect((await step(m.wang.client, id, 'start')).json().error.code).toBe('mediation.closed');
    });

    it('each step writes the timeline and the audit log in one transaction', async () => {
      const id = await newCase();
      await declareAndAssign(id, m.wang.mediatorId);
      await step(m.wang.client, id, 'start');
      const audit = await env.deps.database.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'mediation_case').where('entity_id', '=', String(id)).orderBy('id').execute();
      expect(audit.map((a) => a.action).filter((a) => a !== 'mediation.view')).toEqual(['mediation.register', 'mediation.declare', 'mediation.assign', 'mediation.start']);
    });
  });

  describe('statistics without names', () => {
    it('village A’s figures: by type, by outcome, median days to agreement and agreement rate — no party, no mediator named', async () => {
      const res = await w.as.secretaryA.get(`/api/mediation/stats?unitId=${A()}`);
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json();
      expect(s.total).toBeGreaterThanOrEqual(8);
      expect(s.byType.neighbour).toBe(s.total);
      expect(s.byOutcome.agreed).toBe(1);
      expect(s.byOutcome.failed).toBe(1);
      expect(s.byOutcome.withdrawn).toBe(1);
      expect(s.agreementRate).toBe(0.5);
      expect(s.medianDaysToAgreement).toBe(0.4);
      expect(s.byUnit).toEqual([{ unitId: A(), unitName: '东庄村', cases: s.total, agreed: 1 }]);
      for (const name of ['刘大山', '陈小河', '张调解', '王调解', '排水沟']) expect(res.body).not.toContain(name);
    });

    it('the neighbouring village is not shown village A’s figures; a resident has none', async () => {
      expect((await w.as.secretaryB.get(`/api/mediation/stats?unitId=${A()}`)).statusCode).toBe(404);
      expect((await w.as.secretaryB.get(`/api/mediation/stats?unitId=${w.units.villageB}`)).json().total).toBe(0);
      expect((await w.as.resident.get(`/api/mediation/stats?unitId=${A()}`)).statusCode).toBe(403);
      expect((await w.as.countyAdmin.get(`/api/mediation/stats?unitId=${w.units.county}`)).json().byUnit[0].unitName).toBe('东庄村');
    });
  });

  // After the figures above, so that the cases below (in every state) leave them alone.
  describe('changing who mediates: reassign and unassign', () => {
    const step = (as: Client, id: number, action: string, body: Record<string, unknown> = {}) => as.post(`/api/mediation/cases/${id}/${action}`, body);
    const declare = (id: number, mediatorId: number) =>
      w.as.secretaryA.post(`/api/mediation/cases/${id}/declarations`, { mediatorId, conflict: false, statement: '本人与各方当事人无亲属关系、无利害关系' });
    const reassign = (id: number, fromMediatorId: number, toMediatorId: number, reason = '原调解员外出务工，无法继续调解', as: Client = w.as.secretaryA) =>
      as.post(`/api/mediation/cases/${id}/reassign`, { fromMediatorId, toMediatorId, reason });
    const unassign = (id: number, mediatorId: number, reason = '当事人申请调解员回避', as: Client = w.as.secretaryA) => as.post(`/api/mediation/cases/${id}/unassign`, { mediatorId, reason });
    const assignedIds = async (id: number) => (await env.deps.database.db.selectFrom('mediation_assignment').select('mediator_id').where('case_id', '=', id).orderBy('mediator_id').execute()).map((r) => r.mediator_id);
    /** A mediator kept by the town's pool, covering the whole town; one of village A's pool covering only its branch. */
    const extra = {} as Record<'town' | 'branchOnly', { mediatorId: number; client: Client }>;

    /** A case of village A with 张调解 assigned, taken to `status`. */
    async function caseIn(status: string) {
      const id = await newCase();
      await declareAndAssign(id, m.zhang.mediatorId);
      const as = w.as.secretaryA;
      if (status === 'accepted') return id;
      if (status === 'closed') {
        expect((await step(as, id, 'withdraw', { note: '当事人撤回' })).json().status).toBe('closed');
        return id;
      }
      await step(as, id, 'start');
      if (status === 'mediating') return id;
      if (status === 'failed' || status === 'followed_up') await step(as, id, 'fail', { referral: 'court' });
      else {
        await as.request('PUT', `/api/mediation/cases/${id}/agreement`, { terms: ['双方共同疏通排水沟'], performance: '六月底前完成' });
        await step(as, id, 'agree');
      }
      if (status === 'followed_up') await step(as, id, 'visit', { visitOn: '2026-06-01', outcome: '已转法院' });
      expect((await as.get(`/api/mediation/cases/${id}`)).json().status).toBe(status);
      return id;
    }

    beforeAll(async () => {
      for (const [key, name, mobile, pool, area, as] of [
        ['town', '周镇调', '13700137011', w.units.town, w.units.town, w.as.countyAdmin],
        ['branchOnly', '吴支调', '13700137012', A(), w.units.branchA, w.as.secretaryA],
      ] as const) {
        const res = await w.as.admin.post('/api/members', { unitId: w.units.branchA, ...person({ name, mobile }) });
        expect(res.statusCode, res.body).toBe(201);
        const user = await factories(env).user('member', w.units.branchA, `mediator_${key}`);
        await env.deps.database.db.updateTable('app_user').set({ member_id: res.json().id }).where('id', '=', user.id).execute();
        const added = await as.post('/api/mediation/mediators', { unitId: pool, memberId: res.json().id, areaUnitIds: [area] });
        expect(added.statusCode, added.body).toBe(201);
        extra[key] = { mediatorId: added.json().id, client: await login(env.app, user.username) };
      }
    });

    it('the picker offers every serving mediator whose area contains the village — the town’s pool too — with how busy each is', async () => {
      const id = await caseIn('accepted');
      const res = await w.as.secretaryA.get(`/api/mediation/cases/${id}/candidates`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Array<{ id: number; name: string; unitName: string; openCases: number; assigned: boolean; declaration: { conflict: boolean } | null }>;
      // Village A's pool (area: the village) and the town's (area: the town above it); not the mediator
      // whose area is only a branch below the village, nor village B's.
      expect(items.map((x) => x.name).sort()).toEqual(['刘大山', '周镇调', '张调解', '王调解', '赵调解'].sort());
      const town = items.find((x) => x.name === '周镇调')!;
      expect(town).toMatchObject({ unitName: '中共羊口镇委员会', openCases: 0, assigned: false, declaration: null });
      const zhang = items.find((x) => x.name === '张调解')!;
      expect(zhang).toMatchObject({ assigned: true, declaration: { conflict: false } });
      expect(zhang.openCases).toBeGreaterThan(0);
      // The pool list of the village (mediators it keeps) never held the town's mediator: the picker no longer reads it.
      expect((await w.as.secretaryA.get(`/api/mediation/mediators?unitId=${A()}&covers=${A()}`)).json().items.map((x: { name: string }) => x.name)).not.toContain('周镇调');

      // The server assigns by the same rule: the town's mediator may be, the branch-only one may not.
      expect((await declare(id, extra.town.mediatorId)).statusCode).toBe(200);
      expect((await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: extra.town.mediatorId })).statusCode).toBe(200);
      const branchOnly = await declare(id, extra.branchOnly.mediatorId);
      expect(branchOnly.statusCode).toBe(422);
      expect(branchOnly.json().error).toMatchObject({ code: 'mediation.mediator_not_covering', message: '该调解员负责的区域不包括纠纷发生地' });
      const busy = (await w.as.secretaryA.get(`/api/mediation/cases/${id}/candidates`)).json().items.find((x: { name: string }) => x.name === '周镇调');
      expect(busy).toMatchObject({ openCases: 1, assigned: true });
      // Only the case's supervisors see whom they may choose.
      expect((await w.as.secretaryB.get(`/api/mediation/cases/${id}/candidates`)).statusCode).toBe(404);
      expect((await m.zhang.client.get(`/api/mediation/cases/${id}/candidates`)).statusCode).toBe(403);
      expect((await w.as.resident.get(`/api/mediation/cases/${id}/candidates`)).statusCode).toBe(403);
    });

    it('reassign: the case goes to a mediator who declared no conflict; the removed one is “not found” at once; timeline and audit agree', async () => {
      const id = await caseIn('mediating');
      expect((await m.zhang.client.get(`/api/mediation/cases/${id}`)).statusCode).toBe(200);
      // The incoming mediator needs a declaration, exactly as for a first assignment.
      const undeclared = await reassign(id, m.zhang.mediatorId, m.wang.mediatorId);
      expect(undeclared.statusCode).toBe(422);
      expect(undeclared.json().error.code).toBe('mediation.declaration_missing');
      expect(await assignedIds(id)).toEqual([m.zhang.mediatorId]);
      await declare(id, m.liu.mediatorId);
      expect((await reassign(id, m.zhang.mediatorId, m.liu.mediatorId)).json().error.code).toBe('mediation.conflict_name');
      await declare(id, m.wang.mediatorId);

      const res = await reassign(id, m.zhang.mediatorId, m.wang.mediatorId, '张调解员因病住院，改由王调解员接手');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'mediating', mediators: [{ id: m.wang.mediatorId, name: '王调解' }] });
      expect(res.json().timeline.at(-1)).toMatchObject({ action: 'reassign', from: 'mediating', to: 'mediating', note: '张调解 → 王调解：张调解员因病住院，改由王调解员接手' });
      const audit = await env.deps.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'mediation_case').where('entity_id', '=', String(id)).where('action', '=', 'mediation.reassign').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_user_id: w.users.secretaryA.id, unit_id: A() });
      expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ mediatorId: m.zhang.mediatorId });
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ mediatorId: m.wang.mediatorId, reason: '张调解员因病住院，改由王调解员接手' });

      // The removed mediator gets exactly the answer for a case that does not exist, everywhere.
      const gone = await m.zhang.client.get(`/api/mediation/cases/${id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json()).toEqual((await m.zhang.client.get('/api/mediation/cases/999999')).json());
      expect((await m.zhang.client.post(`/api/mediation/cases/${id}/sessions`, { heldOn: '2026-06-01', place: '村委会', attendees: '双方', notes: '继续调解' })).statusCode).toBe(404);
      expect((await m.zhang.client.get('/api/mediation/cases/mine')).json().items.map((c: { id: number }) => c.id)).not.toContain(id);
      // The new one is in.
      expect((await m.wang.client.get(`/api/mediation/cases/${id}`)).json().you).toMatchObject({ mediator: true, supervisor: false, staffing: [] });
      expect((await m.wang.client.get('/api/mediation/cases/mine')).json().items.map((c: { id: number }) => c.id)).toContain(id);
    });

    it('unassign: back to the queue awaiting a mediator, with a reason; the case can then be assigned again', async () => {
      const id = await caseIn('accepted');
      const queue = async () => (await w.as.secretaryA.get(`/api/mediation/cases?unitId=${A()}&unassigned=1&pageSize=100`)).json().items.map((c: { id: number }) => c.id);
      expect(await queue()).not.toContain(id);
      const res = await unassign(id, m.zhang.mediatorId, '当事人申请张调解员回避');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'accepted', mediators: [], you: { staffing: ['assign', 'reassign', 'unassign'] } });
      expect(res.json().timeline.at(-1)).toMatchObject({ action: 'unassign', note: '张调解：当事人申请张调解员回避' });
      expect(await queue()).toContain(id);
      expect((await m.zhang.client.get(`/api/mediation/cases/${id}`)).statusCode).toBe(404);
      const audit = await env.deps.database.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity_id', '=', String(id)).where('action', '=', 'mediation.unassign').execute();
      expect(audit.map((a) => [JSON.parse(a.before_json!).mediatorId, JSON.parse(a.after_json!)])).toEqual([[m.zhang.mediatorId, { mediatorId: null, reason: '当事人申请张调解员回避' }]]);
      // Without a mediator the case cannot start; once one is assigned again it can.
      expect((await step(w.as.secretaryA, id, 'start')).json().error.code).toBe('mediation.no_mediator');
      await declare(id, m.wang.mediatorId);
      expect((await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.wang.mediatorId })).statusCode).toBe(200);
      expect(await queue()).not.toContain(id);
    });

    it('clear refusals: no reason, a mediator not on the case, the same mediator, one already on it — nothing changes', async () => {
      const id = await caseIn('accepted');
      const noReason = await w.as.secretaryA.post(`/api/mediation/cases/${id}/unassign`, { mediatorId: m.zhang.mediatorId });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details[0]).toMatchObject({ field: 'reason', code: 'mediation.reason_required', message: '请说明原因（至少 2 个字）' });
      const en = await login(env.app, w.users.secretaryA.username, undefined, 'en');
      expect((await en.post(`/api/mediation/cases/${id}/reassign`, { fromMediatorId: m.zhang.mediatorId, toMediatorId: m.wang.mediatorId, reason: ' ' })).json().error.details[0].message).toBe('Give the reason (at least 2 characters).');
      const notOn = await unassign(id, m.wang.mediatorId);
      expect(notOn.statusCode).toBe(409);
      expect(notOn.json().error.message).toBe('该调解员未指派到本案');
      expect((await reassign(id, m.wang.mediatorId, m.phoneTwin.mediatorId)).json().error.code).toBe('mediation.not_assigned');
      expect((await reassign(id, m.zhang.mediatorId, m.zhang.mediatorId)).json().error.code).toBe('mediation.same_mediator');
      await declare(id, m.wang.mediatorId);
      await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.wang.mediatorId });
      expect((await reassign(id, m.zhang.mediatorId, m.wang.mediatorId)).json().error.code).toBe('mediation.already_assigned');
      expect(await assignedIds(id)).toEqual([m.zhang.mediatorId, m.wang.mediatorId].sort((a, b) => a - b));
    });

    it('only the case’s supervisors change its mediators: not a mediator on it, not the neighbouring village, not a resident', async () => {
      const id = await caseIn('accepted');
      await declare(id, m.wang.mediatorId);
      expect((await reassign(id, m.zhang.mediatorId, m.wang.mediatorId, '越权撤换', m.zhang.client)).statusCode).toBe(403);
      expect((await unassign(id, m.zhang.mediatorId, '越权撤回', w.as.resident)).statusCode).toBe(403);
      expect((await reassign(id, m.zhang.mediatorId, m.wang.mediatorId, '越权撤换', w.as.secretaryB)).statusCode).toBe(404);
      expect((await unassign(id, m.zhang.mediatorId, '越权撤回', w.as.adminB)).statusCode).toBe(404);
      expect(await assignedIds(id)).toEqual([m.zhang.mediatorId]);
      // The county above supervises, so it may.
      expect((await reassign(id, m.zhang.mediatorId, m.wang.mediatorId, '县司法局统筹调配', w.as.countyAdmin)).statusCode).toBe(200);
    });

    // Every state of the lifecycle: before and during mediation the mediators change; once an
    // outcome is recorded, and after 结案, they stay — the refusal names what already happened.
    const TABLE: Array<[string, string | null]> = [
      ['accepted', null],
      ['mediating', null],
      ['agreed', 'mediation.already_agreed'],
      ['failed', 'mediation.already_failed'],
      ['followed_up', 'mediation.already_visited'],
      ['closed', 'mediation.closed'],
    ];
    for (const [status, refusal] of TABLE) {
      it(`${status}: assign, reassign and unassign ${refusal ? `are refused with ${refusal}` : 'are allowed'}`, async () => {
        const id = await caseIn(status);
        await declare(id, m.wang.mediatorId).then((r) => expect(r.statusCode, r.body).toBe(status === 'closed' ? 409 : 200));
        const offered = (await w.as.secretaryA.get(`/api/mediation/cases/${id}`)).json().you.staffing;
        const r1 = await reassign(id, m.zhang.mediatorId, m.wang.mediatorId);
        const r2 = await unassign(id, refusal ? m.zhang.mediatorId : m.wang.mediatorId);
        const r3 = await w.as.secretaryA.post(`/api/mediation/cases/${id}/assign`, { mediatorId: m.wang.mediatorId });
        if (refusal) {
          expect(offered).toEqual([]);
          for (const r of [r1, r2, r3]) {
            expect(r.statusCode, r.body).toBe(409);
            expect(r.json().error.code).toBe(refusal);
          }
          expect(await assignedIds(id)).toEqual([m.zhang.mediatorId]);
        } else {
          expect(offered).toEqual(['assign', 'reassign', 'unassign']);
          expect([r1.statusCode, r2.statusCode, r3.statusCode], `${r1.body} ${r2.body} ${r3.body}`).toEqual([200, 200, 200]);
          expect(await assignedIds(id)).toEqual([m.wang.mediatorId]);
          expect(r3.json().timeline.map((e: { action: string }) => e.action).slice(-3)).toEqual(['reassign', 'unassign', 'assign']);
        }
      });
    }
  });
});
