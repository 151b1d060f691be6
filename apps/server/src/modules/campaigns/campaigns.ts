// Setting up a campaign: a five-star evaluation or a commendation round, organized by a committee
// for a year, with stage deadlines (for reminders) and places per unit and category.
import { CANDIDATE_STATES, CATEGORIES_OF, todayYmd, type CampaignKind, type CandidateCategory } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requirePermission, requireUnitAccess } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { invalid, notFound, unprocessable, type FieldIssue } from '../../core/errors.ts';
import type { CampaignRow } from './transition.ts';
import { deadlinesOf, presentCampaign } from './present.ts';
import * as repo from './repo.ts';

export interface Deadlines {
  selfEvaluation?: string | null;
  branchRecommendation?: string | null;
  committeeReview?: string | null;
  leadingGroup?: string | null;
}

export interface QuotaInput {
  unitId: number;
  category: CandidateCategory;
  quota: number;
}

export interface CampaignInput {
  unitId: number;
  kind: CampaignKind;
  period: string;
  title: string;
  noticeDays: number;
  deadlines?: Deadlines;
  quotas: QuotaInput[];
}

const DEADLINE_ORDER = ['selfEvaluation', 'branchRecommendation', 'committeeReview', 'leadingGroup'] as const;

/** Stage deadlines that are set must follow the stages' order. */
function deadlineIssues(d: Required<Deadlines>, kind: CampaignKind): FieldIssue[] {
  const keys = kind === 'five_star' ? DEADLINE_ORDER : DEADLINE_ORDER.slice(1);
  const set = keys.filter((k) => d[k]);
  for (let i = 1; i < set.length; i++) if (d[set[i]]! < d[set[i - 1]]!) return [{ field: `deadlines.${set[i]}`, code: 'campaigns.deadlines_order' }];
  return [];
}

/** Quotas go to units inside the campaign's subtree, once per unit and category of the campaign's kind. */
async function checkQuotas(db: Db, campaignUnitId: number, kind: CampaignKind, quotas: QuotaInput[]) {
  const issues: FieldIssue[] = [];
  const inside = await repo.unitsInside(db, [...new Set(quotas.map((q) => q.unitId))], campaignUnitId);
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    if (!CATEGORIES_OF[kind].includes(q.category)) issues.push({ field: `quotas.${i}.category`, code: 'pipeline.wrong_category' });
    if (!inside.has(q.unitId)) issues.push({ field: `quotas.${i}.unitId`, code: 'campaigns.quota_unit_outside' });
    const key = `${q.unitId}|${q.category}`;
    if (seen.has(key)) issues.push({ field: `quotas.${i}`, code: 'campaigns.quota_duplicate' });
    seen.add(key);
  });
  if (issues.length) throw invalid(issues);
}

export async function createCampaign(ctx: RequestCtx, input: CampaignInput) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'evaluation.manage', input.unitId);
  const unit = await repo.findUnit(db, input.unitId);
  if (!unit) throw notFound();
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  const deadlines = { selfEvaluation: null, branchRecommendation: null, committeeReview: null, leadingGroup: null, ...input.deadlines };
  if (input.kind === 'commendation') deadlines.selfEvaluation = null;
  const issues = deadlineIssues(deadlines, input.kind);
  if (issues.length) throw invalid(issues);
  await checkQuotas(db, input.unitId, input.kind, input.quotas);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaign')
      .values({
        unit_id: input.unitId, kind: input.kind, period: input.period, title: input.title, status: 'open', notice_days: input.noticeDays, notice_start: null, notice_end: null,
        self_evaluation_due: deadlines.selfEvaluation, branch_recommendation_due: deadlines.branchRecommendation, committee_review_due: deadlines.committeeReview, leading_group_due: deadlines.leadingGroup,
        created_by: auth.userId, created_at: now, closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.replaceQuotas(trx, row.id, input.quotas);
    await recordAudit(trx, ctx, { entityType: 'campaign', entityId: row.id, unitId: input.unitId, action: 'campaign.create', after: { ...input, deadlines } });
    return row.id;
  });
  return getCampaign(ctx, id);
}

export async function listCampaigns(ctx: RequestCtx, q: { unitId?: number; period?: string }) {
  const auth = requirePermission(ctx.auth, 'evaluation.read');
  const db = ctx.deps.database.db;
  if (q.unitId !== undefined && !(await repo.campaignVisible(db, auth, { unit_id: q.unitId }))) throw notFound();
  const rows = await repo.listCampaigns(db, auth, q);
  return { items: rows.map((r) => presentCampaign(r, Number(r.candidate_count ?? 0))) };
}

/** A campaign the caller may read (its committee, or a unit below it); else 404. */
export async function visibleCampaign(ctx: RequestCtx, id: number): Promise<CampaignRow> {
  const auth = requirePermission(ctx.auth, 'evaluation.read');
  const db = ctx.deps.database.db;
  const campaign = await repo.findCampaign(db, id);
  if (!campaign || !(await repo.campaignVisible(db, auth, campaign))) throw notFound();
  return campaign;
}

export async function getCampaign(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const campaign = await visibleCampaign(ctx, id);
  const auth = ctx.auth!;
  const unit = (await repo.findUnit(db, campaign.unit_id))!;
  const [counts, quotas, manage, review, decide] = await Promise.all([
    repo.countsOf(db, id),
    repo.quotasWithUse(db, id),
    canAccessUnit(db, auth, 'evaluation.manage', campaign.unit_id),
    canAccessUnit(db, auth, 'evaluation.review', campaign.unit_id),
    canAccessUnit(db, auth, 'evaluation.decide', campaign.unit_id),
  ]);
  const categories = CATEGORIES_OF[campaign.kind as CampaignKind];
  const byState = Object.fromEntries(CANDIDATE_STATES.map((s) => [s, counts.filter((c) => c.state === s).reduce((n, c) => n + c.n, 0)]));
  const byCategory = Object.fromEntries(categories.map((cat) => [cat, Object.fromEntries(CANDIDATE_STATES.map((s) => [s, counts.find((c) => c.category === cat && c.state === s)?.n ?? 0]))]));
  return {
    ...presentCampaign({ ...campaign, unit_code: unit.code, unit_name: unit.name }),
    categories,
    total: counts.reduce((n, c) => n + c.n, 0),
    byState,
    byCategory,
    quotas,
    today: todayYmd(ctx.deps.now()),
    /** What the caller may do on the campaign as a whole. */
    can: { manage: manage && campaign.status === 'open', review, decide },
  };
}

/** A campaign the caller manages, still open for changes. */
async function managedOpenCampaign(ctx: RequestCtx, id: number): Promise<CampaignRow> {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'evaluation.manage');
  const campaign = await repo.findCampaign(db, id);
  if (!campaign || !(await canAccessUnit(db, auth, 'evaluation.manage', campaign.unit_id))) throw notFound();
  if (campaign.status !== 'open') throw unprocessable('campaigns.not_open');
  return campaign;
}

export async function updateCampaign(ctx: RequestCtx, id: number, input: { title?: string; noticeDays?: number; deadlines?: Deadlines }) {
  const db = ctx.deps.database.db;
  const campaign = await managedOpenCampaign(ctx, id);
  const deadlines = { ...deadlinesOf(campaign), ...input.deadlines };
  if (campaign.kind === 'commendation') deadlines.selfEvaluation = null;
  const issues = deadlineIssues(deadlines, campaign.kind as CampaignKind);
  if (issues.length) throw invalid(issues);
  const next = {
    title: input.title ?? campaign.title,
    notice_days: input.noticeDays ?? campaign.notice_days,
    self_evaluation_due: deadlines.selfEvaluation,
    branch_recommendation_due: deadlines.branchRecommendation,
    committee_review_due: deadlines.committeeReview,
    leading_group_due: deadlines.leadingGroup,
  };
  const diff = changedFields(campaign, next);
  if (diff.changed) {
    await db.transaction().execute(async (trx) => {
      const moved = await trx.updateTable('campaign').set(next).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw unprocessable('campaigns.not_open');
      await recordAudit(trx, ctx, { entityType: 'campaign', entityId: id, unitId: campaign.unit_id, action: 'campaign.update', before: diff.before, after: diff.after });
    });
  }
  return getCampaign(ctx, id);
}

export async function replaceCampaignQuotas(ctx: RequestCtx, id: number, quotas: QuotaInput[]) {
  const db = ctx.deps.database.db;
  const campaign = await managedOpenCampaign(ctx, id);
  await checkQuotas(db, campaign.unit_id, campaign.kind as CampaignKind, quotas);
  const before = await repo.quotasWithUse(db, id);
  await db.transaction().execute(async (trx) => {
    // The same lock as a recommendation's quota check, so places never change under one.
    const locked = await repo.lockCampaign(trx, ctx.deps.database.dialect, id);
    if (locked.status !== 'open') throw unprocessable('campaigns.not_open');
    await repo.replaceQuotas(trx, id, quotas);
    await recordAudit(trx, ctx, {
      entityType: 'campaign', entityId: id, unitId: campaign.unit_id, action: 'campaign.quotas',
      before: before.map((q) => ({ unitId: q.unitId, category: q.category, quota: q.quota })), after: quotas,
    });
  });
  return getCampaign(ctx, id);
}
