// The deliberation hall (社区议事厅 / 网格议事会, Huzhou): a topic (议题) raised by a resident or a
// member for their community or grid is discussed, taken to a council meeting (议事会), put to a
// vote of the people of the place, decided, and its follow-up actions (落实事项) tracked to the end
// in public. Lifecycles are data (state × action → next state, who may take it); the rules of
// moderation, voting and the tally are here too. No I/O: the server stores and checks.
import type { MessageCode } from './messages.ts';

export const TOPIC_CATEGORIES = [
  { value: 'environment', zh: '环境卫生', en: 'Environment and sanitation' },
  { value: 'infrastructure', zh: '道路设施', en: 'Roads and facilities' },
  { value: 'safety', zh: '安全隐患', en: 'Safety' },
  { value: 'public_service', zh: '公共服务', en: 'Public services' },
  { value: 'neighbourhood', zh: '邻里关系', en: 'Neighbourhood' },
  { value: 'collective_affairs', zh: '集体事务', en: 'Collective affairs' },
  { value: 'other', zh: '其他', en: 'Other' },
] as const;
export type TopicCategory = (typeof TOPIC_CATEGORIES)[number]['value'];
export const TOPIC_CATEGORY_VALUES: readonly TopicCategory[] = TOPIC_CATEGORIES.map((c) => c.value);

export function topicCategoryLabel(value: string, locale: 'zh-CN' | 'en'): string {
  const c = TOPIC_CATEGORIES.find((k) => k.value === value);
  return c ? (locale === 'en' ? c.en : c.zh) : value;
}

/** Topics are raised for a village or community (社区议事厅) or one of its grids (网格议事会). */
export const DELIBERATION_UNIT_KINDS = ['village', 'community', 'grid'] as const;

// ---------------------------------------------------------------------------------------------
// A topic's life

/**
 * 征集意见 open → 议事会 council → 表决 voting → 已决定 decided → 落实中 implementing → 已办结
 * completed; 不予受理 rejected (only before a council takes it up) or 关闭 closed, each with a reason.
 */
export const TOPIC_STATUSES = ['open', 'council', 'voting', 'decided', 'implementing', 'completed', 'rejected', 'closed'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export const TOPIC_STATUS_LABELS: Readonly<Record<TopicStatus, { zh: string; en: string }>> = {
  open: { zh: '征集意见', en: 'Open for discussion' },
  council: { zh: '议事会', en: 'Council scheduled' },
  voting: { zh: '表决', en: 'Voting' },
  decided: { zh: '已决定', en: 'Decided' },
  implementing: { zh: '落实中', en: 'Implementing' },
  completed: { zh: '已办结', en: 'Completed' },
  rejected: { zh: '不予受理', en: 'Not accepted' },
  closed: { zh: '关闭', en: 'Closed' },
};

/** Nothing moves a topic out of these. */
export const TOPIC_FINAL_STATUSES: readonly TopicStatus[] = ['completed', 'rejected', 'closed'];
/** Residents may still discuss the topic. */
export const TOPIC_DISCUSSABLE_STATUSES: readonly TopicStatus[] = ['open', 'council', 'voting'];

export const TOPIC_ACTIONS = ['schedule_council', 'open_vote', 'decide', 'start', 'complete', 'reject', 'close'] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

/**
 * What must hold besides the state: 'vote_closed' — the vote's closing time has passed (a decision
 * follows the vote, never runs ahead of it); 'actions_done' — every follow-up action is completed
 * (and there is at least one); 'reason' — a reason is given.
 */
export type TopicCondition = 'vote_closed' | 'actions_done' | 'reason';

export interface TopicStep {
  next: TopicStatus;
  requires?: TopicCondition;
}

/** Every action is taken by someone who manages deliberation for the topic's place. */
export const TOPIC_TRANSITIONS: Readonly<Record<TopicStatus, Partial<Record<TopicAction, TopicStep>>>> = {
  open: { schedule_council: { next: 'council' }, reject: { next: 'rejected', requires: 'reason' } },
  council: { open_vote: { next: 'voting' }, close: { next: 'closed', requires: 'reason' } },
  voting: { decide: { next: 'decided', requires: 'vote_closed' }, close: { next: 'closed', requires: 'reason' } },
  decided: { start: { next: 'implementing' }, close: { next: 'closed', requires: 'reason' } },
  implementing: { complete: { next: 'completed', requires: 'actions_done' }, close: { next: 'closed', requires: 'reason' } },
  completed: {},
  rejected: {},
  closed: {},
};

/** Why an action is refused in a state (every refusal is a 409). */
const TOPIC_REFUSALS: Readonly<Record<TopicStatus, MessageCode>> = {
  open: 'deliberation.not_in_council',
  council: 'deliberation.no_vote_yet',
  voting: 'deliberation.voting_in_progress',
  decided: 'deliberation.already_decided',
  implementing: 'deliberation.already_decided',
  completed: 'deliberation.topic_final',
  rejected: 'deliberation.topic_final',
  closed: 'deliberation.topic_final',
};

const CONDITION_REFUSALS: Readonly<Record<TopicCondition, MessageCode>> = {
  vote_closed: 'deliberation.vote_still_open',
  actions_done: 'deliberation.actions_not_done',
  reason: 'deliberation.reason_required',
};

export interface TopicFacts {
  voteClosed: boolean;
  /** Every follow-up action completed, and there is at least one. */
  actionsDone: boolean;
  hasReason: boolean;
}

export type TopicTransition = { ok: true; next: TopicStatus } | { ok: false; status: 409 | 422; code: MessageCode };

export function topicTransition(status: TopicStatus, action: TopicAction, facts: TopicFacts): TopicTransition {
  const step = TOPIC_TRANSITIONS[status]?.[action];
  if (!step) return { ok: false, status: 409, code: TOPIC_REFUSALS[status] ?? 'error.conflict' };
  const met = step.requires === undefined
    || (step.requires === 'vote_closed' && facts.voteClosed)
    || (step.requires === 'actions_done' && facts.actionsDone)
    || (step.requires === 'reason' && facts.hasReason);
  if (!met) return { ok: false, status: step.requires === 'reason' ? 422 : 409, code: CONDITION_REFUSALS[step.requires!] };
  return { ok: true, next: step.next };
}

/** The actions a manager may take now (for the buttons a page shows), conditions aside. */
export function topicActionsIn(status: TopicStatus): TopicAction[] {
  return TOPIC_ACTIONS.filter((a) => TOPIC_TRANSITIONS[status]?.[a] !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Correcting a topic's title and text

/** Who corrects a topic: the person who raised it, or someone who manages deliberation there. */
export type TopicEditor = 'author' | 'manager';

/**
 * Until when a topic's title and text may be corrected, and by whom. A manager corrects it until
 * the vote opens (the people vote on the text as it then stands); its author only before anyone
 * has responded to it — see topicEditRefusal — so that no comment or vote ends up answering words
 * that were changed under it. A finished topic is never edited.
 */
export const TOPIC_EDITABLE: Readonly<Record<TopicStatus, readonly TopicEditor[]>> = {
  open: ['author', 'manager'],
  council: ['author', 'manager'],
  voting: [],
  decided: [],
  implementing: [],
  completed: [],
  rejected: [],
  closed: [],
};

export type TopicEditCheck = { ok: true } | { ok: false; status: 403 | 409; code: MessageCode };

/**
 * Whether someone standing to the topic as `as` (author, manager, both or neither) may correct it
 * now. The most permissive standing counts: an author who also manages edits as a manager.
 */
export function topicEditCheck(status: TopicStatus, as: readonly TopicEditor[], facts: { comments: number; ballots: number }): TopicEditCheck {
  if (as.length === 0) return { ok: false, status: 403, code: 'deliberation.not_editor' };
  const allowed = TOPIC_EDITABLE[status] ?? [];
  if (as.includes('manager') && allowed.includes('manager')) return { ok: true };
  if (as.includes('author') && allowed.includes('author')) {
    if (facts.comments > 0) return { ok: false, status: 409, code: 'deliberation.edit_after_comments' };
    if (facts.ballots > 0) return { ok: false, status: 409, code: 'deliberation.edit_after_votes' };
    return { ok: true };
  }
  return { ok: false, status: 409, code: TOPIC_FINAL_STATUSES.includes(status) ? 'deliberation.topic_final' : 'deliberation.edit_after_vote' };
}

// ---------------------------------------------------------------------------------------------
// Discussion and moderation

/**
 * A comment is visible; hidden automatically once enough people reported it; hidden or restored
 * by a moderator. A moderator's decision stands: reports after a restore no longer hide it.
 */
export const COMMENT_STATES = ['visible', 'auto_hidden', 'hidden', 'restored'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

export const DEFAULT_HIDE_AFTER_REPORTS = 3;

export function isCommentHidden(state: CommentState): boolean {
  return state === 'auto_hidden' || state === 'hidden';
}

/** The state after one more report, counting it: hidden once the reports reach the threshold. */
export function commentStateAfterReport(state: CommentState, reports: number, hideAfter: number): CommentState {
  return state === 'visible' && reports >= hideAfter ? 'auto_hidden' : state;
}

export type ModerationAction = 'hide' | 'restore';

export function moderate(state: CommentState, action: ModerationAction): { ok: true; next: CommentState } | { ok: false; code: MessageCode } {
  if (action === 'hide') return state === 'hidden' ? { ok: false, code: 'deliberation.comment_already_hidden' } : { ok: true, next: 'hidden' };
  return isCommentHidden(state) ? { ok: true, next: 'restored' } : { ok: false, code: 'deliberation.comment_not_hidden' };
}

export function validateHideAfterReports(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 100;
}

// ---------------------------------------------------------------------------------------------
// Voting (表决): one person, one vote, changeable until the vote closes

export const DEFAULT_VOTE_OPTIONS = { 'zh-CN': ['同意', '不同意', '弃权'], en: ['For', 'Against', 'Abstain'] } as const;

export type VoteOptionsIssue = 'deliberation.options_count' | 'deliberation.options_duplicate' | 'deliberation.options_blank';

/** Two to ten options, each named, no two alike. */
export function checkVoteOptions(options: readonly string[]): VoteOptionsIssue[] {
  if (options.length < 2 || options.length > 10) return ['deliberation.options_count'];
  const trimmed = options.map((o) => o.trim());
  if (trimmed.some((o) => o.length === 0)) return ['deliberation.options_blank'];
  if (new Set(trimmed).size !== trimmed.length) return ['deliberation.options_duplicate'];
  return [];
}

export function voteIsOpen(vote: { closesAt: string; closedAt: string | null }, nowIso: string): boolean {
  return vote.closedAt === null && Date.parse(vote.closesAt) > Date.parse(nowIso);
}

export interface VoteTally {
  /** Votes per option, in the options' order. */
  counts: number[];
  votes: number;
  /** People with a role in the place (the electorate). */
  electorate: number;
  /** 0–100, one decimal. */
  turnout: number;
  /** The option(s) with the most votes; empty without votes. */
  leading: number[];
}

export function voteTally(optionCount: number, choices: readonly number[], electorate: number): VoteTally {
  const counts = Array.from({ length: optionCount }, () => 0);
  for (const c of choices) if (c >= 0 && c < optionCount) counts[c]! += 1;
  const votes = counts.reduce((a, b) => a + b, 0);
  const top = Math.max(0, ...counts);
  return {
    counts,
    votes,
    electorate,
    turnout: electorate > 0 ? Math.round((votes / electorate) * 1000) / 10 : 0,
    leading: top === 0 ? [] : counts.flatMap((n, i) => (n === top ? [i] : [])),
  };
}

// ---------------------------------------------------------------------------------------------
// Follow-up actions (落实事项)

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'delayed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, { zh: string; en: string }>> = {
  not_started: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  delayed: { zh: '延期', en: 'Delayed' },
};

/** Where an action may go from each status; a completed action stays completed. */
export const ACTION_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  not_started: ['in_progress', 'delayed', 'done'],
  in_progress: ['delayed', 'done'],
  delayed: ['in_progress', 'done'],
  done: [],
};

export type ActionChange = { ok: true; progress: number } | { ok: false; code: MessageCode };

/**
 * A change of an action's status (or of its progress within a status). A delay needs a note that
 * says why; a completed action is at 100 %; progress never goes back to 0 once started.
 */
export function actionChange(from: ActionStatus, to: ActionStatus, input: { note: string; progress: number | undefined; currentProgress: number }): ActionChange {
  if (from !== to && !ACTION_TRANSITIONS[from].includes(to)) return { ok: false, code: from === 'done' ? 'deliberation.action_done' : 'deliberation.action_bad_status' };
  if (from === to && from === 'done') return { ok: false, code: 'deliberation.action_done' };
  if (to === 'delayed' && input.note.trim().length < 2) return { ok: false, code: 'deliberation.delay_note_required' };
  if (to === 'done') return { ok: true, progress: 100 };
  const progress = input.progress ?? input.currentProgress;
  if (!Number.isInteger(progress) || progress < 0 || progress > 99) return { ok: false, code: 'deliberation.progress_invalid' };
  return { ok: true, progress };
}

/** Overdue: not done after its due date (YYYY-MM-DD, the whole day counts). */
export function actionOverdue(a: { status: string; dueOn: string | null }, todayYmd: string): boolean {
  return a.status !== 'done' && a.dueOn !== null && a.dueOn < todayYmd;
}

/** A topic's progress for the accountability page: the mean progress of its actions, 0–100. */
export function topicProgress(actions: ReadonlyArray<{ status: string; progress: number }>): number {
  if (actions.length === 0) return 0;
  const sum = actions.reduce((s, a) => s + (a.status === 'done' ? 100 : a.progress), 0);
  return Math.round(sum / actions.length);
}
