// 公示 and 确定: the leading group publishes the decided candidates for a number of working days
// (weekends, holidays and 调休 from calendar_day), anyone may read the notice without logging in,
// and once it has run its course without open objections the campaign closes: candidates become
// final, five-star members get their stars, commendations get their certificate numbers.
import {
  decodeStars, isValidYmd, noticeDaysLeft, noticeEnd, noticeHasEnded,
  type CampaignKind, type CandidateCategory, type WorkCalendar,
} from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso, today } from '../../core/context.ts';
import { canAccessUnit, requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { toCount } from '../../db/dialect.ts';
import { applyTransition, type CampaignRow } from './transition.ts';

export { today };

/** The holiday calendar as the domain wants it: a few dozen rows a year, read whole. */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.selectFrom('calendar_day').select(['day', 'kind']).execute();
  return { holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.day), workdays: rows.filter((r) => r.kind === 'workday').map((r) => r.day) };
}

/** The campaign, if the caller holds one of the permissions on its organizing unit (else 404). */
export async function campaignFor(ctx: RequestCtx, id: number, ...permissions: Array<'evaluation.read' | 'evaluation.review' | 'evaluation.decide'>): Promise<CampaignRow> {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const campaign = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!campaign) throw notFound();
  for (const p of permissions) if (await canAccessUnit(db, auth, p, campaign.unit_id)) return campaign;
  throw notFound();
}

/** Rows of a campaign's candidates with the names the public may read (and nothing else). */
export function candidateNames(db: Db) {
  return db
    .selectFrom('candidate as c')
    .innerJoin('unit as hu', 'hu.id', 'c.home_unit_id')
    .leftJoin('member as m', 'm.id', 'c.member_id')
    .leftJoin('unit as su', 'su.id', 'c.subject_unit_id')
    .select(['c.id', 'c.campaign_id', 'c.category', 'c.state', 'c.member_id', 'c.subject_unit_id', 'c.stars_decided', 'hu.name as home_unit_name', 'm.name as member_name', 'su.name as subject_unit_name']);
}

export type NamedCandidate = { id: number; category: string; member_name: string | null; subject_unit_name: string | null; home_unit_name: string };

/** A member candidate is named by the member and their unit; an organization by itself and its parent. */
export function displayName(c: NamedCandidate): string {
  return c.member_name ?? c.subject_unit_name ?? '';
}

// ——— publishing ———

export async function publishNotice(ctx: RequestCtx, campaignId: number, input: { start?: string }) {
  const db = ctx.deps.database.db;
  await campaignFor(ctx, campaignId, 'evaluation.decide');
  const start = input.start ?? today(ctx);
  if (!isValidYmd(start)) throw invalid([{ field: 'start', code: 'date.invalid' }]);
  if (start < today(ctx)) throw invalid([{ field: 'start', code: 'notice.start_in_past' }]);
  const calendar = await loadCalendar(db);
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
    if (campaign.status === 'closed') throw unprocessable('pipeline.campaign_closed');
    const end = noticeEnd(start, campaign.notice_days, calendar);
    const decided = await trx.selectFrom('candidate').selectAll().where('campaign_id', '=', campaignId).where('state', '=', 'decided').orderBy('id').execute();
    if (decided.length === 0) throw unprocessable('pipeline.nothing_to_publish');
    for (const c of decided) await applyTransition(trx, ctx, campaign, c, 'publish', { detail: { noticeStart: start, noticeEnd: end } });
    // A candidate decided again after an upheld objection joins a running notice: the notice then
    // runs until the later end, so everyone on it gets the full number of working days.
    const noticeStart = campaign.status === 'notice' && campaign.notice_start && campaign.notice_start < start ? campaign.notice_start : start;
    const noticeEndDay = campaign.status === 'notice' && campaign.notice_end && campaign.notice_end > end ? campaign.notice_end : end;
    const moved = await trx
      .updateTable('campaign')
      .set({ status: 'notice', notice_start: noticeStart, notice_end: noticeEndDay })
      .where('id', '=', campaignId)
      .where('status', '=', campaign.status)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('error.conflict');
    await recordAudit(trx, ctx, {
      entityType: 'campaign', entityId: campaignId, unitId: campaign.unit_id, action: 'campaign.publish_notice',
      before: { status: campaign.status, noticeStart: campaign.notice_start, noticeEnd: campaign.notice_end },
      after: { status: 'notice', noticeStart, noticeEnd: noticeEndDay, published: decided.length },
    });
    return { id: campaignId, status: 'notice' as const, noticeStart, noticeEnd: noticeEndDay, noticeDays: campaign.notice_days, published: decided.length };
  });
}

// ——— the public pages ———

function presentPublicCampaign(c: { id: number; title: string; kind: string; period: string; notice_start: string | null; notice_end: string | null; unit_name: string }, calendar: WorkCalendar, day: string) {
  const end = c.notice_end ?? day;
  return {
    id: c.id,
    title: c.title,
    kind: c.kind as CampaignKind,
    period: c.period,
    organizer: c.unit_name,
    noticeStart: c.notice_start,
    noticeEnd: c.notice_end,
    workingDaysLeft: noticeDaysLeft(end, day, calendar),
    ended: noticeHasEnded(end, day),
  };
}

/** Campaigns in public notice; `unit` (a unit code) narrows to those organized in its subtree. */
export async function publicNotices(ctx: RequestCtx, q: { unit?: string }) {
  const db = ctx.deps.database.db;
  let query = db
    .selectFrom('campaign as c')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.title', 'c.kind', 'c.period', 'c.notice_start', 'c.notice_end', 'u.name as unit_name'])
    .select((eb) => eb.selectFrom('candidate as k').select((e) => e.fn.countAll().as('n')).whereRef('k.campaign_id', '=', 'c.id').where('k.state', '=', 'public_notice').as('candidates'))
    .where('c.status', '=', 'notice');
  if (q.unit) {
    const unit = await db.selectFrom('unit').select('id').where('code', '=', q.unit).executeTakeFirst();
    if (!unit) throw notFound();
    query = query.where('c.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unit.id));
  }
  const rows = await query.orderBy('c.notice_end', 'desc').orderBy('c.id', 'desc').limit(100).execute();
  const calendar = await loadCalendar(db);
  const day = today(ctx);
  return { today: day, items: rows.map((r) => ({ ...presentPublicCampaign(r, calendar, day), candidates: toCount(r.candidates) })) };
}

/** One notice: the candidates by name, unit, category and decided stars. Nothing personal. */
export async function publicNotice(ctx: RequestCtx, campaignId: number) {
  const db = ctx.deps.database.db;
  const campaign = await db
    .selectFrom('campaign as c')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.title', 'c.kind', 'c.period', 'c.notice_start', 'c.notice_end', 'c.status', 'u.name as unit_name'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign || campaign.status !== 'notice') throw notFound();
  const rows = await candidateNames(db).where('c.campaign_id', '=', campaignId).where('c.state', '=', 'public_notice').orderBy('c.category').orderBy('hu.code').orderBy('c.id').execute();
  const day = today(ctx);
  const base = presentPublicCampaign(campaign, await loadCalendar(db), day);
  return {
    ...base,
    // Objections are taken until the last day of the notice.
    acceptsObjections: !base.ended,
    candidates: rows.map((r) => ({
      id: r.id,
      name: displayName(r),
      unitName: r.home_unit_name,
      category: r.category as CandidateCategory,
      stars: r.category === 'five_star' ? decodeStars(r.stars_decided) : null,
    })),
  };
}

// ——— closing ———

function pad(n: number, width: number) {
  return String(n).padStart(width, '0');
}

/** 2025-007-012: the period, the campaign and the place on its honor roll. */
export function certificateNumber(period: string, campaignId: number, seq: number) {
  return `${period}-${pad(campaignId, 3)}-${pad(seq, 3)}`;
}

const CATEGORY_ORDER: readonly string[] = ['five_star', 'outstanding_member', 'outstanding_worker', 'advanced_org'];

export async function closeCampaign(ctx: RequestCtx, campaignId: number) {
  const db = ctx.deps.database.db;
  await campaignFor(ctx, campaignId, 'evaluation.decide');
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
    if (campaign.status === 'closed') throw unprocessable('pipeline.campaign_closed');
    if (campaign.status !== 'notice' || !campaign.notice_end) throw unprocessable('notice.not_in_notice');
    if (!noticeHasEnded(campaign.notice_end, today(ctx))) throw unprocessable('pipeline.notice_running', { end: campaign.notice_end });
    const now = nowIso(ctx.deps);
    // Closing first, conditionally: a second close (or an objection handled at the same moment)
    // then finds the campaign closed or gets a conflict, and nothing is written twice.
    const moved = await trx.updateTable('campaign').set({ status: 'closed', closed_at: now }).where('id', '=', campaignId).where('status', '=', 'notice').executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('error.conflict');
    const open = toCount((await trx.selectFrom('objection').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaignId).where('state', '=', 'open').executeTakeFirst())?.n);
    if (open > 0) throw unprocessable('pipeline.open_objections', { count: open });

    const inNotice = await trx.selectFrom('candidate').selectAll().where('campaign_id', '=', campaignId).where('state', '=', 'public_notice').execute();
    inNotice.sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || a.home_unit_id - b.home_unit_id || a.id - b.id);
    let stars = 0;
    let commendations = 0;
    for (const c of inNotice) {
      // applyTransition sees the campaign as it was (in notice): closing is the last step.
      await applyTransition(trx, ctx, campaign, c, 'finalize');
      if (c.category === 'five_star') {
        if (c.member_id === null) continue;
        const decided = decodeStars(c.stars_decided);
        await trx
          .insertInto('member_star')
          .values({ member_id: c.member_id, period: campaign.period, stars: c.stars_decided, star_count: decided.length, candidate_id: c.id, awarded_at: now })
          .onConflict((oc) => oc.columns(['member_id', 'period']).doUpdateSet({ stars: c.stars_decided, star_count: decided.length, candidate_id: c.id, awarded_at: now }))
          .execute();
        stars++;
      } else {
        commendations++;
        await trx
          .insertInto('commendation')
          .values({ campaign_id: campaignId, candidate_id: c.id, category: c.category, member_id: c.member_id, subject_unit_id: c.subject_unit_id, certificate_no: certificateNumber(campaign.period, campaignId, commendations), awarded_at: now })
          .execute();
      }
    }
    await recordAudit(trx, ctx, {
      entityType: 'campaign', entityId: campaignId, unitId: campaign.unit_id, action: 'campaign.close',
      before: { status: 'notice' },
      after: { status: 'closed', finals: inNotice.length, memberStars: stars, commendations },
    });
    return { id: campaignId, status: 'closed' as const, closedAt: now, finals: inNotice.length, memberStars: stars, commendations };
  });
}
