// One five-star campaign from the first step to the last, through the API only, on both
// databases: the town sets it up, a member evaluates themself, the branch recommends, the
// committee reviews, the leading group decides and publishes the notice, someone objects
// anonymously, the objection is dismissed, the notice runs its course, the campaign closes and
// the member's star shows on the pioneer board and their card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayYmd } from '@xianfeng/domain';
import { anonymous, DATABASES, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const DAY_MS = 86_400_000;

describe.each(DATABASES)('a whole five-star campaign through the API (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  /** The server's clock: moved forward to let the notice run its course. */
  let clock = Date.now();
  let committee: Client;
  let leadingGroup: Client;
  let leadingGroupLogin: string;

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    await env.deps.database.db.updateTable('app_user').set({ member_id: w.members.a }).where('id', '=', w.users.memberA.id).execute();
    committee = await login(env.app, (await factories(env).user('secretary', w.units.town, 'whole_committee')).username);
    leadingGroupLogin = (await factories(env).user('unit_admin', w.units.town, 'whole_leading')).username;
    leadingGroup = await login(env.app, leadingGroupLogin);
  });
  afterAll(() => env?.close());

  it('goes from self-evaluation to a star on the board, with an objection dismissed on the way', async () => {
    const today = todayYmd(new Date(clock));
    const year = today.slice(0, 4);
    let member = w.as.memberA;
    const act = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/campaigns/candidates/${id}/actions`, body);

    // The member has points this year, so they stand on the board.
    await w.as.secretaryA.post('/api/points/rules/adopt', { unitId: w.units.villageA });
    const rules = (await w.as.secretaryA.get(`/api/points/rules?unitId=${w.units.branchA}`)).json().items as Array<{ id: number; code: string }>;
    const booked = await w.as.secretaryA.post('/api/points/entries', { memberId: w.members.a, ruleId: rules.find((r) => r.code === 'JC01')!.id, occurredOn: today, reason: '参加支部党员大会' });
    expect(booked.statusCode, booked.body).toBe(201);

    const created = await committee.post('/api/campaigns', { unitId: w.units.town, kind: 'five_star', period: year, title: `${year}年度五星党员评定` });
    expect(created.statusCode, created.body).toBe(201);
    const campaignId = created.json().id as number;

    // 自评
    const entered = await member.post(`/api/campaigns/${campaignId}/candidacy`);
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id as number;
    const submitted = await member.request('PUT', `/api/campaigns/candidates/${id}/self-evaluation`, {
      dimensions: [{ dimension: 'excellence', claimed: true, statement: '全年按时参加组织生活，带头学习并交流发言' }],
      submit: true,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // 支部推荐 → 党委审核 → 党组研究
    const votes = { eligible: 12, present: 11, inFavour: 10, against: 1, abstain: 0 };
    expect((await act(w.as.secretaryA, id, { action: 'recommend', votes, meetingOn: today })).json().state).toBe('committee_review');
    expect((await act(committee, id, { action: 'approve' })).json().state).toBe('leading_group');
    expect((await act(leadingGroup, id, { action: 'decide' })).json().state).toBe('decided');

    // 公示
    const published = await leadingGroup.post(`/api/campaigns/${campaignId}/publish-notice`, {});
    expect(published.statusCode, published.body).toBe(200);
    const noticeEnd = published.json().noticeEnd as string;
    const board = await anonymous(env.app).get(`/api/public/notices/${campaignId}`);
    expect(board.json().candidates).toEqual([expect.objectContaining({ id, name: '张三' })]);

    // 群众监督: an anonymous objection, which must be handled before the notice can close.
    const objected = await anonymous(env.app).request('POST', '/api/public/objections', { candidateId: id, anonymous: true, content: '该同志今年的学习交流发言次数与公示材料不符，请核实。' }, { 'x-forwarded-for': '10.9.9.9' });
    expect(objected.statusCode, objected.body).toBe(201);
    const receipt = objected.json().receiptCode as string;
    const early = await leadingGroup.post(`/api/campaigns/${campaignId}/close`, {});
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('pipeline.notice_running');
    const objections = (await leadingGroup.get(`/api/campaigns/${campaignId}/objections?state=open`)).json().items as Array<{ id: number }>;
    expect(objections).toHaveLength(1);
    const handled = await leadingGroup.post(`/api/campaigns/objections/${objections[0]!.id}/handle`, { outcome: 'dismiss', reply: '经核实，支部会议记录载明该同志全年发言 6 次，与公示材料一致。' });
    expect(handled.statusCode, handled.body).toBe(200);

    // The notice runs its course; the campaign closes and the star is final.
    clock = Date.parse(`${noticeEnd}T12:00:00+08:00`) + DAY_MS;
    // A week and more later, yesterday's sessions have expired: everyone signs in again.
    leadingGroup = await login(env.app, leadingGroupLogin);
    member = await login(env.app, w.users.memberA.username);
    const secretary = await login(env.app, w.users.secretaryA.username);
    const closed = await leadingGroup.post(`/api/campaigns/${campaignId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await member.get(`/api/campaigns/candidates/${id}`)).json()).toMatchObject({ state: 'final', stars: { decided: ['excellence'] } });

    // The star shows on the pioneer board and on the member's card; the objector sees the outcome.
    const items = (await secretary.get(`/api/points/board?unitId=${w.units.villageA}&period=${year}`)).json().items as Array<{ memberId: number; stars: unknown }>;
    expect(items.find((i) => i.memberId === w.members.a)?.stars).toEqual(['excellence']);
    expect((await member.get(`/api/cards/${w.members.a}`)).json().card.stars).toMatchObject({ period: year, dimensions: ['excellence'] });
    expect((await anonymous(env.app).get(`/api/public/objections/${receipt}`)).json()).toMatchObject({ state: 'dismissed' });

    // The dossier records every step, who took it and why.
    const dossier = (await leadingGroup.get(`/api/campaigns/candidates/${id}`)).json().events.map((e: { action: string }) => e.action);
    expect(dossier).toEqual(expect.arrayContaining(['create', 'submit', 'recommend', 'approve', 'decide', 'publish', 'finalize']));
  });
});
