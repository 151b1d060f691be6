// The review pipeline, exhaustively: every state × every action × every actor set, checked against
// a table written out here by hand (not derived from TRANSITIONS), so a changed row fails a test.
import { describe, expect, it } from 'vitest';
import {
  availableActions, CANDIDATE_STATES, CATEGORIES_OF, candidateIsUnit, checkVote, initialState, isReceiptCode, PIPELINE_ACTIONS, QUOTA_STATES,
  quotaAllows, receiptCode, RECEIPT_ALPHABET, RECEIPT_LENGTH, resolveObjection, stageOf, TERMINAL_STATES, transition, TRANSITIONS,
  type CandidateState, type PipelineAction, type PipelineActor,
} from './pipeline.ts';

type Row = readonly [to: CandidateState, actor: PipelineActor, needsReason: boolean];

/** 自评 → 支部推荐 → 党委审核 → 党组研究 → 待公示 → 公示 → 确定, as the rules of the paper process have it. */
const EXPECTED: Readonly<Record<CandidateState, Partial<Record<PipelineAction, Row>>>> = {
  self_evaluation: {
    submit: ['branch_recommendation', 'candidate', false],
    withdraw: ['withdrawn', 'candidate', false],
  },
  branch_recommendation: {
    recommend: ['committee_review', 'branch', false],
    decline: ['not_recommended', 'branch', true],
    return: ['self_evaluation', 'branch', true],
    withdraw: ['withdrawn', 'candidate', false],
  },
  committee_review: {
    approve: ['leading_group', 'committee', false],
    return: ['branch_recommendation', 'committee', true],
  },
  leading_group: {
    decide: ['decided', 'leading_group', false],
    reject: ['not_recommended', 'leading_group', true],
    return: ['committee_review', 'leading_group', true],
  },
  decided: {
    publish: ['public_notice', 'leading_group', false],
    return: ['leading_group', 'leading_group', true],
  },
  public_notice: {
    uphold_withdraw: ['withdrawn', 'leading_group', true],
    uphold_return: ['leading_group', 'leading_group', true],
    finalize: ['final', 'leading_group', false],
  },
  final: {},
  not_recommended: {},
  withdrawn: {},
};

/** Who may be calling: nobody relevant, each actor alone, and a candidate who is also their own branch. */
const CALLERS: ReadonlyArray<{ name: string; actors: PipelineActor[]; isCandidate: boolean }> = [
  { name: 'nobody', actors: [], isCandidate: false },
  { name: 'candidate', actors: ['candidate'], isCandidate: true },
  { name: 'branch', actors: ['branch'], isCandidate: false },
  { name: 'committee', actors: ['committee'], isCandidate: false },
  { name: 'leading group', actors: ['leading_group'], isCandidate: false },
  { name: 'candidate who is also the branch', actors: ['candidate', 'branch'], isCandidate: true },
  { name: 'committee member of a candidate organization', actors: ['committee'], isCandidate: true },
  { name: 'all of them, not the candidate', actors: ['branch', 'committee', 'leading_group'], isCandidate: false },
];

function expected(from: CandidateState, action: PipelineAction, caller: (typeof CALLERS)[number], hasSelfEvaluation: boolean, reason: string | null) {
  const row = EXPECTED[from][action];
  if (!row) return { ok: false, code: 'pipeline.not_allowed' };
  const [to, actor, needsReason] = row;
  if (!caller.actors.includes(actor)) return { ok: false, code: 'pipeline.not_your_turn' };
  if (caller.isCandidate && actor !== 'candidate') return { ok: false, code: 'pipeline.own_candidacy' };
  if (to === 'self_evaluation' && !hasSelfEvaluation) return { ok: false, code: 'pipeline.no_self_evaluation' };
  if (needsReason && !reason?.trim()) return { ok: false, code: 'pipeline.reason_required' };
  return { ok: true, to };
}

describe('the transition table', () => {
  it('has exactly the rows of the expected table, each with one actor', () => {
    const rows = Object.entries(EXPECTED).flatMap(([from, actions]) => Object.entries(actions).map(([action, [to, actor, needsReason]]) => ({ from, action, to, actors: [actor], needsReason })));
    expect(TRANSITIONS.map((t) => ({ ...t, actors: [...t.actors] }))).toEqual(expect.arrayContaining(rows));
    expect(TRANSITIONS).toHaveLength(rows.length);
  });

  it('has no two rows for the same state and action', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  const cases = CANDIDATE_STATES.flatMap((from) => PIPELINE_ACTIONS.flatMap((action) => CALLERS.map((caller) => [from, action, caller] as const)));
  it.each(cases)('%s × %s × %o', (from, action, caller) => {
    for (const hasSelfEvaluation of [true, false]) {
      for (const reason of [null, '', '   ', '材料不全']) {
        const got = transition(from, action, { actors: caller.actors, isCandidate: caller.isCandidate, hasSelfEvaluation, reason });
        const want = expected(from, action, caller, hasSelfEvaluation, reason);
        expect(got.ok ? { ok: true, to: got.to } : { ok: false, code: got.code }, `${hasSelfEvaluation ? 'five stars' : 'commendation'}, reason ${JSON.stringify(reason)}`).toEqual(want);
      }
    }
  });

  it('covers every state × action × caller: 9 × 12 × 8 cases', () => {
    expect(cases).toHaveLength(CANDIDATE_STATES.length * PIPELINE_ACTIONS.length * CALLERS.length);
    expect(cases).toHaveLength(864);
  });

  it('ends nowhere after a terminal state, and every other state can move on', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(['final', 'not_recommended', 'withdrawn']);
    for (const s of TERMINAL_STATES) expect(TRANSITIONS.filter((t) => t.from === s)).toEqual([]);
    for (const s of CANDIDATE_STATES.filter((s) => !TERMINAL_STATES.includes(s))) expect(TRANSITIONS.some((t) => t.from === s)).toBe(true);
  });

  it('reaches every state from where a five-star candidacy starts', () => {
    const seen = new Set<CandidateState>([initialState('five_star')]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of TRANSITIONS) if (seen.has(t.from) && !seen.has(t.to)) (seen.add(t.to), (grew = true));
    }
    expect([...seen].sort()).toEqual([...CANDIDATE_STATES].sort());
  });

  it('needs a reason for every return and refusal, and for upheld objections', () => {
    for (const t of TRANSITIONS) expect(t.needsReason, `${t.from}/${t.action}`).toBe(['return', 'decline', 'reject', 'uphold_withdraw', 'uphold_return'].includes(t.action));
  });

  it('returns go back exactly one stage', () => {
    const order: CandidateState[] = ['self_evaluation', 'branch_recommendation', 'committee_review', 'leading_group', 'decided'];
    for (const t of TRANSITIONS.filter((t) => t.action === 'return')) expect(order.indexOf(t.to)).toBe(order.indexOf(t.from) - 1);
  });
});

describe('the rules users meet', () => {
  const branch = { actors: ['branch'] as PipelineActor[], isCandidate: false, hasSelfEvaluation: true };

  it('a commendation candidate has no self-evaluation to return to, but the committee may still return to the branch', () => {
    expect(transition('branch_recommendation', 'return', { ...branch, hasSelfEvaluation: false, reason: '事迹不实' })).toEqual({ ok: false, code: 'pipeline.no_self_evaluation' });
    expect(transition('committee_review', 'return', { actors: ['committee'], isCandidate: false, hasSelfEvaluation: false, reason: '票数有误' })).toMatchObject({ ok: true, to: 'branch_recommendation' });
    expect(availableActions('branch_recommendation', { ...branch, hasSelfEvaluation: false })).toEqual(['recommend', 'decline']);
  });

  it('a secretary who is a candidate cannot recommend, decline or return their own candidacy, but may withdraw it', () => {
    const self = { actors: ['candidate', 'branch'] as PipelineActor[], isCandidate: true, hasSelfEvaluation: true };
    for (const action of ['recommend', 'decline', 'return'] as const) expect(transition('branch_recommendation', action, { ...self, reason: '理由' })).toEqual({ ok: false, code: 'pipeline.own_candidacy' });
    expect(availableActions('branch_recommendation', self)).toEqual(['withdraw']);
  });

  it('a member of a candidate organization on the committee cannot approve it', () => {
    expect(transition('committee_review', 'approve', { actors: ['committee'], isCandidate: true, hasSelfEvaluation: false })).toEqual({ ok: false, code: 'pipeline.own_candidacy' });
    expect(availableActions('committee_review', { actors: ['committee'], isCandidate: true, hasSelfEvaluation: false })).toEqual([]);
  });

  it('offers the buttons of the caller’s stage only', () => {
    expect(availableActions('self_evaluation', { actors: ['candidate'], isCandidate: true, hasSelfEvaluation: true })).toEqual(['submit', 'withdraw']);
    expect(availableActions('self_evaluation', branch)).toEqual([]);
    expect(availableActions('branch_recommendation', branch)).toEqual(['recommend', 'decline', 'return']);
    expect(availableActions('leading_group', { actors: ['leading_group'], isCandidate: false, hasSelfEvaluation: true })).toEqual(['decide', 'reject', 'return']);
    expect(availableActions('final', { actors: ['leading_group', 'committee', 'branch'], isCandidate: false, hasSelfEvaluation: true })).toEqual([]);
  });

  it('five stars start with the self-evaluation, commendations at the branch', () => {
    expect(initialState('five_star')).toBe('self_evaluation');
    expect(initialState('commendation')).toBe('branch_recommendation');
    expect(CATEGORIES_OF.five_star).toEqual(['five_star']);
    expect(CATEGORIES_OF.commendation).toEqual(['outstanding_member', 'outstanding_worker', 'advanced_org']);
    expect(CATEGORIES_OF.commendation.filter(candidateIsUnit)).toEqual(['advanced_org']);
    expect(candidateIsUnit('five_star')).toBe(false);
  });

  it('a place of the quota is used from the recommendation until refused or withdrawn', () => {
    expect([...QUOTA_STATES].sort()).toEqual(['committee_review', 'decided', 'final', 'leading_group', 'public_notice']);
    expect(quotaAllows(null, 1000)).toBe(true);
    expect(quotaAllows(3, 2)).toBe(true);
    expect(quotaAllows(3, 3)).toBe(false);
    expect(quotaAllows(3, 4)).toBe(false);
    expect(quotaAllows(0, 0)).toBe(false);
  });

  it('has a deadline for the four working stages only', () => {
    expect(Object.fromEntries(CANDIDATE_STATES.map((s) => [s, stageOf(s)]))).toEqual({
      self_evaluation: 'self_evaluation', branch_recommendation: 'branch_recommendation', committee_review: 'committee_review', leading_group: 'leading_group',
      decided: null, public_notice: null, final: null, not_recommended: null, withdrawn: null,
    });
  });
});

describe('the branch meeting’s vote', () => {
  const v = (eligible: number, present: number, inFavour: number, against = 0, abstain = 0) => checkVote({ eligible, present, inFavour, against, abstain });
  it.each([
    ['9 of 9, 9 in favour', v(9, 9, 9), null],
    ['5 of 9 present, 3 in favour', v(9, 5, 3, 2), null],
    ['exactly half present is no quorum', v(10, 5, 5), 'pipeline.votes_no_quorum'],
    ['one more than half present', v(10, 6, 4, 2), null],
    ['exactly half in favour is no majority', v(9, 8, 4, 4), 'pipeline.votes_no_majority'],
    ['abstentions count against a majority', v(9, 8, 4, 0, 4), 'pipeline.votes_no_majority'],
    ['not everyone present need vote', v(9, 8, 5), null],
    ['nobody present', v(9, 0, 0), 'pipeline.votes_no_quorum'],
    ['present above eligible', v(5, 6, 6), 'pipeline.votes_inconsistent'],
    ['more votes than present', v(9, 6, 4, 2, 1), 'pipeline.votes_inconsistent'],
    ['no eligible members', v(0, 0, 0), 'pipeline.votes_inconsistent'],
    ['negative count', v(9, 6, 7, -1), 'pipeline.votes_inconsistent'],
    ['fraction', v(9, 6.5, 4), 'pipeline.votes_inconsistent'],
    ['a branch of three, two present, both in favour', v(3, 2, 2), null],
    ['a branch of three, one present', v(3, 1, 1), 'pipeline.votes_no_quorum'],
  ] as const)('%s', (_name, got, want) => {
    expect(got).toBe(want);
  });
});

describe('objections', () => {
  it('are handled once, always with a reason', () => {
    expect(resolveObjection('open', 'dismiss', '经核实与事实不符')).toEqual({ ok: true, to: 'dismissed' });
    expect(resolveObjection('open', 'uphold_withdraw', '情况属实')).toEqual({ ok: true, to: 'upheld' });
    expect(resolveObjection('open', 'uphold_return', '需重新研究')).toEqual({ ok: true, to: 'upheld' });
    expect(resolveObjection('open', 'dismiss', '  ')).toEqual({ ok: false, code: 'pipeline.reason_required' });
    expect(resolveObjection('open', 'uphold_withdraw', null)).toEqual({ ok: false, code: 'pipeline.reason_required' });
    expect(resolveObjection('upheld', 'dismiss', '理由')).toEqual({ ok: false, code: 'objection.already_handled' });
    expect(resolveObjection('dismissed', 'uphold_return', '理由')).toEqual({ ok: false, code: 'objection.already_handled' });
  });
});

describe('receipt codes', () => {
  it('avoid the characters that are misheard over the phone', () => {
    for (const c of '01OIL') expect(RECEIPT_ALPHABET).not.toContain(c);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(RECEIPT_ALPHABET.length);
  });

  it('are made from random bytes, ten characters of the alphabet', () => {
    const code = receiptCode(Uint8Array.from({ length: 16 }, (_, i) => i * 37));
    expect(code).toHaveLength(RECEIPT_LENGTH);
    expect(isReceiptCode(code)).toBe(true);
    expect(receiptCode(new Uint8Array(10))).toBe('2222222222');
    expect(receiptCode(new Uint8Array(10).fill(255))).toBe(RECEIPT_ALPHABET[255 % RECEIPT_ALPHABET.length].repeat(10));
    expect(() => receiptCode(new Uint8Array(9))).toThrow(RangeError);
  });

  it('are recognised only when well formed', () => {
    expect(isReceiptCode('AB23CD45EF')).toBe(true);
    expect(isReceiptCode('ab23cd45ef')).toBe(false);
    expect(isReceiptCode('AB23CD45E')).toBe(false);
    expect(isReceiptCode('AB23CD45EF2')).toBe(false);
    expect(isReceiptCode('AB23CD45E0')).toBe(false);
    expect(isReceiptCode(1234567890)).toBe(false);
    expect(isReceiptCode(null)).toBe(false);
  });
});
