// The review pipeline shared by 五星党员 and 表彰, as data: "自下而上、层层推荐、综合评定".
// 自评 → 支部推荐 → 党委审核 → 党组研究 → 公示 (群众监督) → 确定. Every transition is a row of
// TRANSITIONS: from which state, by which action, to which state, and which actor may take it.
// The server works out which actors a caller is for a candidate; this table decides the rest.

export const CAMPAIGN_KINDS = ['five_star', 'commendation'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** What a candidate is put forward for: the five stars, or one of Huzhou's three commendations. */
export const CANDIDATE_CATEGORIES = ['five_star', 'outstanding_member', 'outstanding_worker', 'advanced_org'] as const;
export type CandidateCategory = (typeof CANDIDATE_CATEGORIES)[number];

export const CATEGORIES_OF: Readonly<Record<CampaignKind, readonly CandidateCategory[]>> = {
  five_star: ['five_star'],
  commendation: ['outstanding_member', 'outstanding_worker', 'advanced_org'],
};

/** Organizations are candidates for 先进基层党组织; people for everything else. */
export function candidateIsUnit(category: CandidateCategory): boolean {
  return category === 'advanced_org';
}

export const CANDIDATE_STATES = [
  'self_evaluation', // 自评: the member writes statements and attaches evidence
  'branch_recommendation', // 支部推荐: the branch meeting votes
  'committee_review', // 党委审核
  'leading_group', // 党组研究
  'decided', // 待公示: decided, waiting for the campaign's notice to be published
  'public_notice', // 公示
  'final', // 确定
  'not_recommended', // 未通过: declined by the branch or rejected by the leading group
  'withdrawn', // 撤回: by the candidate, or after an upheld objection
] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

export const TERMINAL_STATES: readonly CandidateState[] = ['final', 'not_recommended', 'withdrawn'];

export const PIPELINE_ACTIONS = [
  'submit', // the member hands in the self-evaluation
  'recommend', // the branch recommends, with the vote counts (quota checked)
  'decline', // the branch does not recommend, with a reason
  'approve', // the committee passes the candidate to the leading group
  'decide', // the leading group decides in favour
  'reject', // the leading group decides against, with a reason
  'return', // back one stage, with reasons
  'publish', // the campaign's notice starts (for every decided candidate at once)
  'uphold_withdraw', // an objection is upheld: the candidate is withdrawn
  'uphold_return', // an objection is upheld: the candidate goes back to the leading group
  'finalize', // the notice has run its course without open objections
  'withdraw', // the candidate withdraws before the branch has voted
] as const;
export type PipelineAction = (typeof PIPELINE_ACTIONS)[number];

/**
 * Who acts, relative to a candidate: the candidate themself; the branch (recommending permission
 * on the candidate's home unit); the committee and the leading group (reviewing and deciding
 * permissions on the campaign's organizing unit).
 */
export const PIPELINE_ACTORS = ['candidate', 'branch', 'committee', 'leading_group'] as const;
export type PipelineActor = (typeof PIPELINE_ACTORS)[number];

export interface Transition {
  readonly from: CandidateState;
  readonly action: PipelineAction;
  readonly to: CandidateState;
  readonly actors: readonly PipelineActor[];
  /** The action needs a written reason (returns, refusals, upheld objections). */
  readonly needsReason: boolean;
}

const t = (from: CandidateState, action: PipelineAction, to: CandidateState, actors: PipelineActor[], needsReason = false): Transition => ({ from, action, to, actors, needsReason });

export const TRANSITIONS: readonly Transition[] = [
  t('self_evaluation', 'submit', 'branch_recommendation', ['candidate']),
  t('self_evaluation', 'withdraw', 'withdrawn', ['candidate']),
  t('branch_recommendation', 'recommend', 'committee_review', ['branch']),
  t('branch_recommendation', 'decline', 'not_recommended', ['branch'], true),
  t('branch_recommendation', 'return', 'self_evaluation', ['branch'], true),
  t('branch_recommendation', 'withdraw', 'withdrawn', ['candidate']),
  t('committee_review', 'approve', 'leading_group', ['committee']),
  t('committee_review', 'return', 'branch_recommendation', ['committee'], true),
  t('leading_group', 'decide', 'decided', ['leading_group']),
  t('leading_group', 'reject', 'not_recommended', ['leading_group'], true),
  t('leading_group', 'return', 'committee_review', ['leading_group'], true),
  t('decided', 'publish', 'public_notice', ['leading_group']),
  t('decided', 'return', 'leading_group', ['leading_group'], true),
  t('public_notice', 'uphold_withdraw', 'withdrawn', ['leading_group'], true),
  t('public_notice', 'uphold_return', 'leading_group', ['leading_group'], true),
  t('public_notice', 'finalize', 'final', ['leading_group']),
];

export type TransitionResult =
  | { readonly ok: true; readonly to: CandidateState; readonly transition: Transition }
  | { readonly ok: false; readonly code: 'pipeline.not_allowed' | 'pipeline.not_your_turn' | 'pipeline.reason_required' | 'pipeline.no_self_evaluation' | 'pipeline.own_candidacy' };

export interface TransitionContext {
  /** The actors the caller is for this candidate. */
  readonly actors: readonly PipelineActor[];
  /** The caller is the candidate (or, for an organization, a member of it): they may not judge it. */
  readonly isCandidate: boolean;
  /** Commendation candidates are nominated, so there is no self-evaluation to return to. */
  readonly hasSelfEvaluation: boolean;
  readonly reason?: string | null;
}

/**
 * Whether the caller may take the action now. Refuses an action the state does not allow
 * (not_allowed), one that belongs to someone else (not_your_turn), judging one's own candidacy,
 * and a return or refusal without a reason.
 */
export function transition(from: CandidateState, action: PipelineAction, ctx: TransitionContext): TransitionResult {
  const row = TRANSITIONS.find((r) => r.from === from && r.action === action);
  if (!row) return { ok: false, code: 'pipeline.not_allowed' };
  if (!row.actors.some((a) => ctx.actors.includes(a))) return { ok: false, code: 'pipeline.not_your_turn' };
  if (ctx.isCandidate && !row.actors.includes('candidate')) return { ok: false, code: 'pipeline.own_candidacy' };
  if (row.to === 'self_evaluation' && !ctx.hasSelfEvaluation) return { ok: false, code: 'pipeline.no_self_evaluation' };
  if (row.needsReason && !ctx.reason?.trim()) return { ok: false, code: 'pipeline.reason_required' };
  return { ok: true, to: row.to, transition: row };
}

/** The actions a caller could take on a candidate now (buttons to show). */
export function availableActions(from: CandidateState, ctx: Omit<TransitionContext, 'reason'>): PipelineAction[] {
  return TRANSITIONS.filter((r) => r.from === from && transition(from, r.action, { ...ctx, reason: 'x' }).ok).map((r) => r.action);
}

/** Where a campaign's candidates start: nominated candidates skip the self-evaluation. */
export function initialState(kind: CampaignKind): CandidateState {
  return kind === 'five_star' ? 'self_evaluation' : 'branch_recommendation';
}

/** States that use up a place of the quota: recommended and beyond, not yet refused or withdrawn. */
export const QUOTA_STATES: readonly CandidateState[] = ['committee_review', 'leading_group', 'decided', 'public_notice', 'final'];

/** The stage whose deadline applies to a candidate in this state (null: no deadline). */
export function stageOf(state: CandidateState): 'self_evaluation' | 'branch_recommendation' | 'committee_review' | 'leading_group' | null {
  switch (state) {
    case 'self_evaluation':
    case 'branch_recommendation':
    case 'committee_review':
    case 'leading_group':
      return state;
    default:
      return null;
  }
}

export interface VoteRecord {
  /** Members entitled to vote (应到). */
  readonly eligible: number;
  /** Present (实到). */
  readonly present: number;
  readonly inFavour: number;
  readonly against: number;
  readonly abstain: number;
}

export type VoteIssue = 'pipeline.votes_inconsistent' | 'pipeline.votes_no_quorum' | 'pipeline.votes_no_majority';

/**
 * A branch meeting's vote is valid with more than half of the members present (过半数到会) and
 * carries with more than half of those present in favour; the counts must add up.
 */
export function checkVote(v: VoteRecord): VoteIssue | null {
  const all = [v.eligible, v.present, v.inFavour, v.against, v.abstain];
  if (all.some((n) => !Number.isInteger(n) || n < 0) || v.present > v.eligible || v.inFavour + v.against + v.abstain > v.present || v.eligible === 0) return 'pipeline.votes_inconsistent';
  if (v.present * 2 <= v.eligible) return 'pipeline.votes_no_quorum';
  if (v.inFavour * 2 <= v.present) return 'pipeline.votes_no_majority';
  return null;
}

export const OBJECTION_STATES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

export type ObjectionOutcome = 'dismiss' | 'uphold_withdraw' | 'uphold_return';

/** An objection is handled once, with a reason in every case; a notice closes only without open ones. */
export function resolveObjection(state: ObjectionState, outcome: ObjectionOutcome, reason: string | null | undefined): { ok: true; to: ObjectionState } | { ok: false; code: 'objection.already_handled' | 'pipeline.reason_required' } {
  if (state !== 'open') return { ok: false, code: 'objection.already_handled' };
  if (!reason?.trim()) return { ok: false, code: 'pipeline.reason_required' };
  return { ok: true, to: outcome === 'dismiss' ? 'dismissed' : 'upheld' };
}

/** Receipt codes are read aloud over the phone: no 0/O, 1/I/L. */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_LENGTH = 10;

export function isReceiptCode(s: unknown): s is string {
  return typeof s === 'string' && s.length === RECEIPT_LENGTH && [...s].every((c) => RECEIPT_ALPHABET.includes(c));
}

/** A receipt code from random bytes (the caller supplies them: the domain has no I/O). */
export function receiptCode(bytes: Uint8Array): string {
  if (bytes.length < RECEIPT_LENGTH) throw new RangeError('need more random bytes');
  return Array.from(bytes.slice(0, RECEIPT_LENGTH), (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]).join('');
}

/** Quotas: the nearest unit with a quota (on the candidate's path to the root) limits the places. */
export function quotaAllows(quota: number | null, used: number): boolean {
  return quota === null || used < quota;
}
