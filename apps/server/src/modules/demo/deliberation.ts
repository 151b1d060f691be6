// The demo village's deliberation hall (议事厅): last month's topic on a culture square, discussed
// (one advertising comment reported and hidden), taken to the council with minutes, voted on,
// decided and now being implemented with actions in every status; and this week's topic on
// parking, being voted on now. Written through the same services as the API, with the clock set
// to when each thing happened, so the audit log reads like the real thing.
import type { Auth, Db, Deps, RequestCtx } from '../../core/context.ts';
import { addAction, updateAction } from '../deliberation/actions.ts';
import { addComment, reportComment } from '../deliberation/discussion.ts';
import { decide, openVote, raiseTopic, scheduleCouncil, startImplementing, updateCouncil } from '../deliberation/topics.ts';
import { castBallot } from '../deliberation/votes.ts';

export interface DeliberationDemoInput {
  villageId: number;
  /** Adds a login account with one grant; returns its id. */
  addUser(trx: Db, login: string, display: string, role: string, unitId: number): Promise<number>;
  log(m: string): void;
}

const DAY = 86_400_000;

export async function generateDeliberationDemo(deps: Deps, input: DeliberationDemoInput) {
  const db = deps.database.db;
  const now = deps.now().getTime();
  const userOf = async (username: string) => (await db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow());
  const grantsOf = async (userId: number) => (await db.selectFrom('role_grant').select(['role', 'unit_id']).where('user_id', '=', userId).execute()).map((g) => ({ role: g.role, unitId: g.unit_id }) as Auth['grants'][number]);
  const as = async (userId: number, name: string, daysAgo: number, hour = 10): Promise<RequestCtx> => {
    const at = new Date(now - daysAgo * DAY + (hour - 12) * 3_600_000);
    return { deps: { ...deps, now: () => at }, auth: { userId, displayName: name, memberId: null, grants: await grantsOf(userId), sessionId: 'demo', csrfToken: '', mustChangePassword: false }, locale: 'zh-CN', ip: '127.0.0.1' };
  };
  // A few more villagers, so that a vote has a crowd.
  const villagers = await db.transaction().execute(async (trx) => {
    const ids: Array<{ id: number; name: string }> = [];
    for (const [i, name] of ['村民 王大妈', '村民 刘师傅', '村民 陈老师', '村民 赵大哥', '村民 孙阿姨'].entries()) ids.push({ id: await input.addUser(trx, `villager${i + 1}`, name, 'resident', input.villageId), name });
    return ids;
  });
  const resident = await userOf('resident');
  const secretary = await userOf('secretary');
  const member = await userOf('member');
  const people = [{ id: resident.id, name: resident.display_name }, { id: member.id, name: member.display_name }, ...villagers];

  // Last month: the culture square, from a resident's idea to the works.
  const square = (await raiseTopic(await as(resident.id, resident.display_name, 40), {
    unitId: input.villageId, category: 'public_service', title: '利用村东空地修建文化广场',
    description: '村东原砖厂旧址空地闲置多年，杂草丛生。建议平整后修建文化广场，配健身器材和路灯，晚上大家有地方跳舞散步，汛期还能做临时避难场地。',
  })).id;
  const said = ['赞成！老人孩子都有地方活动了。', '建议同时修一个小舞台，逢年过节可以办村晚。', '资金从哪里来？希望公开预算。', '广场边上要装路灯，不然晚上不安全。'];
  for (const [i, text] of said.entries()) await addComment(await as(people[i + 1]!.id, people[i + 1]!.name, 39, 9 + i), square, text);
  const ad = await addComment(await as(villagers[4]!.id, villagers[4]!.name, 39, 15), square, '低价出售自家茶叶，有意加微信详谈');
  for (const p of [resident, villagers[0]!, villagers[1]!]) await reportComment(await as(p.id, 'name' in p ? p.name : p.display_name, 39, 16), ad.id, '广告');
  await scheduleCouncil(await as(secretary.id, secretary.display_name, 36), square, { scheduledAt: new Date(now - 34 * DAY).toISOString(), place: '村委会二楼会议室', attendees: ['村党组织书记', '村委会主任', '村民代表 王大妈', '村民代表 刘师傅', '党员代表'] });
  await updateCouncil(await as(secretary.id, secretary.display_name, 34, 17), square, {
    minutes: '一、与会人员一致认为修建文化广场有利于丰富村民文化生活。\n二、资金由村集体经济收益和镇“美丽乡村”补助共同承担，预算 18 万元，张榜公示。\n三、方案提交全体村民表决，表决期 4 天。',
  });
  await openVote(await as(secretary.id, secretary.display_name, 34, 18), square, { closesAt: new Date(now - 30 * DAY).toISOString() });
  const choices = [0, 0, 0, 1, 0, 2, 0];
  for (const [i, p] of people.entries()) await castBallot(await as(p.id, p.name, 33, 8 + i), square, choices[i]!);
  await decide(await as(secretary.id, secretary.display_name, 29), square, '同意利用村东空地修建文化广场，预算 18 万元，年内完工；施工期间每月公示进度和开支。');
  const actions: Array<[string, string, number, 'done' | 'in_progress' | 'delayed' | 'not_started', string]> = [
    ['场地平整和硬化', '村委会 主任', -10, 'done', ''],
    ['安装健身器材和路灯', '村委会 主任', 20, 'in_progress', ''],
    ['修建小舞台', '村党组织书记', 10, 'delayed', '设计方案需镇规划办审核，推迟两周'],
    ['广场管理公约征求意见', '村民小组长', 45, 'not_started', ''],
  ];
  const sec = await as(secretary.id, secretary.display_name, 28);
  const ids: number[] = [];
  for (const [title, person, dueIn, , ] of actions) ids.push((await addAction(sec, square, { title, responsibleUnitId: input.villageId, responsiblePerson: person, dueOn: new Date(now + dueIn * DAY).toISOString().slice(0, 10) })).id);
  await startImplementing(sec, square);
  for (const [i, [, , , status, note]] of actions.entries()) {
    if (status === 'not_started') continue;
    const ctx = await as(secretary.id, secretary.display_name, 5 + i);
    if (status === 'delayed') await updateAction(ctx, ids[i]!, { status: 'in_progress', progress: 20, note: '' });
    await updateAction(ctx, ids[i]!, { status, progress: status === 'in_progress' ? 60 : undefined, note });
  }

  // This week: parking, being voted on now.
  const parking = (await raiseTopic(await as(member.id, member.display_name, 6), {
    unitId: input.villageId, category: 'neighbourhood', title: '规范村内道路停车',
    description: '主干道两侧乱停车，消防车和救护车进不来。建议划定停车位，夜间禁止在主干道停车。',
  })).id;
  await addComment(await as(villagers[2]!.id, villagers[2]!.name, 5), parking, '支持，上次有人急病救护车都堵在村口。');
  await scheduleCouncil(await as(secretary.id, secretary.display_name, 4), parking, { scheduledAt: new Date(now - 3 * DAY).toISOString(), place: '村委会二楼会议室', attendees: ['村党组织书记', '村委会主任', '村民代表'] });
  await updateCouncil(await as(secretary.id, secretary.display_name, 3, 17), parking, { minutes: '议定在村委会东侧和小学门口划定 40 个停车位，方案交村民表决。' });
  await openVote(await as(secretary.id, secretary.display_name, 2), parking, { options: ['同意划线停车方案', '不同意', '弃权'], closesAt: new Date(now + 5 * DAY).toISOString() });
  for (const [i, p] of people.slice(0, 4).entries()) await castBallot(await as(p.id, p.name, 1, 9 + i), parking, i === 2 ? 1 : 0);
  input.log('demo: deliberation hall — a topic being implemented, a vote in progress');
}
