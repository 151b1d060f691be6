// 党员自评: for each of the five dimensions the member says whether they claim the star, writes
// what they did (at most 500 characters) and attaches evidence uploaded through
// POST /api/points/evidence. Editable while the candidacy is in 'self_evaluation'; once submitted
// it is locked (a return by the branch opens it again).
import { decodeStars, encodeStars, MAX_EVIDENCE_FILES, type StarDimension, type StarScheme } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { AppError, forbidden, invalid, notFound, unprocessable, type FieldIssue } from '../../core/errors.ts';
import { forUpdate } from '../../db/dialect.ts';
import { schemeFor } from '../stars/compute.ts';
import { applyTransition, canReadCandidate, loadCandidate, type CampaignRow, type CandidateRow } from './transition.ts';
import * as repo from './repo.ts';

export interface DimensionInput {
  dimension: StarDimension;
  claimed: boolean;
  statement: string;
  /** The full list of the dimension's evidence: new uploads are attached, files left out are detached. */
  evidenceIds?: number[];
}

async function readable(ctx: RequestCtx, candidateId: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const loaded = await loadCandidate(db, candidateId);
  if (!loaded || !(await canReadCandidate(db, auth, loaded.campaign, loaded.candidate))) throw notFound();
  if (loaded.campaign.kind !== 'five_star') throw unprocessable('campaigns.no_self_evaluation');
  return loaded;
}

async function dimensionsOf(db: Db, campaign: CampaignRow, candidate: CandidateRow) {
  return (await schemeFor(db, candidate.home_unit_id, campaign.period)).scheme;
}

export async function getSelfEvaluation(ctx: RequestCtx, candidateId: number) {
  const db = ctx.deps.database.db;
  const { campaign, candidate } = await readable(ctx, candidateId);
  return presentSelfEvaluation(db, campaign, candidate, await dimensionsOf(db, campaign, candidate));
}

export async function presentSelfEvaluation(db: Db, campaign: CampaignRow, candidate: CandidateRow, scheme: StarScheme) {
  const rows = await repo.selfEvaluationRows(db, candidate.id);
  const files = await repo.evidenceOf(db, rows.map((r) => r.id));
  const computed = decodeStars(candidate.stars_computed);
  return {
    candidateId: candidate.id,
    period: campaign.period,
    state: candidate.state,
    locked: candidate.state !== 'self_evaluation' || campaign.status === 'closed',
    dimensions: scheme.dimensions.map((d) => {
      const row = rows.find((r) => r.dimension === d.code);
      return {
        code: d.code,
        name: d.name,
        description: d.description,
        evidenceRequired: d.criterion.evidenceRequired,
        /** The ledger lit this star when the candidacy started. */
        computed: computed.includes(d.code),
        claimed: row ? row.claimed === 1 : false,
        statement: row?.statement ?? '',
        evidence: row ? files.filter((f) => f.owner_id === row.id).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })) : [],
        updatedAt: row?.updated_at ?? null,
      };
    }),
  };
}

/** The candidate editing their own, still open self-evaluation. */
async function editable(ctx: RequestCtx, candidateId: number) {
  const loaded = await readable(ctx, candidateId);
  if (loaded.candidate.member_id === null || loaded.candidate.member_id !== ctx.auth!.memberId) throw forbidden();
  if (loaded.campaign.status === 'closed') throw unprocessable('pipeline.campaign_closed');
  if (loaded.candidate.state !== 'self_evaluation') throw unprocessable('pipeline.self_evaluation_locked');
  return loaded;
}

export async function schemeOfCandidate(db: Db, campaign: CampaignRow, candidate: CandidateRow) {
  return dimensionsOf(db, campaign, candidate);
}

export async function saveSelfEvaluation(ctx: RequestCtx, candidateId: number, input: { dimensions: DimensionInput[]; submit?: boolean }) {
  const db = ctx.deps.database.db;
  const { campaign, candidate } = await editable(ctx, candidateId);
  const scheme = await dimensionsOf(db, campaign, candidate);
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  input.dimensions.forEach((d, i) => {
    if (seen.has(d.dimension)) issues.push({ field: `dimensions.${i}.dimension`, code: 'error.validation' });
    seen.add(d.dimension);
    if (d.evidenceIds && new Set(d.evidenceIds).size > MAX_EVIDENCE_FILES) issues.push({ field: `dimensions.${i}.evidenceIds`, code: 'points.evidence_too_many', params: { max: MAX_EVIDENCE_FILES } });
  });
  if (issues.length) throw invalid(issues);
  await db.transaction().execute(async (trx) => {
    // Read again inside the transaction: a submit from another tab may have locked it meanwhile.
    const now = nowIso(ctx.deps);
    const fresh = await forUpdate(trx.selectFrom('candidate').select('state').where('id', '=', candidateId), ctx.deps.database.dialect).executeTakeFirstOrThrow();
    if (fresh.state !== 'self_evaluation') throw unprocessable('pipeline.self_evaluation_locked');
    for (const [i, d] of input.dimensions.entries()) {
      const existing = await trx.selectFrom('self_evaluation').select('id').where('candidate_id', '=', candidateId).where('dimension', '=', d.dimension).executeTakeFirst();
      let rowId: number;
      if (existing) {
        rowId = existing.id;
        await trx.updateTable('self_evaluation').set({ claimed: d.claimed ? 1 : 0, statement: d.statement, updated_at: now }).where('id', '=', rowId).execute();
      } else {
        rowId = (await trx.insertInto('self_evaluation').values({ candidate_id: candidateId, dimension: d.dimension, claimed: d.claimed ? 1 : 0, statement: d.statement, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      }
      if (d.evidenceIds) await setEvidence(trx, ctx.auth!.userId, rowId, [...new Set(d.evidenceIds)], `dimensions.${i}.evidenceIds`);
    }
    await recordAuditSelf(trx, ctx, candidate, input.dimensions);
    if (input.submit) {
      const checked = await submitChecks(trx, candidate, scheme);
      await applyTransition(trx, ctx, campaign, candidate, 'submit', checked);
    }
  });
  const after = await loadCandidate(db, candidateId);
  return presentSelfEvaluation(db, campaign, after!.candidate, scheme);
}

async function recordAuditSelf(trx: Db, ctx: RequestCtx, candidate: CandidateRow, dims: DimensionInput[]) {
  await recordAudit(trx, ctx, {
    entityType: 'candidate', entityId: candidate.id, unitId: candidate.home_unit_id, action: 'campaign.self_evaluation.save',
    after: dims.map((d) => ({ dimension: d.dimension, claimed: d.claimed, statement: d.statement.length, evidence: d.evidenceIds?.length ?? null })),
  });
}

/**
 * Attaches the caller's uploads to a dimension and detaches the files left out (they go back to
 * the caller's uploads). The same picture may also stand behind a points claim: the claim and the
 * star are about the same deed.
 */
async function setEvidence(trx: Db, userId: number, selfEvaluationId: number, ids: number[], field: string) {
  const current = await trx.selectFrom('points_evidence').select('id').where('owner_type', '=', 'self_evaluation').where('owner_id', '=', selfEvaluationId).execute();
  const have = new Set(current.map((r) => r.id));
  const added = ids.filter((id) => !have.has(id));
  const removed = [...have].filter((id) => !ids.includes(id));
  if (added.length) {
    const uploads = await trx.selectFrom('points_evidence').select('id').where('id', 'in', added).where('owner_type', '=', 'upload').where('owner_id', '=', userId).execute();
    if (uploads.length !== added.length) throw invalid([{ field, code: 'error.not_found' }]);
    await trx.updateTable('points_evidence').set({ owner_type: 'self_evaluation', owner_id: selfEvaluationId }).where('id', 'in', added).execute();
  }
  if (removed.length) await trx.updateTable('points_evidence').set({ owner_type: 'upload', owner_id: userId }).where('id', 'in', removed).execute();
}

/**
 * What a submission needs: at least one claimed dimension, a statement for each, and evidence
 * where the scheme's criterion asks for it. Gives the columns and the dossier detail of the move.
 */
export async function submitChecks(db: Db, candidate: CandidateRow, scheme: StarScheme) {
  const rows = await repo.selfEvaluationRows(db, candidate.id);
  const files = await repo.evidenceOf(db, rows.map((r) => r.id));
  const claimed = rows.filter((r) => r.claimed === 1);
  if (claimed.length === 0) throw unprocessable('stars.no_dimension_claimed', {}, [{ field: 'dimensions', code: 'stars.no_dimension_claimed' }]);
  const issues: FieldIssue[] = [];
  for (const r of claimed) {
    const dim = scheme.dimensions.find((d) => d.code === r.dimension);
    if (!r.statement.trim()) issues.push({ field: `dimensions.${r.dimension}.statement`, code: 'pipeline.statement_required' });
    if (dim?.criterion.evidenceRequired && !files.some((f) => f.owner_id === r.id)) {
      issues.push({ field: `dimensions.${r.dimension}.evidenceIds`, code: 'stars.evidence_required', params: { dimension: dim.name } });
    }
  }
  if (issues.length) throw new AppError(422, issues[0].code as 'stars.evidence_required', issues, issues[0].params ?? {});
  const stars = claimed.map((r) => r.dimension as StarDimension);
  return { set: { stars_claimed: encodeStars(stars) }, detail: { stars: decodeStars(encodeStars(stars)) } };
}
