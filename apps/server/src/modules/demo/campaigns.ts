// Demo campaigns for the demo county: this year's five-star evaluation of the first town in public
// notice (published a few working days ago) with one objection waiting; last year's, closed, so
// members carry their stars; and last year's county commendations with the honor roll and
// certificate numbers. The stages up to the leading group's decision are written as the pipeline
// would have left them (every step in the dossier, votes with the recommendation); the notice,
// the objections and the closing go through the same service functions as the API.
import { addDays, encodeStars, initialState, isWorkingDay, receiptCode, STAR_DIMENSIONS, type CampaignKind, type Role, type StarDimension } from '@xianfeng/domain';
import type { Auth, Db, Deps, RequestCtx } from '../../core/context.ts';
import { closeCampaign, loadCalendar, publishNotice } from '../campaigns/notice.ts';
import { fileObjection, handleObjection, throttleKeys } from '../campaigns/objections.ts';
import type { rng } from './generate.ts';

type Rng = ReturnType<typeof rng>;

const STATEMENTS: Record<StarDimension, string> = {
  excellence: '按时参加“三会一课”和主题党日，学习笔记完整，在支部学习交流中发言。',
  service: '联系群众户定期走访，帮助解决用水、就医等实际困难，参加志愿服务。',
  dedication: '年初公开承诺事项全部兑现，认领服务任务按期完成。',
  innovation: '提出村集体经济发展建议被村两委采纳，带头试种新品种。',
  breakthrough: '汛期连续参加巡堤值守，协助转移独居老人。',
};
const NOMINATIONS = [
  '工作中认真负责，群众基础好，在疫情防控和防汛工作中冲在一线。',
  '长期坚持联系服务群众，调解邻里纠纷多起，群众评价高。',
  '带头发展特色种植，带动周边农户增收，积极参加村级事务。',
  '党性观念强，按时参加组织生活，主动认领服务任务并出色完成。',
];

function actingAs(deps: Deps, user: { id: number; display_name: string }, role: Role, unitId: number, at: Date): RequestCtx {
  const auth: Auth = { userId: user.id, displayName: user.display_name, memberId: null, grants: [{ role, unitId }], sessionId: 'demo', csrfToken: '', mustChangePassword: false };
  return { deps: { ...deps, now: () => at }, auth, locale: 'zh-CN', ip: '127.0.0.1' };
}

/** 10:00 in Beijing. */
const morning = (day: string) => new Date(`${day}T02:00:00.000Z`);

interface Subject {
  memberId: number | null;
  unitId: number | null;
  homeUnitId: number;
  category: string;
  name: string;
}

/** A candidate up to the leading group's decision, with the dossier of every step. */
async function decidedCandidate(db: Db, r: Rng, campaign: { id: number; kind: CampaignKind }, s: Subject, timeline: { start: string; decider: { id: number; display_name: string }; secretary: { id: number; display_name: string } | null }) {
  const five = campaign.kind === 'five_star';
  const stars = five ? encodeStars(STAR_DIMENSIONS.filter(() => r.chance(0.7)).concat('service')) : '';
  const claimed = five ? encodeStars([...new Set([...(stars ? (stars.split('|') as StarDimension[]) : []), ...(r.chance(0.3) ? ['innovation' as const] : [])])]) : '';
  const eligible = r.int(9, 40);
  const present = eligible - r.int(0, Math.floor(eligible / 4));
  const against = r.int(0, 1);
  const votes = { eligible, present, inFavour: present - against, against, abstain: 0 };
  const at = (days: number) => `${addDays(timeline.start, days)}T0${r.int(1, 8)}:${String(r.int(10, 59))}:00.000Z`;
  const { id } = await db
    .insertInto('candidate')
    .values({
      campaign_id: campaign.id, category: s.category, member_id: s.memberId, subject_unit_id: s.unitId, subject_key: s.memberId !== null ? `m:${s.memberId}` : `u:${s.unitId}`,
      home_unit_id: s.homeUnitId, state: 'decided', nomination: r.pick(NOMINATIONS), stars_computed: stars, stars_claimed: claimed, stars_recommended: stars, stars_decided: stars,
      vote_eligible: votes.eligible, vote_present: votes.present, vote_in_favour: votes.inFavour, vote_against: votes.against, vote_abstain: votes.abstain, meeting_on: addDays(timeline.start, 20),
      created_by: timeline.decider.id, created_at: at(0), updated_at: at(40),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (five) {
    await db.insertInto('self_evaluation').values(STAR_DIMENSIONS.map((d) => ({ candidate_id: id, dimension: d, claimed: claimed.includes(d) ? 1 : 0, statement: claimed.includes(d) ? STATEMENTS[d] : '', updated_at: at(10) }))).execute();
  }
  const branch = timeline.secretary ?? { id: null, display_name: '支部委员会' };
  type Step = [action: string, from: string | null, to: string, actor: { id: number | null; display_name: string }, detail: Record<string, unknown> | null, day: number];
  const steps: Step[] = [['create', null, initialState(campaign.kind), timeline.decider, null, 0]];
  if (five) steps.push(['submit', 'self_evaluation', 'branch_recommendation', { id: null, display_name: s.name }, { stars: claimed }, 12]);
  steps.push(
    ['recommend', 'branch_recommendation', 'committee_review', branch, { votes, stars }, 20],
    ['approve', 'committee_review', 'leading_group', timeline.decider, null, 30],
    ['decide', 'leading_group', 'decided', timeline.decider, five ? { stars } : null, 40],
  );
  await db
    .insertInto('candidate_event')
    .values(steps.map(([action, from, to, actor, detail, day]) => ({ candidate_id: id, action, from_state: from, to_state: to, actor_user_id: actor.id, actor_name: actor.display_name, reason: null, detail: detail ? JSON.stringify(detail) : null, created_at: at(day) })))
    .execute();
  return id;
}

/** Receipt codes are random; the demo's are drawn from its seed so that every demo has the same. */
async function fixReceipt(db: Db, r: Rng, drawn: string) {
  const code = receiptCode(Uint8Array.from({ length: 10 }, () => r.int(0, 255)));
  const row = await db.updateTable('objection').set({ receipt_code: code }).where('receipt_code', '=', drawn).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, code };
}

export async function generateCampaignDemo(deps: Deps, r: Rng, opts: { countyId: number; townId: number; today: string; log: (m: string) => void }) {
  const db = deps.database.db;
  const year = Number(opts.today.slice(0, 4));
  const user = (username: string) => db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  const county = await user('county');
  const town = await user('town');
  const secretaries = await db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['g.unit_id', 'u.id', 'u.display_name'])
    .where('g.role', '=', 'secretary')
    .execute();
  const secretaryOf = (unitId: number) => secretaries.find((s) => s.unit_id === unitId) ?? null;

  // One full member per branch (the first by registry order), branch by branch in code order.
  const firstOfBranches = async (rootId: number, n: number) => {
    const rows = await db
      .selectFrom('member as m')
      .innerJoin('unit as u', 'u.id', 'm.unit_id')
      .innerJoin('unit_closure as c', 'c.descendant_id', 'm.unit_id')
      .select(['m.id', 'm.name', 'm.unit_id', 'u.code'])
      .where('c.ancestor_id', '=', rootId)
      .where('m.status', '=', 'full')
      .orderBy('u.code')
      .orderBy('m.id')
      .execute();
    const seen = new Set<number>();
    return rows.filter((m) => !seen.has(m.unit_id) && seen.add(m.unit_id)).slice(0, n);
  };
  const newCampaign = async (unitId: number, kind: CampaignKind, period: string, title: string, createdAt: string) =>
    (await db
      .insertInto('campaign')
      .values({ unit_id: unitId, kind, period, title, status: 'open', notice_days: 5, notice_start: null, notice_end: null, self_evaluation_due: null, branch_recommendation_due: null, committee_review_due: null, leading_group_due: null, created_by: null, created_at: createdAt, closed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow()).id;

  const townMembers = await firstOfBranches(opts.townId, 12);
  const townName = (await db.selectFrom('unit').select('name').where('id', '=', opts.townId).executeTakeFirstOrThrow()).name.replace(/^中共|委员会$/g, '');

  // ——— last year: the town's five stars, closed ———
  const lastYear = String(year - 1);
  const lastStart = `${lastYear}-10-08`;
  const lastFive = { id: await newCampaign(opts.townId, 'five_star', lastYear, `${townName}${lastYear}年度五星党员评定`, morning(`${lastYear}-10-08`).toISOString()), kind: 'five_star' as const };
  const lastFiveIds: number[] = [];
  for (const m of townMembers.slice(0, 10)) {
    lastFiveIds.push(await decidedCandidate(db, r, lastFive, { memberId: m.id, unitId: null, homeUnitId: m.unit_id, category: 'five_star', name: m.name }, { start: lastStart, decider: town, secretary: secretaryOf(m.unit_id) }));
  }
  const lastPublish = `${lastYear}-12-01`;
  await publishNotice(actingAs(deps, town, 'unit_admin', opts.townId, morning(lastPublish)), lastFive.id, {});
  const lastObjection = await fileObjection({ ...actingAs(deps, town, 'unit_admin', opts.townId, morning(`${lastYear}-12-02`)), auth: null, ip: '192.0.2.10' }, { candidateId: lastFiveIds[1], content: '听说该同志今年汛期并未参加巡堤值守，请组织核实。', anonymous: true });
  const filed = await fixReceipt(db, r, lastObjection.receiptCode);
  await handleObjection(actingAs(deps, town, 'unit_admin', opts.townId, morning(`${lastYear}-12-04`)), filed.id, { outcome: 'dismiss', reply: '经核实，该同志汛期参加巡堤值守 6 次，有值班记录为证，异议不成立。' });
  await closeCampaign(actingAs(deps, town, 'unit_admin', opts.townId, morning(`${lastYear}-12-15`)), lastFive.id);

  // ——— last year: the county's commendations, closed, with certificates ———
  const commendation = { id: await newCampaign(opts.countyId, 'commendation', lastYear, `${lastYear}年度“两优一先”评选表彰`, morning(`${lastYear}-10-08`).toISOString()), kind: 'commendation' as const };
  const countyMembers = await firstOfBranches(opts.countyId, 400);
  const spread = countyMembers.filter((_, i) => i % 37 === 5).slice(0, 6);
  const branches = await db
    .selectFrom('unit as u')
    .innerJoin('unit_closure as c', 'c.descendant_id', 'u.id')
    .select(['u.id', 'u.name', 'u.parent_id'])
    .where('c.ancestor_id', '=', opts.countyId)
    .where('u.kind', '=', 'branch')
    .orderBy('u.code')
    .execute();
  const orgs = branches.filter((_, i) => i % 29 === 3).slice(0, 3);
  const subjects: Subject[] = [
    ...spread.slice(0, 4).map((m) => ({ memberId: m.id, unitId: null, homeUnitId: m.unit_id, category: 'outstanding_member', name: m.name })),
    ...spread.slice(4, 6).map((m) => ({ memberId: m.id, unitId: null, homeUnitId: m.unit_id, category: 'outstanding_worker', name: m.name })),
    ...orgs.map((o) => ({ memberId: null, unitId: o.id, homeUnitId: o.parent_id!, category: 'advanced_org', name: o.name })),
  ];
  for (const s of subjects) await decidedCandidate(db, r, commendation, s, { start: lastStart, decider: county, secretary: secretaryOf(s.homeUnitId) });
  await publishNotice(actingAs(deps, county, 'unit_admin', opts.countyId, morning(lastPublish)), commendation.id, {});
  await closeCampaign(actingAs(deps, county, 'unit_admin', opts.countyId, morning(`${lastYear}-12-15`)), commendation.id);

  // ——— this year: the town's five stars, in public notice for a few working days already ———
  const calendar = await loadCalendar(db);
  let start = opts.today;
  for (let counted = 0; counted < 3; ) {
    start = addDays(start, -1);
    if (isWorkingDay(start, calendar)) counted++;
  }
  const current = { id: await newCampaign(opts.townId, 'five_star', String(year), `${townName}${year}年度五星党员评定`, morning(addDays(start, -60)).toISOString()), kind: 'five_star' as const };
  const currentIds: number[] = [];
  for (const m of townMembers.slice(0, 8)) {
    currentIds.push(await decidedCandidate(db, r, current, { memberId: m.id, unitId: null, homeUnitId: m.unit_id, category: 'five_star', name: m.name }, { start: addDays(start, -50), decider: town, secretary: secretaryOf(m.unit_id) }));
  }
  await publishNotice(actingAs(deps, town, 'unit_admin', opts.townId, morning(start)), current.id, {});
  const open = await fileObjection(
    { ...actingAs(deps, town, 'unit_admin', opts.townId, morning(addDays(start, 1))), auth: null, ip: '192.0.2.20' },
    { candidateId: currentIds[2], content: '该同志今年上半年有两个月未按时交纳党费，与五星党员条件不符，请核实。', anonymous: false, contactName: '刘大爷', contactPhone: '13912345678' },
  );
  const receipt = await fixReceipt(db, r, open.receiptCode);
  // The demo's own filings do not count against anyone's allowance.
  for (const key of [...throttleKeys('192.0.2.10', true), ...throttleKeys('192.0.2.20', false)]) await deps.throttle.reset(key);
  opts.log(`  campaigns: ${year} five stars in notice since ${start} (objection receipt ${receipt.code}), ${lastYear} five stars and commendations closed`);
}
