// The deliberation hall (议事厅 / 网格议事会) through the API on both databases: residents and members
// raise topics where they live and discuss them; comments are reported once per person, hidden
// after enough reports, hidden or restored by a moderator of the place; the secretary schedules the
// council and records its minutes, opens the vote, closes it and records the decision; the people
// of the place vote once each and may change their mind until the vote closes, people from outside
// are refused; follow-up actions are tracked to completion and shown on the public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, anonymous, factories, login, startTestEnv, type Client, type TestEnv } from './harness.ts';
import { buildWorld, type World } from './world.ts';

const START = Date.parse('2026-05-04T02:00:00.000Z');
const HOUR = 3_600_000;
const XSS = '<img src=x onerror=alert(1)>';

describe.each(DATABASES)('deliberation hall (%s)', (kind) => {
  let env: TestEnv;
  let w: World;
  let clock = START;
  let gridA1: number;
  let neighbour: Client; // a second resident of village A
  let gridResident: Client; // a resident registered on grid 1 of village A
  let gridWorker: Client; // the grid worker of grid 1
  let gridResidentId: number;
  let neighbourId: number;
  const at = (hours: number) => new Date(START + hours * HOUR).toISOString();

  const audit = (action: string) => env.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
  const raise = (c: Client, body: Record<string, unknown> = {}) =>
    c.post('/api/deliberation/topics', { unitId: w.units.villageA, title: '村口路灯不亮', description: '村口三盏路灯坏了一个月，晚上出行不便，建议更换为太阳能路灯。', category: 'infrastructure', ...body });
  /** Moves the clock; sessions last 12 hours, so everyone logs in again. */
  const moveClock = async (hours: number) => {
    clock = START + hours * HOUR;
    for (const k of Object.keys(w.as) as Array<keyof World['as']>) w.as[k] = await login(env.app, w.users[k].username);
    neighbour = await login(env.app, neighbour.username);
    gridResident = await login(env.app, gridResident.username);
    gridWorker = await login(env.app, gridWorker.username);
  };
  const topicOf = async (c: Client, id: number) => (await c.get(`/api/deliberation/topics/${id}`)).json();

  beforeAll(async () => {
    env = await startTestEnv(kind, { now: () => new Date(clock) });
    w = await buildWorld(env);
    const f = factories(env);
    gridA1 = await f.unit('C01A-G1', 'grid', w.units.villageA, '东庄一网格');
    const n = await f.user('resident', w.units.villageA);
    neighbourId = n.id;
    neighbour = await login(env.app, n.username);
    const g = await f.user('resident', gridA1);
    gridResidentId = g.id;
    gridResident = await login(env.app, g.username);
    gridWorker = await login(env.app, (await f.user('grid_worker', gridA1)).username);
  });
  afterAll(async () => env?.close());

  describe('raising a topic', () => {
    it('a resident raises a topic for their village, audited', async () => {
      const res = await raise(w.as.resident);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ unitId: w.units.villageA, unitName: '东庄村', status: 'open', category: 'infrastructure', raisedBy: { id: w.users.resident.id }, council: null, vote: null, actions: [], rights: { see: true, discuss: true, vote: true, moderate: false, manage: false }, nextActions: [] });
      expect(await audit('deliberation.raise')).toEqual([expect.objectContaining({ entity_id: String(res.json().id), actor_user_id: w.users.resident.id, unit_id: w.units.villageA })]);
    });

    it('tells the secretaries of the village and above at once, and nobody else', async () => {
      const told = await env.deps.database.db.selectFrom('notification').select('user_id').where('kind', '=', 'deliberation.raised').execute();
      expect(told.map((n) => n.user_id).sort()).toEqual([w.users.countyAdmin.id, w.users.secretaryA.id].sort());
      const inbox = (await w.as.secretaryA.get('/api/inbox')).json().items;
      expect(inbox[0]).toMatchObject({ kind: 'deliberation.raised', text: '东庄村 有新议题：村口路灯不亮', link: expect.stringMatching(/^\/deliberation\/\d+$/) });
    });

    it('lists the places where I may raise a topic: my village, and for a grid resident the grid and its village', async () => {
      expect((await w.as.resident.get('/api/deliberation/places')).json().items.map((p: { name: string }) => p.name)).toEqual(['东庄村']);
      expect((await gridResident.get('/api/deliberation/places')).json().items.map((p: { name: string }) => p.name).sort()).toEqual(['东庄一网格', '东庄村'].sort());
      expect((await w.as.memberA.get('/api/deliberation/places')).json().items.map((p: { name: string }) => p.name)).toEqual(['东庄村']);
    });

    it('refuses the neighbouring village (not found), a unit that is not a place, and a too short title in the user’s language', async () => {
      expect((await raise(w.as.resident, { unitId: w.units.villageB })).statusCode).toBe(404);
      const branch = await raise(w.as.memberA, { unitId: w.units.branchA });
      expect(branch.statusCode).toBe(422);
      expect(branch.json().error).toMatchObject({ code: 'deliberation.not_place_unit', message: '议题须提在村、社区或网格' });
      const bad = await raise(w.as.resident, { title: 'x', category: 'nonsense' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'title']);
      expect(await audit('deliberation.raise')).toHaveLength(1);
    });

    it('a grid resident raises a topic for their grid; a village resident cannot raise one there', async () => {
      const res = await raise(gridResident, { unitId: gridA1, title: '一网格楼道堆物', description: '楼道堆放杂物，存在消防隐患。', category: 'safety' });
      expect(res.statusCode, res.body).toBe(201);
      expect((await raise(w.as.resident, { unitId: gridA1 })).statusCode).toBe(404);
    });
  });

  describe('who sees topics', () => {
    it('the people of the village see its topics and its grids’ topics; the neighbouring village sees none', async () => {
      const titles = async (c: Client) => (await c.get('/api/deliberation/topics')).json().items.map((t: { title: string }) => t.title).sort();
      expect(await titles(w.as.resident)).toEqual(['一网格楼道堆物', '村口路灯不亮'].sort());
      expect(await titles(w.as.memberA)).toEqual(['一网格楼道堆物', '村口路灯不亮'].sort());
      expect(await titles(gridResident)).toEqual(['一网格楼道堆物', '村口路灯不亮'].sort());
      expect(await titles(w.as.secretaryA)).toEqual(['一网格楼道堆物', '村口路灯不亮'].sort());
      expect(await titles(w.as.countyAdmin)).toEqual(['一网格楼道堆物', '村口路灯不亮'].sort());
      expect(await titles(w.as.secretaryB)).toEqual([]);
      expect(await titles(w.as.adminB)).toEqual([]);
      const id = (await w.as.resident.get('/api/deliberation/topics')).json().items[0].id;
      const outside = await w.as.secretaryB.get(`/api/deliberation/topics/${id}`);
      const missing = await w.as.secretaryB.get('/api/deliberation/topics/999999');
      expect(outside.statusCode).toBe(404);
      expect(outside.json()).toEqual(missing.json());
      expect((await w.as.adminB.get(`/api/deliberation/topics?unitId=${w.units.villageA}`)).statusCode).toBe(404);
    });
  });

  describe('the whole life of a topic', () => {
    let topic: number;
    let comment: number;

    beforeAll(async () => {
      topic = (await raise(neighbour, { title: '修建村民文化广场', description: '建议利用村东空地修建文化广场。', category: 'public_service' })).json().id;
    });

    it('residents discuss it; resident text comes back exactly as written, to be shown as text', async () => {
      const res = await w.as.resident.post(`/api/deliberation/topics/${topic}/comments`, { body: XSS });
      expect(res.statusCode, res.body).toBe(201);
      comment = res.json().id;
      expect((await w.as.memberA.post(`/api/deliberation/topics/${topic}/comments`, { body: '赞成，广场可以兼做应急避难场所。' })).statusCode).toBe(201);
      expect((await gridResident.post(`/api/deliberation/topics/${topic}/comments`, { body: '一网格也支持。' })).statusCode).toBe(201);
      const list = (await neighbour.get(`/api/deliberation/topics/${topic}/comments`)).json();
      expect(list.items).toHaveLength(3);
      expect(list.items[0]).toMatchObject({ body: XSS, hidden: false, mine: false, author: { id: w.users.resident.id } });
      expect(list.items[0]).not.toHaveProperty('reports');
      expect(list.canModerate).toBe(false);
      expect((await w.as.secretaryB.post(`/api/deliberation/topics/${topic}/comments`, { body: '越权评论' })).statusCode).toBe(404);
      expect(await audit('deliberation.comment')).toHaveLength(3);
    });

    it('a comment is reported once per person, never by its author, and hidden after three reports', async () => {
      const own = await w.as.resident.post(`/api/deliberation/comments/${comment}/report`, { reason: '自己' });
      expect(own.statusCode).toBe(422);
      expect(own.json().error.code).toBe('deliberation.own_comment');
      const first = await neighbour.post(`/api/deliberation/comments/${comment}/report`, { reason: '含有可疑代码' });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toEqual({ id: comment, reports: 1, hidden: false });
      const again = await neighbour.post(`/api/deliberation/comments/${comment}/report`, { reason: '再举报' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toBe('您已举报过这条评论');
      expect((await w.as.memberA.post(`/api/deliberation/comments/${comment}/report`, {})).json()).toEqual({ id: comment, reports: 2, hidden: false });
      expect((await w.as.secretaryB.post(`/api/deliberation/comments/${comment}/report`, {})).statusCode).toBe(404);
      expect((await gridResident.post(`/api/deliberation/comments/${comment}/report`, {})).json()).toEqual({ id: comment, reports: 3, hidden: true });
      expect(await audit('deliberation.report')).toHaveLength(3);
      expect(await audit('deliberation.auto_hide')).toEqual([expect.objectContaining({ entity_id: String(comment), actor_user_id: gridResidentId })]);
    });

    it('a hidden comment shows without text to others, with text to its author and to moderators', async () => {
      const other = (await neighbour.get(`/api/deliberation/topics/${topic}/comments`)).json().items[0];
      expect(other).toMatchObject({ id: comment, body: null, hidden: true, reportedByMe: true });
      const author = (await w.as.resident.get(`/api/deliberation/topics/${topic}/comments`)).json().items[0];
      expect(author).toMatchObject({ body: XSS, hidden: true, mine: true });
      const moderator = (await w.as.secretaryA.get(`/api/deliberation/topics/${topic}/comments`)).json();
      expect(moderator.canModerate).toBe(true);
      expect(moderator.items[0]).toMatchObject({ body: XSS, hidden: true, state: 'auto_hidden', reports: 3 });
    });

    it('a moderator of the place restores it (and that stands against later reports) or hides it; others may not', async () => {
      // The grid worker moderates grid 1 only, not the village’s own topics.
      expect((await gridWorker.post(`/api/deliberation/comments/${comment}/restore`, { reason: '误报' })).statusCode).toBe(404);
      expect((await w.as.resident.post(`/api/deliberation/comments/${comment}/restore`, {})).statusCode).toBe(403);
      expect((await w.as.adminB.post(`/api/deliberation/comments/${comment}/restore`, {})).statusCode).toBe(404);
      const restored = await w.as.secretaryA.post(`/api/deliberation/comments/${comment}/restore`, { reason: '内容无害，只是文字' });
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toEqual({ id: comment, state: 'restored', hidden: false });
      expect((await w.as.secretaryA.post(`/api/deliberation/comments/${comment}/restore`, {})).json().error.code).toBe('deliberation.comment_not_hidden');
      // Officers above the village moderate by scope but are not its people: they do not report.
      expect((await w.as.countyAdmin.post(`/api/deliberation/comments/${comment}/report`, {})).json().error.code).toBe('deliberation.not_place_person');
      expect((await gridWorker.post(`/api/deliberation/comments/${comment}/report`, {})).json()).toEqual({ id: comment, reports: 4, hidden: false });
      const hidden = await w.as.secretaryA.post(`/api/deliberation/comments/${comment}/hide`, { reason: '确认违规' });
      expect(hidden.json()).toEqual({ id: comment, state: 'hidden', hidden: true });
      expect((await w.as.secretaryA.post(`/api/deliberation/comments/${comment}/hide`, {})).statusCode).toBe(409);
      expect((await audit('deliberation.restore')).map((a) => JSON.parse(a.after_json!))).toEqual([{ state: 'restored', reason: '内容无害，只是文字' }]);
      expect((await audit('deliberation.hide')).map((a) => [JSON.parse(a.before_json!), a.actor_user_id])).toEqual([[{ state: 'restored' }, w.users.secretaryA.id]]);
    });

    it('residents cannot move the topic; the neighbouring village’s secretary cannot either', async () => {
      const body = { scheduledAt: at(48), place: '村委会议室', attendees: ['王书记'] };
      expect((await w.as.resident.post(`/api/deliberation/topics/${topic}/council`, body)).statusCode).toBe(403);
      expect((await w.as.secretaryB.post(`/api/deliberation/topics/${topic}/council`, body)).statusCode).toBe(404);
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/vote`, { closesAt: at(72) })).json().error.code).toBe('deliberation.not_in_council');
    });

    it('open → council: the secretary schedules the council meeting, then records attendees and minutes', async () => {
      expect((await w.as.secretaryA.patch(`/api/deliberation/topics/${topic}/council`, { minutes: '纪要' })).json().error.code).toBe('deliberation.no_council');
      const res = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/council`, { scheduledAt: at(48), place: '村委会议室', attendees: ['王书记', '李主任'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'council', council: { scheduledAt: at(48), place: '村委会议室', attendees: ['王书记', '李主任'], minutes: null }, nextActions: ['open_vote', 'close'] });
      const minutes = await w.as.secretaryA.patch(`/api/deliberation/topics/${topic}/council`, { attendees: ['王书记', '李主任', '张三'], minutes: '与会代表一致同意将方案提交全体村民表决。' });
      expect(minutes.json().council).toMatchObject({ attendees: ['王书记', '李主任', '张三'], minutes: '与会代表一致同意将方案提交全体村民表决。', minutesBy: w.users.secretaryA.username });
      expect(await audit('deliberation.schedule_council')).toHaveLength(1);
      expect(await audit('deliberation.council')).toHaveLength(1);
    });

    it('council → voting: options are checked; the closing time must lie ahead', async () => {
      const dup = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/vote`, { options: ['同意', '同意'], closesAt: at(72) });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.details[0]).toMatchObject({ field: 'options', code: 'deliberation.options_duplicate', message: '表决选项不能重复' });
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/vote`, { closesAt: at(-1) })).json().error.details[0].code).toBe('deliberation.closes_in_past');
      const res = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/vote`, { closesAt: at(72) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'voting', vote: { options: ['同意', '不同意', '弃权'], open: true, votes: 0, counts: null, myChoice: null } });
      // Every one of the village's people is told to vote; officers above it are not voters.
      const told = await env.deps.database.db.selectFrom('notification').select(['user_id', 'unit_id', 'title']).where('kind', '=', 'deliberation.vote_opened').execute();
      expect(told).toHaveLength(6);
      expect(told.map((n) => n.user_id)).not.toContain(w.users.countyAdmin.id);
      expect(told.map((n) => n.user_id)).toContain(gridResidentId);
      expect(new Set(told.map((n) => `${n.unit_id} ${n.title}`))).toEqual(new Set([`${w.units.villageA} 修建村民文化广场`]));
    });

    it('one person, one vote, changeable while open; the tally stays sealed; turnout counts the people of the village', async () => {
      expect((await w.as.resident.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 0 })).statusCode).toBe(200);
      expect((await neighbour.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 1 })).statusCode).toBe(200);
      const changed = await neighbour.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 0 });
      expect(changed.json().vote).toMatchObject({ myChoice: 0, votes: 2, counts: null });
      expect((await w.as.memberA.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 2 })).statusCode).toBe(200);
      expect((await gridResident.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 1 })).statusCode).toBe(200);
      const unknown = await w.as.resident.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 7 });
      expect(unknown.json().error.code).toBe('deliberation.option_unknown');
      const rows = await env.deps.database.db.selectFrom('deliberation_ballot').selectAll().where('topic_id', '=', topic).execute();
      expect(rows).toHaveLength(4);
      // People with a role in village A: its secretary, two residents, the member of its branch,
      // the grid resident and the grid worker.
      const v = (await topicOf(w.as.secretaryA, topic)).vote;
      expect(v).toMatchObject({ votes: 4, electorate: 6, turnout: 66.7, counts: null, myChoice: null });
      const history = await audit('deliberation.vote_change');
      expect(history.map((a) => [a.actor_user_id, JSON.parse(a.before_json!), JSON.parse(a.after_json!)])).toEqual([[neighbourId, { option: 1, label: '不同意' }, { option: 0, label: '同意' }]]);
      expect(await audit('deliberation.vote')).toHaveLength(4);
    });

    it('votes from outside the village are refused with a clear error', async () => {
      const county = await w.as.countyAdmin.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 0 });
      expect(county.statusCode).toBe(422);
      expect(county.json().error).toMatchObject({ code: 'deliberation.vote_outside', message: '您不是本社区（村）或本网格的居民，不能参加这次表决' });
      const en = await login(env.app, w.users.countyAdmin.username, undefined, 'en');
      expect((await en.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 0 })).json().error.message).toBe('You are not a resident of this community (village) or grid, so you cannot vote here.');
      expect((await w.as.secretaryB.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 0 })).statusCode).toBe(404);
      expect((await w.as.adminB.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 0 })).statusCode).toBe(404);
    });

    it('voting → decided only after the vote closes; then nobody may vote or change a vote', async () => {
      const early = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/decide`, { decision: '同意修建' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('deliberation.vote_still_open');
      await moveClock(73);
      const late = await w.as.resident.request('PUT', `/api/deliberation/topics/${topic}/ballot`, { option: 1 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toBe('表决已结束，不能再投票或改票');
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/vote/close`)).json().error.code).toBe('deliberation.vote_closed');
      const after = (await topicOf(w.as.resident, topic)).vote;
      expect(after).toMatchObject({ open: false, counts: [2, 1, 1], leading: [0], votes: 4, myChoice: 0 });
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/decide`, { decision: ' ' })).json().error.details[0].code).toBe('deliberation.decision_required');
      const res = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/decide`, { decision: '同意在村东空地修建文化广场，年内完工。' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'decided', decision: '同意在村东空地修建文化广场，年内完工。', vote: { electorate: 6, turnout: 66.7 } });
      expect(JSON.parse((await audit('deliberation.decide'))[0]!.after_json!)).toMatchObject({ status: 'decided', tally: [2, 1, 1], electorate: 6 });
    });

    it('follow-up actions are tracked: a delay needs a note; the topic completes only when all are done', async () => {
      const add = (title: string, dueOn: string) => w.as.secretaryA.post(`/api/deliberation/topics/${topic}/actions`, { title, responsibleUnitId: w.units.villageA, responsiblePerson: '李主任', dueOn });
      const a1 = await add('平整场地', '2026-05-20');
      expect(a1.statusCode, a1.body).toBe(201);
      expect(a1.json()).toMatchObject({ title: '平整场地', responsibleUnit: { id: w.units.villageA, name: '东庄村' }, responsiblePerson: '李主任', status: 'not_started', progress: 0, overdue: false });
      const a2 = (await add('安装健身器材', '2026-06-30')).json().id;
      expect((await w.as.resident.post(`/api/deliberation/topics/${topic}/actions`, { title: '越权', responsiblePerson: '某' })).statusCode).toBe(403);
      const started = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/start`);
      expect(started.json()).toMatchObject({ status: 'implementing', nextActions: ['complete', 'close'] });
      expect((await w.as.secretaryA.patch(`/api/deliberation/actions/${a1.json().id}`, { status: 'in_progress', progress: 40 })).json()).toMatchObject({ status: 'in_progress', progress: 40 });
      const noNote = await w.as.secretaryA.patch(`/api/deliberation/actions/${a2}`, { status: 'delayed' });
      expect(noNote.statusCode).toBe(422);
      expect(noNote.json().error.message).toBe('延期须说明原因');
      expect((await w.as.secretaryA.patch(`/api/deliberation/actions/${a2}`, { status: 'delayed', note: '器材供应商延迟发货', dueOn: '2026-07-31' })).json()).toMatchObject({ status: 'delayed', note: '器材供应商延迟发货', dueOn: '2026-07-31' });
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/complete`)).json().error.code).toBe('deliberation.actions_not_done');
      expect((await w.as.secretaryB.patch(`/api/deliberation/actions/${a2}`, { status: 'done' })).statusCode).toBe(404);
      await moveClock(30 * 24);
      expect((await topicOf(w.as.resident, topic)).actions.map((a: { overdue: boolean }) => a.overdue)).toEqual([true, false]);
      expect((await w.as.secretaryA.patch(`/api/deliberation/actions/${a1.json().id}`, { status: 'done' })).json()).toMatchObject({ status: 'done', progress: 100, overdue: false });
      expect((await w.as.secretaryA.patch(`/api/deliberation/actions/${a1.json().id}`, { status: 'in_progress' })).json().error.code).toBe('deliberation.action_done');
      expect((await w.as.secretaryA.patch(`/api/deliberation/actions/${a2}`, { status: 'done' })).statusCode).toBe(200);
      const done = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/complete`);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ status: 'completed', progress: 100, nextActions: [] });
      expect(await audit('deliberation.action_update')).toHaveLength(4);
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/close`, { reason: '重复' })).json().error.code).toBe('deliberation.topic_final');
      expect((await neighbour.post(`/api/deliberation/topics/${topic}/comments`, { body: '完工了' })).json().error.code).toBe('deliberation.discussion_closed');
    });

    it('the public accountability page shows the decision, the vote and the actions — nothing personal', async () => {
      const res = await anonymous(env.app).get('/api/public/deliberation?unit=C01A');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.unit).toEqual({ code: 'C01A', name: '东庄村', kind: 'village' });
      const t = page.topics.find((x: { id: number }) => x.id === topic);
      expect(t).toMatchObject({ status: 'completed', decision: '同意在村东空地修建文化广场，年内完工。', vote: { open: false, counts: [2, 1, 1], votes: 4, electorate: 6 }, progress: 100 });
      expect(t.actions.map((a: { title: string; status: string; responsible: string }) => [a.title, a.status, a.responsible])).toEqual([['平整场地', 'done', '东庄村 李主任'], ['安装健身器材', 'done', '东庄村 李主任']]);
      expect(page.topics.map((x: { unitName: string }) => x.unitName)).toContain('东庄一网格');
      expect(page.figures).toMatchObject({ actions: 2, actionsDone: 2 });
      expect(res.body).not.toContain(XSS.slice(0, 8));
      expect(res.body).not.toContain(w.users.resident.username);
      expect(res.body).not.toContain('raisedBy');
      expect((await anonymous(env.app).get('/api/public/deliberation?unit=NOPE')).statusCode).toBe(404);
      expect((await anonymous(env.app).get('/api/public/deliberation?unit=C01A1')).statusCode).toBe(404);
    });
  });

  describe('other endings and the grid council', () => {
    it('open → rejected with a reason; council → closed with a reason', async () => {
      await moveClock(0);
      const t1 = (await raise(w.as.memberA, { title: '要求村里发放过节费' })).json().id;
      const noReason = await w.as.secretaryA.post(`/api/deliberation/topics/${t1}/reject`, { reason: '' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().error.code).toBe('deliberation.reason_required');
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${t1}/close`, { reason: '不属于议事范围' })).json().error.code).toBe('deliberation.not_in_council');
      const rejected = await w.as.secretaryA.post(`/api/deliberation/topics/${t1}/reject`, { reason: '不属于村民议事范围' });
      expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '不属于村民议事范围', nextActions: [] });
      const t2 = (await raise(w.as.memberA, { title: '调整垃圾清运时间' })).json().id;
      await w.as.secretaryA.post(`/api/deliberation/topics/${t2}/council`, { scheduledAt: at(24), place: '村委会', attendees: [] });
      const closed = await w.as.secretaryA.post(`/api/deliberation/topics/${t2}/close`, { reason: '已与保洁公司协商解决' });
      expect(closed.json()).toMatchObject({ status: 'closed', reason: '已与保洁公司协商解决' });
    });

    it('a grid topic is voted on by the grid’s people only and moderated by its grid worker; the vote can be closed early', async () => {
      const t = (await gridResident.get('/api/deliberation/topics?status=open')).json().items.find((x: { title: string }) => x.title === '一网格楼道堆物').id;
      const c = (await gridResident.post(`/api/deliberation/topics/${t}/comments`, { body: '请网格员协调清理' })).json().id;
      expect((await gridWorker.post(`/api/deliberation/comments/${c}/hide`, { reason: '测试' })).statusCode).toBe(200);
      expect((await gridWorker.post(`/api/deliberation/comments/${c}/restore`, { reason: '测试' })).statusCode).toBe(200);
      // The grid worker moderates but does not manage: the council is for the village secretary.
      expect((await gridWorker.post(`/api/deliberation/topics/${t}/council`, { scheduledAt: at(2), place: '楼道口', attendees: [] })).statusCode).toBe(403);
      await w.as.secretaryA.post(`/api/deliberation/topics/${t}/council`, { scheduledAt: at(2), place: '楼道口', attendees: [] });
      const opened = await w.as.secretaryA.post(`/api/deliberation/topics/${t}/vote`, { options: ['限期清理', '统一搬运'], closesAt: at(100) });
      expect(opened.json().vote).toMatchObject({ options: ['限期清理', '统一搬运'], electorate: 2 });
      expect((await gridResident.request('PUT', `/api/deliberation/topics/${t}/ballot`, { option: 1 })).statusCode).toBe(200);
      const villager = await w.as.resident.request('PUT', `/api/deliberation/topics/${t}/ballot`, { option: 0 });
      expect(villager.statusCode).toBe(422);
      expect(villager.json().error.code).toBe('deliberation.vote_outside');
      expect((await w.as.resident.get(`/api/deliberation/topics/${t}`)).json().rights).toMatchObject({ see: true, discuss: true, vote: false });
      const closed = await w.as.secretaryA.post(`/api/deliberation/topics/${t}/vote/close`);
      expect(closed.json().vote).toMatchObject({ open: false, counts: [0, 1], turnout: 50 });
      expect(await audit('deliberation.close_vote')).toHaveLength(1);
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${t}/decide`, { decision: '统一搬运' })).json().status).toBe('decided');
      expect((await w.as.secretaryA.post(`/api/deliberation/topics/${t}/close`, { reason: '业主自行清理完毕' })).json().status).toBe('closed');
    });
  });

  describe('the report threshold', () => {
    it('is set by a system administrator only, and applies at once', async () => {
      expect((await w.as.resident.get('/api/deliberation/settings')).json()).toEqual({ hideAfterReports: 3 });
      expect((await w.as.countyAdmin.request('PUT', '/api/deliberation/settings', { hideAfterReports: 1 })).statusCode).toBe(403);
      expect((await w.as.admin.request('PUT', '/api/deliberation/settings', { hideAfterReports: 0 })).json().error.details[0].code).toBe('deliberation.hide_after_invalid');
      expect((await w.as.admin.request('PUT', '/api/deliberation/settings', { hideAfterReports: 1 })).json()).toEqual({ hideAfterReports: 1 });
      const t = (await raise(w.as.resident, { title: '停车位分配' })).json().id;
      const c = (await w.as.resident.post(`/api/deliberation/topics/${t}/comments`, { body: '按户抽签' })).json().id;
      expect((await neighbour.post(`/api/deliberation/comments/${c}/report`, { reason: '广告' })).json()).toEqual({ id: c, reports: 1, hidden: true });
      expect((await topicOf(neighbour, t)).hideAfterReports).toBe(1);
      expect(await audit('update')).toEqual([expect.objectContaining({ entity_id: 'deliberation.hide_after_reports', before_json: '3', after_json: '1' })]);
    });
  });

  describe('correcting a topic', () => {
    const edit = (c: Client, id: number, body: Record<string, unknown>) => c.request('PATCH', `/api/deliberation/topics/${id}`, body);
    const sa = () => w.as.secretaryA;
    /** A topic raised by the village's resident, taken to `status` by its secretary. */
    async function topicIn(status: string) {
      const id = (await raise(w.as.resident, { title: `议题（${status}）`, description: '原来的说明文字' })).json().id as number;
      const post = async (path: string, body: Record<string, unknown> = {}) => {
        const r = await sa().post(`/api/deliberation/topics/${id}/${path}`, body);
        expect(r.statusCode, `${path}: ${r.body}`).toBe(200);
      };
      if (status === 'rejected') await post('reject', { reason: '不属于议事范围' });
      if (status === 'open' || status === 'rejected') return id;
      await post('council', { scheduledAt: at(24), place: '村委会', attendees: [] });
      if (status === 'closed') await post('close', { reason: '已协商解决' });
      if (status === 'council' || status === 'closed') return id;
      await post('vote', { closesAt: at(200) });
      if (status === 'voting') return id;
      await post('vote/close');
      await post('decide', { decision: '同意实施' });
      if (status === 'decided') return id;
      await post('start');
      if (status === 'implementing') return id;
      const action = (await sa().post(`/api/deliberation/topics/${id}/actions`, { title: '落实', responsiblePerson: '李主任' })).json().id;
      await sa().patch(`/api/deliberation/actions/${action}`, { status: 'done' });
      await post('complete');
      return id;
    }

    // Every state × who asks (nobody has commented): 'ok' or the refusal.
    const TABLE: Array<[string, string, string]> = [
      // state          author (the resident who raised it)   manager (the village secretary)
      ['open', 'ok', 'ok'],
      ['council', 'ok', 'ok'],
      ['voting', 'deliberation.edit_after_vote', 'deliberation.edit_after_vote'],
      ['decided', 'deliberation.edit_after_vote', 'deliberation.edit_after_vote'],
      ['implementing', 'deliberation.edit_after_vote', 'deliberation.edit_after_vote'],
      ['completed', 'deliberation.topic_final', 'deliberation.topic_final'],
      ['rejected', 'deliberation.topic_final', 'deliberation.topic_final'],
      ['closed', 'deliberation.topic_final', 'deliberation.topic_final'],
    ];
    for (const [status, author, manager] of TABLE) {
      it(`${status}: its author → ${author}, a manager → ${manager}, anyone else → 403`, async () => {
        await moveClock(0);
        const id = await topicIn(status);
        const expectAnswer = async (c: Client, want: string, title: string) => {
          const before = (await topicOf(c, id)).canEdit;
          const res = await edit(c, id, { title });
          if (want === 'ok') {
            expect(before).toBe(true);
            expect(res.statusCode, res.body).toBe(200);
            expect(res.json().title).toBe(title);
          } else {
            expect(before).toBe(false);
            expect(res.statusCode, res.body).toBe(409);
            expect(res.json().error.code).toBe(want);
          }
        };
        await expectAnswer(w.as.resident, author, `提出人改过的标题 ${status}`);
        await expectAnswer(w.as.secretaryA, manager, `书记改过的标题 ${status}`);
        for (const other of [neighbour, gridWorker, w.as.memberA]) {
          expect((await topicOf(other, id)).canEdit).toBe(false);
          const res = await edit(other, id, { title: '别人改的标题' });
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json().error.code).toBe('deliberation.not_editor');
        }
        expect((await edit(w.as.secretaryB, id, { title: '越权修改' })).statusCode).toBe(404);
      });
    }

    it('every correction is audited with before and after; the topic shows 已编辑 with the time and who', async () => {
      await moveClock(1);
      const id = await topicIn('open');
      expect((await topicOf(w.as.resident, id))).toMatchObject({ editedAt: null, editedBy: null });
      await moveClock(2);
      const res = await edit(w.as.resident, id, { title: '村口路灯不亮（三盏）', description: '村口三盏路灯坏了一个月。' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ title: '村口路灯不亮（三盏）', description: '村口三盏路灯坏了一个月。', editedAt: at(2), editedBy: { id: w.users.resident.id } });
      const entries = (await audit('deliberation.edit')).filter((a) => a.entity_id === String(id));
      expect(entries.map((a) => [a.actor_user_id, JSON.parse(a.before_json!), JSON.parse(a.after_json!)])).toEqual([
        [w.users.resident.id, { title: '议题（open）', description: '原来的说明文字' }, { title: '村口路灯不亮（三盏）', description: '村口三盏路灯坏了一个月。' }],
      ]);
      // Only what changed is recorded; the same text again is no correction at all.
      await moveClock(3);
      const secretary = await edit(w.as.secretaryA, id, { title: '村口路灯不亮（三盏）', description: '村口三盏路灯坏了一个月，请尽快更换。' });
      expect(secretary.json()).toMatchObject({ editedAt: at(3), editedBy: { id: w.users.secretaryA.id } });
      const last = (await audit('deliberation.edit')).filter((a) => a.entity_id === String(id)).at(-1)!;
      expect([JSON.parse(last.before_json!), JSON.parse(last.after_json!)]).toEqual([{ description: '村口三盏路灯坏了一个月。' }, { description: '村口三盏路灯坏了一个月，请尽快更换。' }]);
      const count = (await audit('deliberation.edit')).length;
      expect((await edit(w.as.secretaryA, id, { title: '村口路灯不亮（三盏）' })).json().editedAt).toBe(at(3));
      expect(await audit('deliberation.edit')).toHaveLength(count);
      // The list carries the mark too.
      expect((await w.as.resident.get('/api/deliberation/topics?pageSize=100')).json().items.find((t: { id: number }) => t.id === id).editedAt).toBe(at(3));
    });

    it('once someone has commented (even a comment since hidden), only a manager corrects it; clear errors in zh and en', async () => {
      await moveClock(0);
      const id = await topicIn('open');
      const c = (await neighbour.post(`/api/deliberation/topics/${id}/comments`, { body: '支持' })).json().id;
      await w.as.secretaryA.post(`/api/deliberation/comments/${c}/hide`, { reason: '测试' });
      const refused = await edit(w.as.resident, id, { description: '改了说明' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'deliberation.edit_after_comments', message: '已有人发表评论，提出人不能再修改议题；如需更正，请联系村（社区）书记' });
      const en = await login(env.app, w.users.resident.username, undefined, 'en');
      expect((await edit(en, id, { description: '改了说明' })).json().error.message).toBe('Someone has already commented, so the topic can no longer be edited by the person who raised it; ask the secretary to correct it.');
      expect((await topicOf(w.as.resident, id)).canEdit).toBe(false);
      expect((await edit(w.as.secretaryA, id, { description: '书记更正的说明' })).statusCode).toBe(200);
      const empty = await edit(w.as.secretaryA, id, {});
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.details[0]).toMatchObject({ code: 'deliberation.edit_nothing', message: '请填写要修改的标题或内容' });
      expect((await edit(w.as.secretaryA, id, { title: 'x' })).statusCode).toBe(400);
    });
  });

  describe('the discussion in pages', () => {
    let topic: number;
    let all: number[];
    beforeAll(async () => {
      await moveClock(0);
      topic = (await raise(w.as.resident, { title: '村级公益岗位设置' })).json().id;
      const voices = [w.as.resident, neighbour, w.as.memberA, gridResident];
      all = [];
      for (let i = 1; i <= 25; i++) all.push((await voices[i % voices.length]!.post(`/api/deliberation/topics/${topic}/comments`, { body: `第 ${i} 条意见` })).json().id);
      // Two hidden by the moderator, on different pages.
      await w.as.secretaryA.post(`/api/deliberation/comments/${all[3]}/hide`, { reason: '重复' });
      await w.as.secretaryA.post(`/api/deliberation/comments/${all[17]}/hide`, { reason: '无关' });
    });
    const page = (c: Client, cursor?: number, limit = 10) => c.get(`/api/deliberation/topics/${topic}/comments?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);

    it('pages come oldest first with a cursor; together they hold every comment once; the figures cover the whole discussion', async () => {
      const seen: number[] = [];
      let cursor: number | undefined;
      const pages = [];
      do {
        const res = await page(neighbour, cursor);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        pages.push(body);
        seen.push(...body.items.map((c: { id: number }) => c.id));
        cursor = body.nextCursor ?? undefined;
      } while (cursor);
      expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
      expect(seen).toEqual(all);
      expect(pages.map((p) => p.nextCursor)).toEqual([all[9], all[19], null]);
      // Hidden comments keep their place and count, without text, for everyone.
      expect(pages.every((p) => p.total === 25)).toBe(true);
      expect(pages.every((p) => !('hiddenCount' in p))).toBe(true);
      expect(pages[0].items[3]).toMatchObject({ id: all[3], hidden: true, body: null });
      // The default page is 20, the largest 100.
      expect((await w.as.resident.get(`/api/deliberation/topics/${topic}/comments`)).json()).toMatchObject({ total: 25, nextCursor: all[19] });
      expect((await page(neighbour, undefined, 101)).statusCode).toBe(400);
      expect((await page(neighbour, all[24])).json()).toMatchObject({ items: [], nextCursor: null, total: 25 });
    });

    it('moderators see how many are hidden on every page, with their text and state', async () => {
      for (const cursor of [undefined, all[9], all[19]]) {
        const body = (await page(w.as.secretaryA, cursor)).json();
        expect(body).toMatchObject({ total: 25, hiddenCount: 2, canModerate: true });
      }
      const second = (await page(w.as.secretaryA, all[9])).json();
      expect(second.items[7]).toMatchObject({ id: all[17], hidden: true, state: 'hidden', body: '第 18 条意见' });
      await w.as.secretaryA.post(`/api/deliberation/comments/${all[17]}/restore`, { reason: '误隐藏' });
      expect((await page(w.as.secretaryA, all[19])).json().hiddenCount).toBe(1);
      expect((await topicOf(w.as.resident, topic)).commentCount).toBe(25);
    });
  });

  describe('council attendance', () => {
    let topic: number;
    beforeAll(async () => {
      await moveClock(0);
      topic = (await raise(gridResident, { unitId: gridA1, title: '一网格加装电动车充电桩', description: '楼下电动车私拉电线充电，存在火灾隐患。', category: 'safety' })).json().id;
    });
    const candidates = (c: Client, q = '') => c.get(`/api/deliberation/topics/${topic}/council/candidates${q ? `?q=${encodeURIComponent(q)}` : ''}`);

    it('the recorder picks from the members and accounts of the village (a grid topic too), never from the neighbouring village', async () => {
      const res = await candidates(w.as.secretaryA);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Array<{ memberId: number | null; userId: number | null; name: string }>;
      expect(items.filter((i) => i.memberId !== null).map((i) => [i.memberId, i.name])).toEqual([[w.members.a, '张三']]);
      const accounts = items.filter((i) => i.userId !== null).map((i) => i.userId);
      expect(accounts).toEqual(expect.arrayContaining([w.users.resident.id, neighbourId, gridResidentId, w.users.secretaryA.id]));
      expect(accounts).not.toContain(w.users.secretaryB.id);
      expect(accounts).not.toContain(w.users.countyAdmin.id);
      expect(res.body).not.toContain('李四');
      expect((await candidates(w.as.secretaryA, '张')).json().items.map((i: { name: string }) => i.name)).toEqual(['张三']);
      expect((await candidates(w.as.secretaryA, w.users.resident.username)).json().items.map((i: { userId: number }) => i.userId)).toEqual([w.users.resident.id]);
      expect((await candidates(w.as.resident)).statusCode).toBe(403);
      expect((await candidates(w.as.secretaryB)).statusCode).toBe(404);
    });

    it('picked people are stored beside free-text names and counted; each list replaces its own kind; audited', async () => {
      const res = await w.as.secretaryA.post(`/api/deliberation/topics/${topic}/council`, {
        scheduledAt: at(30), place: '一网格活动室', attendees: ['老周（无账号）'], memberIds: [w.members.a], userIds: [gridResidentId, neighbourId],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().council).toMatchObject({
        attendees: ['老周（无账号）'],
        people: [{ memberId: w.members.a, userId: null, name: '张三' }, { memberId: null, userId: gridResidentId }, { memberId: null, userId: neighbourId }],
        attendance: { people: 3, guests: 1, total: 4 },
      });
      const rows = await env.deps.database.db.selectFrom('deliberation_council_attendee').selectAll().where('topic_id', '=', topic).execute();
      expect(rows).toHaveLength(3);
      // At the meeting the neighbour did not come: the accounts list is replaced, the member stays.
      const patched = await w.as.secretaryA.patch(`/api/deliberation/topics/${topic}/council`, { userIds: [gridResidentId], minutes: '与会人员同意在楼下空地加装充电桩。' });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json().council.people.map((p: { memberId: number | null; userId: number | null }) => p.memberId ?? p.userId)).toEqual([w.members.a, gridResidentId]);
      expect(patched.json().council.attendance).toEqual({ people: 2, guests: 1, total: 3 });
      const entry = (await audit('deliberation.council')).filter((a) => a.entity_id === String(topic)).at(-1)!;
      expect(JSON.parse(entry.before_json!).people).toHaveLength(3);
      expect(JSON.parse(entry.after_json!)).toMatchObject({ minutes: '与会人员同意在楼下空地加装充电桩。', people: [{ memberId: w.members.a, name: '张三' }, { userId: gridResidentId }] });
      const scheduled = (await audit('deliberation.schedule_council')).filter((a) => a.entity_id === String(topic));
      expect(JSON.parse(scheduled[0]!.after_json!).people).toHaveLength(3);
      // A person's attendance across councils can be counted from the rows.
      const counted = await env.deps.database.db.selectFrom('deliberation_council_attendee').select((eb) => eb.fn.countAll().as('n')).where('member_id', '=', w.members.a).executeTakeFirstOrThrow();
      expect(Number(counted.n)).toBe(1);
    });

    it('someone from outside the village cannot be counted in; nothing changes', async () => {
      const member = await w.as.secretaryA.patch(`/api/deliberation/topics/${topic}/council`, { memberIds: [w.members.b] });
      expect(member.statusCode).toBe(400);
      expect(member.json().error.details[0]).toMatchObject({ field: 'memberIds', code: 'deliberation.attendee_outside', message: '从名单中选择的参会人员须为本村（社区）的党员或居民' });
      const account = await w.as.secretaryA.patch(`/api/deliberation/topics/${topic}/council`, { userIds: [w.users.secretaryB.id] });
      expect(account.json().error.details[0].field).toBe('userIds');
      expect((await topicOf(w.as.secretaryA, topic)).council.attendance).toEqual({ people: 2, guests: 1, total: 3 });
    });
  });
});
