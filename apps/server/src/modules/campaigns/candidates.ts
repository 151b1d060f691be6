// Candidates: a member enters a five-star evaluation themselves (自评 starts at once, with the
// stars the ledger shows snapshotted); for commendations the branch nominates a member or an
// organization (先进基层党组织), straight into 支部推荐. Reading: the campaign's list in the
// caller's scope, one candidate with its dossier and the buttons the caller may press, and a
// member's own candidacies.
import {
  availableActions, CATEGORIES_OF, encodeStars, initialState,
  type CampaignKind, type CandidateCategory, type CandidateState, type PipelineAction,
} from '@xianfeng/domain';
import type { Auth, Db, RequestCtx } from '../../core/context.ts';
import { nowIso, today } from '../../core/context.ts';
import { canAccessUnit, requireAuth, requirePermission, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation, toCount } from '../../db/dialect.ts';
import { selfMember } from '../points/common.ts';
import { evaluateMember } from '../stars/compute.ts';
import { actorsFor, canReadCandidate, loadCandidate, recordEvent, type CampaignRow, type CandidateRow } from './transition.ts';
import { visibleCampaign } from './campaigns.ts';
import { presentCampaign, presentCandidate } from './present.ts';
import { presentSelfEvaluation, schemeOfCandidate } from './self-evaluation.ts';
import * as repo from './repo.ts';

/** The actions of POST /api/campaigns/candidates/:id/actions; the notice's own steps are taken by notice.ts. */
export const CANDIDATE_ACTIONS = ['submit', 'withdraw', 'recommend', 'decline', 'approve', 'decide', 'reject', 'return'] as const satisfies readonly PipelineAction[];
export type CandidateAction = (typeof CANDIDATE_ACTIONS)[number];


interface NewCandidate {
  category: CandidateCategory;
  memberId: number | null;
  subjectUnitId: number | null;
  homeUnitId: number;
  nomination: string;
  starsComputed: string;
}

/** Inserts the candidate with its first dossier step; a second candidacy of the same subject is a 409. */
async function insertCandidate(ctx: RequestCtx, campaign: CampaignRow, c: NewCandidate): Promise<number> {
  const db = ctx.deps.database.db;
  const state = initialState(campaign.kind as CampaignKind);
  const now = nowIso(ctx.deps);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('candidate')
        .values({
          campaign_id: campaign.id, category: c.category, member_id: c.memberId, subject_unit_id: c.subjectUnitId,
          subject_key: c.memberId !== null ? `m:${c.memberId}` : `u:${c.subjectUnitId}`, home_unit_id: c.homeUnitId, state, nomination: c.nomination,
          stars_computed: c.starsComputed, stars_claimed: '', stars_recommended: '', stars_decided: '',
          vote_eligible: null, vote_present: null, vote_in_favour: null, vote_against: null, vote_abstain: null, meeting_on: null,
          created_by: ctx.auth?.userId ?? null, created_at: now, updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const detail = campaign.kind === 'five_star' ? { computedStars: c.starsComputed.split('|').filter(Boolean) } : undefined;
      await recordEvent(trx, ctx, id, 'create', null, state, null, detail);
      await recordAudit(trx, ctx, {
        entityType: 'candidate', entityId: id, unitId: c.homeUnitId, action: 'campaign.candidate.create',
        after: { campaignId: campaign.id, category: c.category, memberId: c.memberId, unitId: c.subjectUnitId, state, ...detail },
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('pipeline.already_candidate');
    throw e;
  }
}

/** 党员自评参评: the logged-in member enters an open five-star evaluation organized at or above their unit. */
export async function enterFiveStar(ctx: RequestCtx, campaignId: number) {
  const db = ctx.deps.database.db;
  const me = await selfMember(ctx);
  const campaign = await repo.findCampaign(db, campaignId);
  if (!campaign || !(await repo.isInside(db, me.unit_id, campaign.unit_id))) throw notFound();
  if (campaign.kind !== 'five_star') throw unprocessable('campaigns.self_entry_five_star_only');
  if (campaign.status !== 'open') throw unprocessable('campaigns.not_open');
  const evaluation = await evaluateMember(db, me.id, campaign.period);
  const id = await insertCandidate(ctx, campaign, {
    category: 'five_star', memberId: me.id, subjectUnitId: null, homeUnitId: me.unit_id, nomination: '', starsComputed: encodeStars(evaluation?.stars ?? []),
  });
  return getCandidate(ctx, id);
}

export interface NominationInput {
  category: CandidateCategory;
  memberId?: number;
  unitId?: number;
  nomination: string;
}

/** 支部推荐 for a commendation: a member by their branch, an organization by the unit above it. */
export async function nominate(ctx: RequestCtx, campaignId: number, input: NominationInput) {
  const auth = requirePermission(ctx.auth, 'evaluation.recommend');
  const db = ctx.deps.database.db;
  const campaign = await repo.findCampaign(db, campaignId);
  if (!campaign || !(await repo.campaignVisible(db, auth, campaign))) throw notFound();
  if (campaign.kind !== 'commendation') throw unprocessable('campaigns.self_entry_five_star_only');
  if (!CATEGORIES_OF.commendation.includes(input.category)) throw invalid([{ field: 'category', code: 'pipeline.wrong_category' }]);
  const wantsUnit = input.category === 'advanced_org';
  if (wantsUnit ? input.unitId === undefined || input.memberId !== undefined : input.memberId === undefined || input.unitId !== undefined) {
    throw invalid([{ field: wantsUnit ? 'unitId' : 'memberId', code: 'campaigns.subject_mismatch' }]);
  }
  let subject: { memberId: number | null; subjectUnitId: number | null; homeUnitId: number; at: number };
  if (wantsUnit) {
    const unit = await repo.findUnit(db, input.unitId!);
    if (!unit || unit.parent_id === null || !(await canAccessUnit(db, auth, 'evaluation.recommend', unit.parent_id))) throw notFound();
    if (unit.archived_at) throw unprocessable('error.unit_archived');
    subject = { memberId: null, subjectUnitId: unit.id, homeUnitId: unit.parent_id, at: unit.id };
  } else {
    const member = await repo.findMember(db, input.memberId!);
    if (!member || !(await canAccessUnit(db, auth, 'evaluation.recommend', member.unit_id))) throw notFound();
    subject = { memberId: member.id, subjectUnitId: null, homeUnitId: member.unit_id, at: member.unit_id };
  }
  // The organizing committee itself is not its own candidate; everything nominated lies below it.
  if (!(await repo.isInside(db, subject.at, campaign.unit_id)) || (wantsUnit && subject.at === campaign.unit_id)) {
    throw unprocessable('campaigns.subject_outside', {}, [{ field: wantsUnit ? 'unitId' : 'memberId', code: 'campaigns.subject_outside' }]);
  }
  if (campaign.status !== 'open') throw unprocessable('campaigns.not_open');
  const id = await insertCandidate(ctx, campaign, { category: input.category, memberId: subject.memberId, subjectUnitId: subject.subjectUnitId, homeUnitId: subject.homeUnitId, nomination: input.nomination, starsComputed: '' });
  return getCandidate(ctx, id);
}

export interface CandidateFilter {
  state?: CandidateState;
  category?: CandidateCategory;
  unitId?: number;
  page: number;
  pageSize: number;
}

/** The campaign's candidates: all of them for its committee, the caller's subtree for a branch. */
export async function listCandidates(ctx: RequestCtx, campaignId: number, q: CandidateFilter) {
  const db = ctx.deps.database.db;
  const campaign = await visibleCampaign(ctx, campaignId);
  const auth = ctx.auth!;
  const wholeCampaign = await canAccessUnit(db, auth, 'evaluation.read', campaign.unit_id);
  let base = repo.candidateQuery(db).where('k.campaign_id', '=', campaignId);
  if (!wholeCampaign) base = base.where('k.home_unit_id', 'in', scopedUnitIds(db, auth, 'evaluation.read'));
  if (q.unitId !== undefined) {
    if (!wholeCampaign && !(await canAccessUnit(db, auth, 'evaluation.read', q.unitId))) throw notFound();
    base = base.where('k.home_unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId));
  }
  if (q.state) base = base.where('k.state', '=', q.state);
  if (q.category) base = base.where('k.category', '=', q.category);
  const [rows, total] = await Promise.all([
    base.orderBy('hu.name').orderBy('k.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  const t = today(ctx);
  const actions = await Promise.all(rows.map((r) => callerActions(db, auth, campaign, r)));
  return { items: rows.map((r, i) => ({ ...presentCandidate(r, t), actions: actions[i] })), total: toCount(total?.n), page: q.page, pageSize: q.pageSize };
}

/** The buttons the caller may press on a candidate now (none once the campaign is closed). */
async function callerActions(db: Db, auth: Auth, campaign: CampaignRow, candidate: CandidateRow): Promise<CandidateAction[]> {
  if (campaign.status === 'closed') return [];
  const { actors, isCandidate } = await actorsFor(db, auth, campaign, candidate);
  return availableActions(candidate.state as CandidateState, { actors, isCandidate, hasSelfEvaluation: campaign.kind === 'five_star' }).filter((a): a is CandidateAction =>
    (CANDIDATE_ACTIONS as readonly string[]).includes(a),
  );
}

/** One candidate with the self-evaluation, the votes, the dossier and the caller's buttons. */
export async function getCandidate(ctx: RequestCtx, candidateId: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const loaded = await loadCandidate(db, candidateId);
  if (!loaded || !(await canReadCandidate(db, auth, loaded.campaign, loaded.candidate))) throw notFound();
  const { campaign, candidate } = loaded;
  const row = await repo.candidateQuery(db).where('k.id', '=', candidateId).executeTakeFirstOrThrow();
  const organizer = (await repo.findUnit(db, campaign.unit_id))!;
  const { actors, isCandidate } = await actorsFor(db, auth, campaign, candidate);
  const fiveStar = campaign.kind === 'five_star';
  const actions = await callerActions(db, auth, campaign, candidate);
  const events = await repo.eventsOf(db, candidateId);
  return {
    ...presentCandidate(row, today(ctx)),
    campaign: presentCampaign({ ...campaign, unit_code: organizer.code, unit_name: organizer.name }),
    nomination: candidate.nomination,
    selfEvaluation: fiveStar ? await presentSelfEvaluation(db, campaign, candidate, await schemeOfCandidate(db, campaign, candidate)) : null,
    events: events.map((e) => ({ id: e.id, action: e.action, from: e.from_state, to: e.to_state, actor: e.actor_name, reason: e.reason, detail: parseDetail(e.detail), at: e.created_at })),
    /** Who the caller is for this candidate, and the actions they may take now. */
    roles: actors,
    isCandidate,
    actions,
  };
}

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A member's own page: their candidacies, and the open five-star evaluations they may still enter. */
export async function myCampaigns(ctx: RequestCtx) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  if (auth.memberId === null) return { candidacies: [], open: [] };
  const member = await repo.findMember(db, auth.memberId);
  if (!member) return { candidacies: [], open: [] };
  const rows = await repo.candidateQuery(db).where('k.member_id', '=', member.id).orderBy('k.id', 'desc').limit(50).execute();
  const t = today(ctx);
  const entered = new Set(rows.map((r) => r.campaign_id));
  const open = (await repo.openFiveStarCampaignsAbove(db, member.unit_id)).filter((c) => !entered.has(c.id));
  return {
    candidacies: rows.map((r) => ({
      ...presentCandidate(r, t),
      campaign: { id: r.campaign_id, title: r.campaign_title, kind: r.campaign_kind as CampaignKind, period: r.campaign_period, status: r.campaign_status },
      actions: r.campaign_status === 'closed' ? [] : availableActions(r.state as CandidateState, { actors: ['candidate'], isCandidate: true, hasSelfEvaluation: r.campaign_kind === 'five_star' }),
    })),
    open: open.map((c) => presentCampaign(c)),
  };
}
