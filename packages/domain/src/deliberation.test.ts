import { describe, expect, it } from 'vitest';
import {
  ACTION_STATUSES, ACTION_TRANSITIONS, actionChange, actionOverdue, checkVoteOptions, commentStateAfterReport, COMMENT_STATES, isCommentHidden, moderate,
  voteTally, TOPIC_ACTIONS, TOPIC_EDITABLE, TOPIC_FINAL_STATUSES, TOPIC_STATUSES, TOPIC_TRANSITIONS, topicActionsIn, topicEditCheck, topicProgress, topicTransition, validateHideAfterReports, voteIsOpen,
  type ActionStatus, type TopicEditor, type TopicAction, type TopicStatus,
} from './deliberation.ts';

const ALL_MET = { voteClosed: true, actionsDone: true, hasReason: true };
const NONE_MET = { voteClosed: false, actionsDone: false, hasReason: false };

describe('the topic state table', () => {
  // Every state × action with every condition met: the next state, or the refusal.
  const expected: Record<TopicStatus, Record<TopicAction, string>> = {
    open: { schedule_council: 'council', open_vote: 'deliberation.not_in_council', decide: 'deliberation.not_in_council', start: 'deliberation.not_in_council', complete: 'deliberation.not_in_council', reject: 'rejected', close: 'deliberation.not_in_council' },
    council: { schedule_council: 'deliberation.no_vote_yet', open_vote: 'voting', decide: 'deliberation.no_vote_yet', start: 'deliberation.no_vote_yet', complete: 'deliberation.no_vote_yet', reject: 'deliberation.no_vote_yet', close: 'closed' },
    voting: { schedule_council: 'deliberation.voting_in_progress', open_vote: 'deliberation.voting_in_progress', decide: 'decided', start: 'deliberation.voting_in_progress', complete: 'deliberation.voting_in_progress', reject: 'deliberation.voting_in_progress', close: 'closed' },
    decided: { schedule_council: 'deliberation.already_decided', open_vote: 'deliberation.already_decided', decide: 'deliberation.already_decided', start: 'implementing', complete: 'deliberation.already_decided', reject: 'deliberation.already_decided', close: 'closed' },
    implementing: { schedule_council: 'deliberation.already_decided', open_vote: 'deliberation.already_decided', decide: 'deliberation.already_decided', start: 'deliberation.already_decided', complete: 'completed', reject: 'deliberation.already_decided', close: 'closed' },
    completed: Object.fromEntries(TOPIC_ACTIONS.map((a) => [a, 'deliberation.topic_final'])) as Record<TopicAction, string>,
    rejected: Object.fromEntries(TOPIC_ACTIONS.map((a) => [a, 'deliberation.topic_final'])) as Record<TopicAction, string>,
    closed: Object.fromEntries(TOPIC_ACTIONS.map((a) => [a, 'deliberation.topic_final'])) as Record<TopicAction, string>,
  };
  it.each(TOPIC_STATUSES.flatMap((s) => TOPIC_ACTIONS.map((a) => [s, a] as const)))('%s × %s', (status, action) => {
    const t = topicTransition(status, action, ALL_MET);
    expect(t.ok ? t.next : t.code).toBe(expected[status][action]);
  });

  it('a decision waits for the vote to close', () => {
    expect(topicTransition('voting', 'decide', { ...ALL_MET, voteClosed: false })).toEqual({ ok: false, status: 409, code: 'deliberation.vote_still_open' });
  });
  it('a topic is completed only when every follow-up action is done', () => {
    expect(topicTransition('implementing', 'complete', { ...ALL_MET, actionsDone: false })).toEqual({ ok: false, status: 409, code: 'deliberation.actions_not_done' });
  });
  it('rejecting and closing need a reason', () => {
    expect(topicTransition('open', 'reject', NONE_MET)).toEqual({ ok: false, status: 422, code: 'deliberation.reason_required' });
    for (const s of ['council', 'voting', 'decided', 'implementing'] as const) expect(topicTransition(s, 'close', NONE_MET)).toEqual({ ok: false, status: 422, code: 'deliberation.reason_required' });
  });
  it('steps without a condition need none', () => {
    expect(topicTransition('open', 'schedule_council', NONE_MET)).toEqual({ ok: true, next: 'council' });
    expect(topicTransition('council', 'open_vote', NONE_MET)).toEqual({ ok: true, next: 'voting' });
    expect(topicTransition('decided', 'start', NONE_MET)).toEqual({ ok: true, next: 'implementing' });
  });
  it('nothing moves a completed, rejected or closed topic', () => {
    for (const s of TOPIC_FINAL_STATUSES) expect(TOPIC_TRANSITIONS[s]).toEqual({});
    expect(topicActionsIn('open')).toEqual(['schedule_council', 'reject']);
    expect(topicActionsIn('closed')).toEqual([]);
  });
});

describe('correcting a topic', () => {
  const QUIET = { comments: 0, ballots: 0 };
  // Every state × standing, nobody having responded yet: 'ok' or the refusal's code.
  const expected: Record<TopicStatus, Record<'author' | 'manager' | 'both' | 'neither', string>> = {
    open: { author: 'ok', manager: 'ok', both: 'ok', neither: 'deliberation.not_editor' },
    council: { author: 'ok', manager: 'ok', both: 'ok', neither: 'deliberation.not_editor' },
    voting: { author: 'deliberation.edit_after_vote', manager: 'deliberation.edit_after_vote', both: 'deliberation.edit_after_vote', neither: 'deliberation.not_editor' },
    decided: { author: 'deliberation.edit_after_vote', manager: 'deliberation.edit_after_vote', both: 'deliberation.edit_after_vote', neither: 'deliberation.not_editor' },
    implementing: { author: 'deliberation.edit_after_vote', manager: 'deliberation.edit_after_vote', both: 'deliberation.edit_after_vote', neither: 'deliberation.not_editor' },
    completed: { author: 'deliberation.topic_final', manager: 'deliberation.topic_final', both: 'deliberation.topic_final', neither: 'deliberation.not_editor' },
    rejected: { author: 'deliberation.topic_final', manager: 'deliberation.topic_final', both: 'deliberation.topic_final', neither: 'deliberation.not_editor' },
    closed: { author: 'deliberation.topic_final', manager: 'deliberation.topic_final', both: 'deliberation.topic_final', neither: 'deliberation.not_editor' },
  };
  const standings: Record<string, TopicEditor[]> = { author: ['author'], manager: ['manager'], both: ['author', 'manager'], neither: [] };
  it.each(TOPIC_STATUSES.flatMap((s) => Object.keys(standings).map((k) => [s, k] as const)))('%s × %s', (status, who) => {
    const c = topicEditCheck(status, standings[who]!, QUIET);
    expect(c.ok ? 'ok' : c.code).toBe(expected[status][who as keyof (typeof expected)['open']]);
  });
  it('the table covers every state', () => {
    expect(Object.keys(TOPIC_EDITABLE)).toEqual([...TOPIC_STATUSES]);
  });
  it('its author corrects it only before anyone has commented or voted; a manager regardless', () => {
    expect(topicEditCheck('open', ['author'], { comments: 1, ballots: 0 })).toEqual({ ok: false, status: 409, code: 'deliberation.edit_after_comments' });
    expect(topicEditCheck('council', ['author'], { comments: 0, ballots: 2 })).toEqual({ ok: false, status: 409, code: 'deliberation.edit_after_votes' });
    expect(topicEditCheck('open', ['manager'], { comments: 5, ballots: 0 })).toEqual({ ok: true });
    expect(topicEditCheck('council', ['author', 'manager'], { comments: 5, ballots: 0 })).toEqual({ ok: true });
  });
  it('someone who neither raised nor manages it is refused with 403', () => {
    expect(topicEditCheck('open', [], QUIET)).toEqual({ ok: false, status: 403, code: 'deliberation.not_editor' });
  });
});

describe('moderation', () => {
  it('hides a visible comment once the reports reach the threshold, and not before', () => {
    expect(commentStateAfterReport('visible', 2, 3)).toBe('visible');
    expect(commentStateAfterReport('visible', 3, 3)).toBe('auto_hidden');
    expect(commentStateAfterReport('visible', 1, 1)).toBe('auto_hidden');
  });
  it('a moderator’s decision stands against later reports', () => {
    expect(commentStateAfterReport('restored', 10, 3)).toBe('restored');
    expect(commentStateAfterReport('hidden', 10, 3)).toBe('hidden');
  });
  it.each(COMMENT_STATES.flatMap((s) => (['hide', 'restore'] as const).map((a) => [s, a] as const)))('%s × %s', (state, action) => {
    const expected = {
      visible: { hide: 'hidden', restore: 'deliberation.comment_not_hidden' },
      auto_hidden: { hide: 'hidden', restore: 'restored' },
      hidden: { hide: 'deliberation.comment_already_hidden', restore: 'restored' },
      restored: { hide: 'hidden', restore: 'deliberation.comment_not_hidden' },
    }[state][action];
    const r = moderate(state, action);
    expect(r.ok ? r.next : r.code).toBe(expected);
  });
  it('knows which states are hidden and what threshold is allowed', () => {
    expect(COMMENT_STATES.filter(isCommentHidden)).toEqual(['auto_hidden', 'hidden']);
    expect([0, 1, 3, 100, 101, 2.5, '3'].map(validateHideAfterReports)).toEqual([false, true, true, true, false, false, false]);
  });
});

describe('voting', () => {
  it('needs two to ten different, named options', () => {
    expect(checkVoteOptions(['同意', '不同意', '弃权'])).toEqual([]);
    expect(checkVoteOptions(['同意'])).toEqual(['deliberation.options_count']);
    expect(checkVoteOptions(Array.from({ length: 11 }, (_, i) => `方案${i}`))).toEqual(['deliberation.options_count']);
    expect(checkVoteOptions(['同意', ' 同意 '])).toEqual(['deliberation.options_duplicate']);
    expect(checkVoteOptions(['同意', '  '])).toEqual(['deliberation.options_blank']);
  });
  it('is open until its closing time or until closed early', () => {
    expect(voteIsOpen({ closesAt: '2026-05-01T10:00:00.000Z', closedAt: null }, '2026-05-01T09:59:59.000Z')).toBe(true);
    expect(voteIsOpen({ closesAt: '2026-05-01T10:00:00.000Z', closedAt: null }, '2026-05-01T10:00:00.000Z')).toBe(false);
    expect(voteIsOpen({ closesAt: '2026-05-01T10:00:00.000Z', closedAt: '2026-05-01T08:00:00.000Z' }, '2026-05-01T09:00:00.000Z')).toBe(false);
  });
  it('counts one choice per ballot, with turnout against the electorate', () => {
    expect(voteTally(3, [0, 0, 1, 2, 0], 8)).toEqual({ counts: [3, 1, 1], votes: 5, electorate: 8, turnout: 62.5, leading: [0] });
    expect(voteTally(2, [0, 1], 3)).toEqual({ counts: [1, 1], votes: 2, electorate: 3, turnout: 66.7, leading: [0, 1] });
    expect(voteTally(3, [], 0)).toEqual({ counts: [0, 0, 0], votes: 0, electorate: 0, turnout: 0, leading: [] });
    expect(voteTally(2, [5, -1, 1], 3).counts).toEqual([0, 1]);
  });
});

describe('follow-up actions', () => {
  const input = { note: '', progress: undefined, currentProgress: 0 };
  it.each(ACTION_STATUSES.flatMap((f) => ACTION_STATUSES.map((t) => [f, t] as const)))('%s → %s', (from, to) => {
    const r = actionChange(from, to, { ...input, note: '材料未到' });
    if (from === 'done') expect(r).toEqual({ ok: false, code: 'deliberation.action_done' });
    else if (from === to || ACTION_TRANSITIONS[from].includes(to as ActionStatus)) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, code: 'deliberation.action_bad_status' });
  });
  it('a delay needs a note; done means 100 %', () => {
    expect(actionChange('in_progress', 'delayed', input)).toEqual({ ok: false, code: 'deliberation.delay_note_required' });
    expect(actionChange('in_progress', 'done', { ...input, progress: 40 })).toEqual({ ok: true, progress: 100 });
    expect(actionChange('not_started', 'in_progress', { ...input, progress: 30 })).toEqual({ ok: true, progress: 30 });
    expect(actionChange('in_progress', 'in_progress', { ...input, progress: 100 })).toEqual({ ok: false, code: 'deliberation.progress_invalid' });
    expect(actionChange('in_progress', 'in_progress', { ...input, currentProgress: 40 })).toEqual({ ok: true, progress: 40 });
  });
  it('is overdue when not done after the due day', () => {
    expect(actionOverdue({ status: 'in_progress', dueOn: '2026-05-01' }, '2026-05-02')).toBe(true);
    expect(actionOverdue({ status: 'in_progress', dueOn: '2026-05-01' }, '2026-05-01')).toBe(false);
    expect(actionOverdue({ status: 'done', dueOn: '2026-05-01' }, '2026-06-01')).toBe(false);
    expect(actionOverdue({ status: 'delayed', dueOn: null }, '2026-06-01')).toBe(false);
  });
  it('a topic’s progress is the mean of its actions', () => {
    expect(topicProgress([])).toBe(0);
    expect(topicProgress([{ status: 'done', progress: 0 }, { status: 'in_progress', progress: 50 }, { status: 'not_started', progress: 0 }])).toBe(50);
  });
});
