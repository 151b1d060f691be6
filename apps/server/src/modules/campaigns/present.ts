// What leaves the server about campaigns and candidates: names and stages, never a member's
// personal data (a candidate is named, nothing more).
import { decodeStars, deadlineStatus, stageOf, type CampaignKind, type CandidateCategory, type CandidateState } from '@xianfeng/domain';
import type { CampaignRow } from './transition.ts';
import type { CandidateListRow } from './repo.ts';

type Deadlines = Pick<CampaignRow, 'self_evaluation_due' | 'branch_recommendation_due' | 'committee_review_due' | 'leading_group_due'>;

export function deadlinesOf(c: Deadlines) {
  return {
    selfEvaluation: c.self_evaluation_due,
    branchRecommendation: c.branch_recommendation_due,
    committeeReview: c.committee_review_due,
    leadingGroup: c.leading_group_due,
  };
}

/** The deadline of the stage a candidate is in, and how close it is. */
export function stageDeadline(state: string, c: Deadlines, today: string) {
  const stage = stageOf(state as CandidateState);
  const due = stage === null ? null : { self_evaluation: c.self_evaluation_due, branch_recommendation: c.branch_recommendation_due, committee_review: c.committee_review_due, leading_group: c.leading_group_due }[stage];
  return { stage, due: due ?? null, status: deadlineStatus(due ?? null, today) };
}

export function presentCampaign(c: CampaignRow & { unit_code: string; unit_name: string; candidate_count?: unknown }, candidates?: number) {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind as CampaignKind,
    period: c.period,
    status: c.status as 'open' | 'notice' | 'closed',
    unit: { id: c.unit_id, code: c.unit_code, name: c.unit_name },
    noticeDays: c.notice_days,
    noticeStart: c.notice_start,
    noticeEnd: c.notice_end,
    deadlines: deadlinesOf(c),
    createdAt: c.created_at,
    closedAt: c.closed_at,
    ...(candidates === undefined ? {} : { candidates }),
  };
}

export function presentVotes(k: Pick<CandidateListRow, 'vote_eligible' | 'vote_present' | 'vote_in_favour' | 'vote_against' | 'vote_abstain' | 'meeting_on'>) {
  if (k.vote_eligible === null) return null;
  return { eligible: k.vote_eligible, present: k.vote_present, inFavour: k.vote_in_favour, against: k.vote_against, abstain: k.vote_abstain, meetingOn: k.meeting_on };
}

export function presentCandidate(k: CandidateListRow, today: string) {
  const isUnit = k.subject_unit_id !== null;
  return {
    id: k.id,
    campaignId: k.campaign_id,
    category: k.category as CandidateCategory,
    state: k.state as CandidateState,
    subject: isUnit ? { kind: 'unit' as const, id: k.subject_unit_id!, name: k.subject_unit_name ?? '' } : { kind: 'member' as const, id: k.member_id!, name: k.member_name ?? '' },
    homeUnit: { id: k.home_unit_id, name: k.home_unit_name },
    stars:
      k.category === 'five_star'
        ? { computed: decodeStars(k.stars_computed), claimed: decodeStars(k.stars_claimed), recommended: decodeStars(k.stars_recommended), decided: decodeStars(k.stars_decided) }
        : null,
    votes: presentVotes(k),
    deadline: stageDeadline(k.state, k, today),
    createdAt: k.created_at,
    updatedAt: k.updated_at,
  };
}
