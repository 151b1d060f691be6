// The steps of the pipeline a person takes on one candidate: submit and withdraw (the candidate),
// recommend, decline and return (the branch), approve and return (the committee), decide, reject
// and return (the leading group). The table in the domain decides who may; this file adds what a
// step carries — the branch meeting's vote, the quota, the stars — and runs it all in one
// transaction under the campaign's lock, so two recommendations cannot both take the last place.
import { checkVote, decodeStars, encodeStars, isValidYmd, quotaAllows, todayYmd, transition, type CampaignKind, type CandidateState, type StarDimension, type VoteRecord } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { requireAuth } from '../../core/access.ts';
import { AppError, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { actorsFor, applyTransition, canReadCandidate, loadCandidate, type ApplyOptions, type CampaignRow, type CandidateRow } from './transition.ts';
import { getCandidate, type CandidateAction } from './candidates.ts';
import { schemeOfCandidate, submitChecks } from './self-evaluation.ts';
import * as repo from './repo.ts';

export interface ActionInput {
  action: CandidateAction;
  reason?: string | null;
  votes?: VoteRecord;
  meetingOn?: string;
  stars?: StarDimension[];
}

export async function takeAction(ctx: RequestCtx, candidateId: number, input: ActionInput) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const loaded = await loadCandidate(db, candidateId);
  if (!loaded || !(await canReadCandidate(db, auth, loaded.campaign, loaded.candidate))) throw notFound();
  await db.transaction().execute(async (trx) => {
    const campaign = await repo.lockCampaign(trx, dialect, loaded.campaign.id);
    const candidate = (await trx.selectFrom('candidate').selectAll().where('id', '=', candidateId).executeTakeFirstOrThrow()) as CandidateRow;
    const { actors, isCandidate } = await actorsFor(trx, auth, campaign, candidate);
    const allowed = transition(candidate.state as CandidateState, input.action, { actors, isCandidate, hasSelfEvaluation: campaign.kind === 'five_star', reason: input.reason });
    // When the step itself is refused, applyTransition gives the refusal; only a step the caller
    // may take is checked for its votes, stars and quota.
    const opts: ApplyOptions = allowed.ok && campaign.status !== 'closed' ? await prepare(trx, ctx, campaign, candidate, input) : {};
    await applyTransition(trx, ctx, campaign, candidate, input.action, { ...opts, reason: input.reason?.trim() || null });
  });
  return getCandidate(ctx, candidateId);
}

async function prepare(trx: Db, ctx: RequestCtx, campaign: CampaignRow, candidate: CandidateRow, input: ActionInput): Promise<ApplyOptions> {
  const fiveStar = (campaign.kind as CampaignKind) === 'five_star';
  if (input.stars !== undefined && !fiveStar) throw invalid([{ field: 'stars', code: 'pipeline.stars_not_applicable' }]);
  switch (input.action) {
    case 'submit':
      return submitChecks(trx, candidate, await schemeOfCandidate(trx, campaign, candidate));
    case 'recommend': {
      const votes = checkMeeting(ctx, input);
      const stars = fiveStar ? chooseStars(input.stars, decodeStars(candidate.stars_claimed), 'pipeline.stars_not_claimed') : null;
      await checkQuota(trx, campaign, candidate);
      return {
        set: {
          vote_eligible: votes.eligible, vote_present: votes.present, vote_in_favour: votes.inFavour, vote_against: votes.against, vote_abstain: votes.abstain, meeting_on: input.meetingOn!,
          ...(stars ? { stars_recommended: encodeStars(stars) } : {}),
        },
        // The meeting's date travels with its vote (the dossier prints the counts, the JSON keeps both).
        detail: { votes: { ...votes, meetingOn: input.meetingOn }, ...(stars ? { stars } : {}) },
      };
    }
    case 'decide': {
      if (!fiveStar) return {};
      const stars = chooseStars(input.stars, decodeStars(candidate.stars_recommended), 'pipeline.stars_not_recommended');
      return { set: { stars_decided: encodeStars(stars) }, detail: { stars } };
    }
    default:
      return {};
  }
}

/** The branch meeting: its date (not in the future) and a valid vote that carries. */
function checkMeeting(ctx: RequestCtx, input: ActionInput): VoteRecord {
  const issues = [];
  if (!input.votes) issues.push({ field: 'votes', code: 'pipeline.votes_required' as const });
  if (!input.meetingOn) issues.push({ field: 'meetingOn', code: 'pipeline.meeting_required' as const });
  else if (!isValidYmd(input.meetingOn)) issues.push({ field: 'meetingOn', code: 'date.invalid' as const });
  else if (input.meetingOn > todayYmd(ctx.deps.now())) issues.push({ field: 'meetingOn', code: 'pipeline.meeting_in_future' as const });
  if (issues.length) throw invalid(issues);
  const issue = checkVote(input.votes!);
  if (issue === 'pipeline.votes_inconsistent') throw invalid([{ field: 'votes', code: issue }]);
  if (issue) throw unprocessable(issue, {}, [{ field: 'votes', code: issue }]);
  return input.votes!;
}

/** Stars narrowed from the previous stage (all of them by default); at least one stays lit. */
function chooseStars(chosen: StarDimension[] | undefined, from: StarDimension[], code: 'pipeline.stars_not_claimed' | 'pipeline.stars_not_recommended'): StarDimension[] {
  const stars = decodeStars(encodeStars(chosen ?? from));
  if (stars.some((s) => !from.includes(s))) throw invalid([{ field: 'stars', code }]);
  if (stars.length === 0) throw invalid([{ field: 'stars', code: 'pipeline.stars_empty' }]);
  return stars;
}

/** The nearest quota on the home unit's path up, counted under the campaign's lock. */
async function checkQuota(trx: Db, campaign: CampaignRow, candidate: CandidateRow) {
  const quota = await repo.nearestQuota(trx, campaign.id, candidate.category, candidate.home_unit_id);
  if (!quota) return;
  const used = await repo.placesUsed(trx, campaign.id, candidate.category, quota.unit_id);
  if (!quotaAllows(quota.quota, used)) throw new AppError(422, 'pipeline.quota_exceeded', { unitId: quota.unit_id, quota: quota.quota, used }, { unit: quota.unit_name, quota: quota.quota });
}
