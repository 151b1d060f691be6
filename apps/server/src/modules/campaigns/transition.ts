// The one place a candidate changes state. Works out which actors the caller is for the candidate,
// asks the domain's table whether the action is allowed, then moves the state with a conditional
// update (so two secretaries pressing at once cannot both succeed) and appends the dossier event
// and the audit entry in the caller's transaction.
import { transition, type CampaignKind, type CandidateState, type PipelineAction, type PipelineActor } from '@xianfeng/domain';
import type { Selectable } from 'kysely';
import type { Auth, Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { AppError, conflict, notFound, unprocessable } from '../../core/errors.ts';
import type { CampaignTable, CandidateTable } from '../../db/schema.ts';

export type CampaignRow = Selectable<CampaignTable>;
export type CandidateRow = Selectable<CandidateTable>;

/** Who the caller is for this candidate, and whether they are (part of) the candidate. */
export async function actorsFor(db: Db, auth: Auth, campaign: CampaignRow, candidate: CandidateRow): Promise<{ actors: PipelineActor[]; isCandidate: boolean }> {
  const [branch, committee, leadingGroup, ownUnit] = await Promise.all([
    canAccessUnit(db, auth, 'evaluation.recommend', candidate.home_unit_id),
    canAccessUnit(db, auth, 'evaluation.review', campaign.unit_id),
    canAccessUnit(db, auth, 'evaluation.decide', campaign.unit_id),
    candidate.subject_unit_id !== null && auth.memberId !== null ? memberInsideUnit(db, auth.memberId, candidate.subject_unit_id) : Promise.resolve(false),
  ]);
  const isCandidate = (candidate.member_id !== null && candidate.member_id === auth.memberId) || ownUnit;
  const actors: PipelineActor[] = [];
  if (candidate.member_id !== null && candidate.member_id === auth.memberId) actors.push('candidate');
  if (branch) actors.push('branch');
  if (committee) actors.push('committee');
  if (leadingGroup) actors.push('leading_group');
  return { actors, isCandidate };
}

/** A member of an organization that is itself a candidate may not judge it. */
async function memberInsideUnit(db: Db, memberId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('member as m')
    .innerJoin('unit_closure as c', 'c.descendant_id', 'm.unit_id')
    .select('m.id')
    .where('m.id', '=', memberId)
    .where('c.ancestor_id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}

/** May the caller see this candidate: the candidate, or evaluation.read on its home unit or the campaign's unit. */
export async function canReadCandidate(db: Db, auth: Auth, campaign: CampaignRow, candidate: CandidateRow): Promise<boolean> {
  if (candidate.member_id !== null && candidate.member_id === auth.memberId) return true;
  return (await canAccessUnit(db, auth, 'evaluation.read', candidate.home_unit_id)) || (await canAccessUnit(db, auth, 'evaluation.read', campaign.unit_id));
}

export async function loadCandidate(db: Db, candidateId: number): Promise<{ campaign: CampaignRow; candidate: CandidateRow } | null> {
  const candidate = await db.selectFrom('candidate').selectAll().where('id', '=', candidateId).executeTakeFirst();
  if (!candidate) return null;
  const campaign = await db.selectFrom('campaign').selectAll().where('id', '=', candidate.campaign_id).executeTakeFirstOrThrow();
  return { campaign, candidate };
}

export interface ApplyOptions {
  reason?: string | null;
  /** Column changes that go with the move (votes, stars), written in the same statement. */
  set?: Partial<Omit<CandidateTable, 'id' | 'state' | 'updated_at'>>;
  /** Shown in the dossier: votes, stars, the objection handled. */
  detail?: Record<string, unknown>;
}

/**
 * Takes `action` on the candidate as the caller, inside `trx`. Refuses with the domain's message
 * (403 for someone else's stage or one's own candidacy, 422 for a state that does not allow it,
 * 400 for a missing reason); 404 when the caller may not even see the candidate; 409 when someone
 * else moved it first.
 */
export async function applyTransition(trx: Db, ctx: RequestCtx, campaign: CampaignRow, candidate: CandidateRow, action: PipelineAction, opts: ApplyOptions = {}): Promise<CandidateState> {
  const auth = ctx.auth;
  if (!auth || !(await canReadCandidate(trx, auth, campaign, candidate))) throw notFound();
  if (campaign.status === 'closed') throw unprocessable('pipeline.campaign_closed');
  const { actors, isCandidate } = await actorsFor(trx, auth, campaign, candidate);
  const result = transition(candidate.state as CandidateState, action, {
    actors,
    isCandidate,
    hasSelfEvaluation: (campaign.kind as CampaignKind) === 'five_star',
    reason: opts.reason,
  });
  if (!result.ok) {
    const status = result.code === 'pipeline.not_your_turn' || result.code === 'pipeline.own_candidacy' ? 403 : result.code === 'pipeline.reason_required' ? 400 : 422;
    throw new AppError(status, result.code, status === 400 ? [{ field: 'reason', code: result.code }] : undefined);
  }
  const now = nowIso(ctx.deps);
  const moved = await trx
    .updateTable('candidate')
    .set({ ...opts.set, state: result.to, updated_at: now })
    .where('id', '=', candidate.id)
    .where('state', '=', candidate.state)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw conflict('error.conflict');
  await recordEvent(trx, ctx, candidate.id, action, candidate.state, result.to, opts.reason ?? null, opts.detail);
  await recordAudit(trx, ctx, {
    entityType: 'candidate',
    entityId: candidate.id,
    unitId: candidate.home_unit_id,
    action: `campaign.candidate.${action}`,
    before: { state: candidate.state },
    after: { state: result.to, reason: opts.reason ?? null, ...opts.detail },
  });
  return result.to;
}

/** Appends one step to the candidate's dossier (also used when a candidacy is created). */
export async function recordEvent(trx: Db, ctx: RequestCtx, candidateId: number, action: string, from: string | null, to: string, reason: string | null, detail?: Record<string, unknown>) {
  await trx
    .insertInto('candidate_event')
    .values({
      candidate_id: candidateId,
      action,
      from_state: from,
      to_state: to,
      actor_user_id: ctx.auth?.userId ?? null,
      actor_name: ctx.auth?.displayName ?? null,
      reason,
      detail: detail ? JSON.stringify(detail) : null,
      created_at: nowIso(ctx.deps),
    })
    .execute();
}
