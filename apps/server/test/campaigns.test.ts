// Five stars and commendations through the review pipeline, on both databases: the town sets up
// a campaign, a member evaluates themself with evidence, the branch meeting recommends with its
// vote, the committee returns and approves, the leading group decides — and every refusal on the
// way: out of order, out of scope, judging oneself, over the quota (also when two secretaries
// press at once), a vote without quorum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayYmd } from '@xianfeng/domain';
import { DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, person, type World } from './world.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001', 'hex');
const today = todayYmd();
const year = today.slice(0, 4);
const VOTES = { eligible: 9, present: 8, inFavour: 7, against: 1, abstain: 0 };

describe.each(DATABASES)('campaigns and the review pipeline (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  /** The town committee: its secretary reviews, its party affairs worker records the leading group's decision. */
  let committee: Client;
  let leadingGroup: Client;
  /** A deputy secretary of the town who is also a member of village A's branch. */
  let deputy: { client: Client; memberId: number };
  let member: Client;
  let serial = 0;

  beforeAll(async () => {
    env = await startTestEnv(kind);
    w = await buildWorld(env);
    const db = env.deps.database.db;
    await db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    member = w.as.memberA;
    committee = await login(env.app, (await newUser('secretary', w.units.town)).username);
    leadingGroup = await login(env.app, (await newUser('unit_admin', w.units.town)).username);
    deputy = await memberWithLogin(w.units.branchA, '王书记', 'secretary', w.units.town);
  });
  afterAll(() => env?.close());

  /** The world's factory numbers its users from 1 again: these get names of their own. */
  const newUser = (role: 'member' | 'secretary' | 'unit_admin', unitId: number) => factories(env).user(role, unitId, `c${++serial}_${role}`);

  /** A member of `unitId` with a login of their own (and optionally a role somewhere). */
  async function memberWithLogin(unitId: number, name: string, role: 'member' | 'secretary' = 'member', roleUnit = unitId) {
    const res = await w.as.admin.post('/api/members', { unitId, ...person({ name }) });
    expect(res.statusCode, res.body).toBe(201);
    const user = await newUser(role, roleUnit);
    await env.deps.database.db.updateTable('app_user').set({ member_id: res.json().id }).where('id', '=', user.id).execute();
    return { client: await login(env.app, user.username), memberId: res.json().id as number };
  }

  async function newCampaign(body: Record<string, unknown> = {}, by: Client = committee) {
    const res = await by.post('/api/campaigns', { unitId: w.units.town, kind: 'five_star', period: year, title: `${year}年度五星党员评定`, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; quotas: Array<{ unitId: number; used: number; quota: number }> };
  }

  const act = (c: Client, candidateId: number, body: Record<string, unknown>) => c.post(`/api/campaigns/candidates/${candidateId}/actions`, body);
  const recommend = (c: Client, candidateId: number, extra: Record<string, unknown> = {}) => act(c, candidateId, { action: 'recommend', votes: VOTES, meetingOn: today, ...extra });
  const saveSelf = (c: Client, candidateId: number, body: Record<string, unknown>) => c.request('PUT', `/api/campaigns/candidates/${candidateId}/self-evaluation`, body);

  /** A member enters a five-star campaign and submits a self-evaluation of one dimension that needs no evidence. */
  async function submittedCandidacy(c: Client, campaignId: number) {
    const entered = await c.post(`/api/campaigns/${campaignId}/candidacy`);
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id as number;
    const saved = await saveSelf(c, id, { dimensions: [{ dimension: 'excellence', claimed: true, statement: '每次组织生活都按时参加并作交流发言' }], submit: true });
    expect(saved.statusCode, saved.body).toBe(200);
    return id;
  }

  async function nominated(campaignId: number, memberId: number, category = 'outstanding_member', by: Client = w.as.secretaryA) {
    const res = await by.post(`/api/campaigns/${campaignId}/candidates`, { category, memberId, nomination: '常年联系服务群众，带头参加防汛抢险' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }

  it('a whole five-star candidacy: self-evaluation with evidence, the branch’s vote, a return, the committee and the leading group', async () => {
    // The ledger lights one star before the campaign starts: flood duty (JF01) worth 10 points.
    await w.as.secretaryA.post('/api/points/rules/adopt', { unitId: w.units.villageA });
    const rules = (await w.as.secretaryA.get(`/api/points/rules?unitId=${w.units.branchA}`)).json().items as Array<{ id: number; code: string }>;
    const booked = await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.find((r) => r.code === 'JF01')!.id, occurredOn: today, points: 10, reason: '汛期巡堤值守' });
    expect(booked.statusCode, booked.body).toBe(201);

    const campaign = await newCampaign({
      deadlines: { selfEvaluation: addDays(today, 2), branchRecommendation: addDays(today, 10), committeeReview: addDays(today, 20), leadingGroup: addDays(today, 30) },
      quotas: [{ unitId: w.units.villageA, category: 'five_star', quota: 3 }],
    });

    // The member finds the campaign on their page and enters it; the ledger's star is snapshotted.
    const mine = await member.get('/api/campaigns/my');
    expect(mine.json().open.map((c: { id: number }) => c.id)).toContain(campaign.id);
    const entered = await member.post(`/api/campaigns/${campaign.id}/candidacy`);
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id as number;
    expect(entered.json()).toMatchObject({ state: 'self_evaluation', category: 'five_star', subject: { kind: 'member', name: '张三' }, stars: { computed: ['breakthrough'], claimed: [] }, actions: ['submit', 'withdraw'] });
    const twice = await member.post(`/api/campaigns/${campaign.id}/candidacy`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('pipeline.already_candidate');

    // The self-evaluation's deadline is two days away: the member's reminder says so.
    const todo = (await member.get('/api/campaigns/todo')).json();
    expect(todo.items.find((i: { id: number }) => i.id === id)).toMatchObject({ actions: ['submit', 'withdraw'], deadline: { stage: 'self_evaluation', status: 'due_soon' } });

    const form = (await member.get(`/api/campaigns/candidates/${id}/self-evaluation`)).json();
    expect(form.dimensions.map((d: { code: string }) => d.code)).toEqual(['excellence', 'service', 'dedication', 'innovation', 'breakthrough']);
    expect(form.dimensions.find((d: { code: string }) => d.code === 'service')).toMatchObject({ name: '为民服务', evidenceRequired: true, claimed: false });
    expect(form.dimensions.find((d: { code: string }) => d.code === 'breakthrough').computed).toBe(true);

    // Serving the people needs evidence: submitting without it is refused and nothing is saved.
    const dims = [
      { dimension: 'excellence', claimed: true, statement: '全年组织生活全勤，党课作交流发言两次' },
      { dimension: 'service', claimed: true, statement: '帮助独居老人代购药品、调解邻里纠纷三起' },
    ];
    const noEvidence = await saveSelf(member, id, { dimensions: dims, submit: true });
    expect(noEvidence.statusCode, noEvidence.body).toBe(422);
    expect(noEvidence.json().error).toMatchObject({ code: 'stars.evidence_required', message: '“为民服务”的自评须附佐证材料' });
    expect((await member.get(`/api/campaigns/candidates/${id}/self-evaluation`)).json().dimensions[1].claimed).toBe(false);

    const photo = await member.upload('/api/points/evidence', 'service.png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
    const draft = await saveSelf(member, id, { dimensions: [dims[0], { ...dims[1], evidenceIds: [photo.json().id] }] });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().locked).toBe(false);
    expect(draft.json().dimensions.slice(0, 2)).toMatchObject([{ claimed: true }, { claimed: true, evidence: [{ id: photo.json().id, mime: 'image/png' }] }]);
    const submitted = await act(member, id, { action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'branch_recommendation', stars: { claimed: ['excellence', 'service'] }, actions: ['withdraw'] });

    // Submitted means locked.
    const edit = await saveSelf(member, id, { dimensions: [{ dimension: 'innovation', claimed: true, statement: '补充' }] });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error).toMatchObject({ code: 'pipeline.self_evaluation_locked', message: '自评已提交，不能再修改' });

    // The evidence is seen by the branch and the committee, not by the neighbouring village.
    const file = `/api/points/evidence/${photo.json().id}`;
    expect((await w.as.secretaryA.get(file)).statusCode).toBe(200);
    expect((await committee.get(file)).statusCode).toBe(200);
    expect((await w.as.secretaryB.get(file)).statusCode).toBe(404);

    // The branch meeting recommends: the vote and the date are required, stars only from those claimed.
    const branch = w.as.secretaryA;
    expect((await branch.get(`/api/campaigns/candidates/${id}`)).json().actions).toEqual(['recommend', 'decline', 'return']);
    const noVotes = await act(branch, id, { action: 'recommend' });
    expect(noVotes.statusCode).toBe(400);
    expect(noVotes.json().error.details.map((d: { code: string }) => d.code)).toEqual(['pipeline.votes_required', 'pipeline.meeting_required']);
    const unclaimed = await recommend(branch, id, { stars: ['excellence', 'innovation'] });
    expect(unclaimed.statusCode).toBe(400);
    expect(unclaimed.json().error.details[0]).toMatchObject({ field: 'stars', code: 'pipeline.stars_not_claimed' });
    const recommended = await recommend(branch, id);
    expect(recommended.statusCode, recommended.body).toBe(200);
    expect(recommended.json()).toMatchObject({ state: 'committee_review', votes: { ...VOTES, meetingOn: today }, stars: { recommended: ['excellence', 'service'] } });

    // The committee returns it with a reason; the branch recommends again, narrowing the stars.
    const bare = await act(committee, id, { action: 'return' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('pipeline.reason_required');
    const returned = await act(committee, id, { action: 'return', reason: '请补充支部大会记录' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().state).toBe('branch_recommendation');
    const again = await recommend(branch, id, { stars: ['service', 'excellence'] });
    expect(again.json().state).toBe('committee_review');

    const approved = await act(committee, id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('leading_group');
    // The committee is not the leading group.
    expect((await act(committee, id, { action: 'decide' })).statusCode).toBe(403);
    const decided = await act(leadingGroup, id, { action: 'decide', stars: ['service'] });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'decided', stars: { computed: ['breakthrough'], claimed: ['excellence', 'service'], recommended: ['excellence', 'service'], decided: ['service'] } });

    // The dossier: every step, who and why; the audit log has each of them.
    const dossier = (await member.get(`/api/campaigns/candidates/${id}`)).json();
    expect(dossier.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'recommend', 'return', 'recommend', 'approve', 'decide']);
    expect(dossier.events[3]).toMatchObject({ from: 'committee_review', to: 'branch_recommendation', reason: '请补充支部大会记录' });
    expect(dossier.events[2].detail).toEqual({ votes: { ...VOTES, meetingOn: today }, stars: ['excellence', 'service'] });
    expect(dossier.events[6].detail).toEqual({ stars: ['service'] });
    expect(dossier.actions).toEqual([]);
    const audit = await env.deps.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'candidate').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'campaign.candidate.create', 'campaign.self_evaluation.save', 'campaign.candidate.submit', 'campaign.candidate.recommend', 'campaign.candidate.return',
      'campaign.candidate.recommend', 'campaign.candidate.approve', 'campaign.candidate.decide',
    ]);

    // The campaign counts the candidate in its state and one place of village A's quota.
    const overview = (await committee.get(`/api/campaigns/${campaign.id}`)).json();
    expect(overview).toMatchObject({ total: 1, byState: { decided: 1 }, byCategory: { five_star: { decided: 1 } }, quotas: [{ unitId: w.units.villageA, category: 'five_star', quota: 3, used: 1 }] });
  });

  it('refuses a step out of order with 422, and nothing moves', async () => {
    const campaign = await newCampaign();
    const entered = await member.post(`/api/campaigns/${campaign.id}/candidacy`);
    const id = entered.json().id as number;
    for (const [client, action] of [[w.as.secretaryA, 'recommend'], [committee, 'approve'], [leadingGroup, 'decide'], [member, 'approve']] as const) {
      const res = action === 'recommend' ? await recommend(client, id) : await act(client, id, { action });
      expect(res.statusCode, `${action} ${res.body}`).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'pipeline.not_allowed', message: '当前环节不能进行此操作' });
    }
    // Not the member's step to recommend, even once it is the branch's turn.
    await saveSelf(member, id, { dimensions: [{ dimension: 'excellence', claimed: true, statement: '全勤' }], submit: true });
    const notYours = await recommend(member, id);
    expect(notYours.statusCode).toBe(403);
    expect(notYours.json().error.code).toBe('pipeline.not_your_turn');
    expect((await member.get(`/api/campaigns/candidates/${id}`)).json().state).toBe('branch_recommendation');
  });

  it('the neighbouring village’s secretary sees the town’s campaign, but not village A’s candidates', async () => {
    const campaign = await newCampaign();
    const id = await submittedCandidacy(member, campaign.id);
    const b = w.as.secretaryB;
    expect((await b.get('/api/campaigns')).json().items.map((c: { id: number }) => c.id)).toContain(campaign.id);
    expect((await b.get(`/api/campaigns/${campaign.id}`)).statusCode).toBe(200);
    const list = await b.get(`/api/campaigns/${campaign.id}/candidates`);
    expect(list.json()).toMatchObject({ total: 0, items: [] });
    // Each row carries the caller's buttons: the branch may recommend, decline or return it.
    expect((await w.as.secretaryA.get(`/api/campaigns/${campaign.id}/candidates`)).json().items).toMatchObject([{ id, actions: ['recommend', 'decline', 'return'] }]);
    for (const res of [
      await b.get(`/api/campaigns/candidates/${id}`),
      await b.get(`/api/campaigns/candidates/${id}/self-evaluation`),
      await recommend(b, id),
      await b.get(`/api/campaigns/${campaign.id}/candidates?unitId=${w.units.villageA}`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('error.not_found');
    }
    const missing = await b.get('/api/campaigns/candidates/999999');
    expect((await b.get(`/api/campaigns/candidates/${id}`)).json()).toEqual(missing.json());
    // The village's own campaign is not seen from the neighbouring village at all.
    const own = await newCampaign({ unitId: w.units.villageA }, w.as.secretaryA);
    expect((await b.get(`/api/campaigns/${own.id}`)).statusCode).toBe(404);
    expect((await b.get('/api/campaigns')).json().items.map((c: { id: number }) => c.id)).not.toContain(own.id);
    expect((await b.request('PATCH', `/api/campaigns/${own.id}`, { title: '改名' })).statusCode).toBe(404);
  });

  it('a candidate who is also their branch and on the committee cannot judge themself (403), only withdraw', async () => {
    const campaign = await newCampaign();
    const id = await submittedCandidacy(deputy.client, campaign.id);
    expect((await deputy.client.get(`/api/campaigns/candidates/${id}`)).json()).toMatchObject({ roles: ['candidate', 'branch', 'committee'], isCandidate: true, actions: ['withdraw'] });
    const own = await recommend(deputy.client, id);
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toMatchObject({ code: 'pipeline.own_candidacy', message: '不能评审本人（本组织）的推荐' });
    expect((await recommend(w.as.secretaryA, id)).statusCode).toBe(200);
    const approve = await act(deputy.client, id, { action: 'approve' });
    expect(approve.statusCode).toBe(403);
    expect(approve.json().error.code).toBe('pipeline.own_candidacy');
    // The deputy's reminders do not offer their own candidacy to review.
    expect((await deputy.client.get('/api/campaigns/todo')).json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await committee.get('/api/campaigns/todo')).json().items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await act(committee, id, { action: 'approve' })).json().state).toBe('leading_group');
  });

  it('enforces the quota at recommendation, and a return gives the place back', async () => {
    const campaign = await newCampaign({ kind: 'commendation', title: `${year}年度评选表彰`, quotas: [{ unitId: w.units.villageA, category: 'outstanding_member', quota: 1 }] });
    const other = await memberWithLogin(w.units.branchA, '赵敏');
    const first = await nominated(campaign.id, w.members.a);
    const second = await nominated(campaign.id, other.memberId);
    expect((await recommend(w.as.secretaryA, first)).statusCode).toBe(200);
    const over = await recommend(w.as.secretaryA, second);
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({ code: 'pipeline.quota_exceeded', message: '已超出“东庄村”的推荐名额（1 名）' });
    expect((await w.as.secretaryA.get(`/api/campaigns/candidates/${second}`)).json()).toMatchObject({ state: 'branch_recommendation', votes: null });
    expect((await committee.get(`/api/campaigns/${campaign.id}`)).json().quotas).toEqual([expect.objectContaining({ unitId: w.units.villageA, quota: 1, used: 1 })]);
    // The committee sends the first back: its place is free again.
    expect((await act(committee, first, { action: 'return', reason: '名额调整' })).json().state).toBe('branch_recommendation');
    expect((await recommend(w.as.secretaryA, second)).statusCode).toBe(200);
    // Raising the quota makes room for both.
    const raised = await committee.request('PUT', `/api/campaigns/${campaign.id}/quotas`, { quotas: [{ unitId: w.units.villageA, category: 'outstanding_member', quota: 2 }] });
    expect(raised.statusCode, raised.body).toBe(200);
    expect((await recommend(w.as.secretaryA, first)).statusCode).toBe(200);
  });

  it('two secretaries pressing at once for the last places: exactly as many succeed as there are places', async () => {
    const campaign = await newCampaign({ kind: 'commendation', title: `${year}年度优秀党务工作者`, quotas: [{ unitId: w.units.villageA, category: 'outstanding_worker', quota: 2 }] });
    const ids: number[] = [];
    for (const name of ['甲', '乙', '丙', '丁']) ids.push(await nominated(campaign.id, (await memberWithLogin(w.units.branchA, `钱${name}`)).memberId, 'outstanding_worker'));
    const other = await login(env.app, (await newUser('secretary', w.units.villageA)).username);
    const results = await Promise.all(ids.map((id, i) => recommend(i % 2 ? other : w.as.secretaryA, id)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes, results.map((r) => r.body).join('\n')).toEqual([200, 200, 422, 422]);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().error.code === 'pipeline.quota_exceeded')).toBe(true);
    const held = await env.deps.database.db.selectFrom('candidate').select('id').where('campaign_id', '=', campaign.id).where('state', '=', 'committee_review').execute();
    expect(held).toHaveLength(2);
  });

  it('refuses a vote without quorum or majority, and counts that do not add up', async () => {
    const campaign = await newCampaign({ kind: 'commendation', title: `${year}年度表彰（表决）` });
    const id = await nominated(campaign.id, w.members.a);
    const noQuorum = await recommend(w.as.secretaryA, id, { votes: { eligible: 9, present: 4, inFavour: 4, against: 0, abstain: 0 } });
    expect(noQuorum.statusCode).toBe(422);
    expect(noQuorum.json().error).toMatchObject({ code: 'pipeline.votes_no_quorum', message: '到会人数未超过应到人数的一半，表决无效' });
    const noMajority = await recommend(w.as.secretaryA, id, { votes: { eligible: 9, present: 8, inFavour: 4, against: 3, abstain: 1 } });
    expect(noMajority.json().error.code).toBe('pipeline.votes_no_majority');
    const inconsistent = await recommend(w.as.secretaryA, id, { votes: { eligible: 9, present: 10, inFavour: 9, against: 0, abstain: 0 } });
    expect(inconsistent.statusCode).toBe(400);
    expect(inconsistent.json().error.details[0]).toMatchObject({ field: 'votes', code: 'pipeline.votes_inconsistent' });
    const future = await recommend(w.as.secretaryA, id, { meetingOn: addDays(today, 1) });
    expect(future.json().error.details[0]).toMatchObject({ field: 'meetingOn', code: 'pipeline.meeting_in_future' });
    expect((await w.as.secretaryA.get(`/api/campaigns/candidates/${id}`)).json()).toMatchObject({ state: 'branch_recommendation', votes: null });
    const events = await env.deps.database.db.selectFrom('candidate_event').select('action').where('candidate_id', '=', id).execute();
    expect(events.map((e) => e.action)).toEqual(['create']);
  });

  it('a commendation nominates an organization (先进基层党组织); its own members cannot judge it', async () => {
    const campaign = await newCampaign({ kind: 'commendation', title: `${year}年度先进基层党组织` });
    const url = `/api/campaigns/${campaign.id}/candidates`;
    const mismatch = await w.as.secretaryA.post(url, { category: 'advanced_org', memberId: w.members.a, nomination: '党建引领产业发展' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.details[0].code).toBe('campaigns.subject_mismatch');
    expect((await w.as.secretaryA.post(url, { category: 'advanced_org', unitId: w.units.branchB, nomination: '越权推荐' })).statusCode).toBe(404);
    const created = await w.as.secretaryA.post(url, { category: 'advanced_org', unitId: w.units.branchA, nomination: '党建引领产业发展，带领群众抗洪救灾' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ state: 'branch_recommendation', subject: { kind: 'unit', id: w.units.branchA, name: '东庄村党支部' }, homeUnit: { id: w.units.villageA }, stars: null, selfEvaluation: null });
    expect((await w.as.secretaryA.post(url, { category: 'advanced_org', unitId: w.units.branchA, nomination: '再次推荐' })).statusCode).toBe(409);
    // No self-evaluation to go back to; no stars to give.
    expect((await act(w.as.secretaryA, id, { action: 'return', reason: '补充材料' })).json().error.code).toBe('pipeline.no_self_evaluation');
    expect((await recommend(w.as.secretaryA, id, { stars: ['service'] })).json().error.details[0].code).toBe('pipeline.stars_not_applicable');
    expect((await recommend(w.as.secretaryA, id)).json().state).toBe('committee_review');
    // The deputy secretary belongs to the branch put forward.
    expect((await act(deputy.client, id, { action: 'approve' })).json().error.code).toBe('pipeline.own_candidacy');
    expect((await act(committee, id, { action: 'approve' })).json().state).toBe('leading_group');
    const decided = await act(leadingGroup, id, { action: 'decide' });
    expect(decided.json()).toMatchObject({ state: 'decided', stars: null });
    // A member cannot enter a commendation themself.
    const self = await member.post(`/api/campaigns/${campaign.id}/candidacy`);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('campaigns.self_entry_five_star_only');
  });

  it('sets up campaigns: quotas inside the subtree and of the kind, deadlines in order, changes while open', async () => {
    const post = (body: Record<string, unknown>) => w.as.secretaryA.post('/api/campaigns', { unitId: w.units.villageA, kind: 'commendation', period: year, title: '东庄村评选表彰', ...body });
    const outside = await post({ quotas: [{ unitId: w.units.villageB, category: 'outstanding_member', quota: 1 }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({ field: 'quotas.0.unitId', code: 'campaigns.quota_unit_outside' });
    const wrongKind = await post({ quotas: [{ unitId: w.units.branchA, category: 'five_star', quota: 1 }] });
    expect(wrongKind.json().error.details[0]).toMatchObject({ field: 'quotas.0.category', code: 'pipeline.wrong_category' });
    const order = await post({ deadlines: { branchRecommendation: addDays(today, 10), committeeReview: addDays(today, 5) } });
    expect(order.json().error.details[0]).toMatchObject({ field: 'deadlines.committeeReview', code: 'campaigns.deadlines_order' });
    expect((await w.as.secretaryA.post('/api/campaigns', { unitId: w.units.town, kind: 'five_star', period: year, title: '越级' })).statusCode).toBe(404);
    expect((await member.post('/api/campaigns', { unitId: w.units.branchA, kind: 'five_star', period: year, title: '党员不能发起' })).statusCode).toBe(403);

    const created = await post({ noticeDays: 7, quotas: [{ unitId: w.units.branchA, category: 'advanced_org', quota: 1 }] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'open', noticeDays: 7, unit: { id: w.units.villageA, name: '东庄村' }, categories: ['outstanding_member', 'outstanding_worker', 'advanced_org'], can: { manage: true } });
    const id = created.json().id;
    const patched = await w.as.secretaryA.patch(`/api/campaigns/${id}`, { title: '东庄村年度表彰', deadlines: { leadingGroup: addDays(today, 30) } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: '东庄村年度表彰', deadlines: { leadingGroup: addDays(today, 30), selfEvaluation: null } });
    const listed = (await w.as.secretaryA.get(`/api/campaigns?period=${year}&unitId=${w.units.villageA}`)).json().items;
    expect(listed.map((c: { id: number }) => c.id)).toContain(id);
    // Once the notice is out, the campaign is fixed.
    await env.deps.database.db.updateTable('campaign').set({ status: 'notice' }).where('id', '=', id).execute();
    const late = await w.as.secretaryA.patch(`/api/campaigns/${id}`, { title: '再改' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.code).toBe('campaigns.not_open');
    expect((await w.as.secretaryA.request('PUT', `/api/campaigns/${id}/quotas`, { quotas: [] })).statusCode).toBe(422);
  });

  it('reminds each person of their own stage, overdue first, and counts it on the home page', async () => {
    const campaign = await newCampaign({ kind: 'commendation', title: `${year}年度表彰（提醒）`, deadlines: { branchRecommendation: addDays(today, -1) } });
    const id = await nominated(campaign.id, w.members.a);
    const todo = (await w.as.secretaryA.get('/api/campaigns/todo')).json();
    expect(todo.items[0]).toMatchObject({ id, actions: ['recommend', 'decline'], deadline: { stage: 'branch_recommendation', due: addDays(today, -1), status: 'overdue' }, campaign: { id: campaign.id } });
    expect(todo.overdue).toBeGreaterThanOrEqual(1);
    expect((await w.as.secretaryB.get('/api/campaigns/todo')).json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    const home = (await w.as.secretaryA.get('/api/home')).json();
    expect(home.campaignTodo).toMatchObject({ total: todo.total, overdue: todo.overdue });
  });
});
