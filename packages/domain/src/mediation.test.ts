import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS, CASE_STATUSES, CASE_TRANSITIONS, caseNumber, caseTransition, cleanTerms, committeeShortName, conflictMatches, mayAct, mediationStats,
  missingForAction, sameName, STAFFING_ACTIONS, STAFFING_STATES, staffingChange, staffingIn, type CaseAction, type CaseFact, type CaseStatus,
} from './mediation.ts';
import { isMessageCode } from './messages.ts';

// The whole lifecycle, every (state, action) pair: the next state, or '-' for a refusal.
//              start      agree   fail    visit        close   withdraw
const TABLE = `
accepted      mediating  -       -       -            -       closed
mediating     -          agreed  failed  -            -       -
agreed        -          -       -       followed_up  -       -
failed        -          -       -       followed_up  -       -
followed_up   -          -       -       -            closed  -
closed        -          -       -       -            -       -
`;

describe('the case lifecycle', () => {
  const rows = TABLE.trim().split('\n').map((l) => l.trim().split(/\s+/));
  it('the table covers every state and action', () => {
    expect(rows.map((r) => r[0])).toEqual([...CASE_STATUSES]);
    expect(Object.keys(CASE_TRANSITIONS)).toEqual([...CASE_STATUSES]);
  });
  for (const [status, ...cells] of rows) {
    CASE_ACTIONS.forEach((action, i) => {
      const expected = cells[i];
      it(`${status} × ${action} → ${expected === '-' ? 'refused' : expected}`, () => {
        const t = caseTransition(status as CaseStatus, action);
        if (expected === '-') {
          expect(t.ok).toBe(false);
          if (!t.ok) expect(isMessageCode(t.code)).toBe(true);
        } else {
          expect(t).toEqual({ ok: true, next: expected });
        }
      });
    });
  }
  it('a refusal names what already happened', () => {
    expect(caseTransition('closed', 'start')).toEqual({ ok: false, code: 'mediation.closed' });
    expect(caseTransition('agreed', 'fail')).toEqual({ ok: false, code: 'mediation.already_agreed' });
    expect(caseTransition('accepted', 'agree')).toEqual({ ok: false, code: 'mediation.not_started' });
  });
  it('mediators mediate; only supervisors close a file or record a withdrawal', () => {
    const mediatorMay = CASE_ACTIONS.filter((a) => mayAct(a, 'mediator'));
    expect(mediatorMay).toEqual(['start', 'agree', 'fail', 'visit']);
    expect(CASE_ACTIONS.every((a) => mayAct(a, 'supervisor'))).toBe(true);
  });
});

// Who mediates, every (state, change) pair: allowed, or the code of the refusal.
//              assign                    reassign                  unassign
const STAFFING = `
accepted      ok                        ok                        ok
mediating     ok                        ok                        ok
agreed        mediation.already_agreed  mediation.already_agreed  mediation.already_agreed
failed        mediation.already_failed  mediation.already_failed  mediation.already_failed
followed_up   mediation.already_visited mediation.already_visited mediation.already_visited
closed        mediation.closed          mediation.closed          mediation.closed
`;

describe('changing a case’s mediators', () => {
  const rows = STAFFING.trim().split('\n').map((l) => l.trim().split(/\s+/));
  it('the table covers every state and change', () => {
    expect(rows.map((r) => r[0])).toEqual([...CASE_STATUSES]);
    expect(Object.keys(STAFFING_STATES)).toEqual([...CASE_STATUSES]);
  });
  for (const [status, ...cells] of rows) {
    STAFFING_ACTIONS.forEach((action, i) => {
      it(`${status} × ${action} → ${cells[i]}`, () => {
        expect(staffingChange(status as CaseStatus, action)).toEqual(cells[i] === 'ok' ? { ok: true } : { ok: false, code: cells[i] });
      });
    });
  }
  it('mediators change only before and during mediation, never after 结案', () => {
    expect(staffingIn('accepted')).toEqual(['assign', 'reassign', 'unassign']);
    expect(staffingIn('mediating')).toEqual(['assign', 'reassign', 'unassign']);
    for (const s of ['agreed', 'failed', 'followed_up', 'closed'] as const) expect(staffingIn(s)).toEqual([]);
  });
});

describe('what an action needs', () => {
  const facts = { mediators: 1, terms: ['甲方赔偿乙方 500 元'], performance: '2026年12月1日前一次付清' };
  it('mediation starts only with an assigned mediator', () => {
    expect(missingForAction('start', { ...facts, mediators: 0 })).toBe('mediation.no_mediator');
    expect(missingForAction('start', facts)).toBeNull();
  });
  it('an agreement needs a term and how it is carried out', () => {
    expect(missingForAction('agree', { ...facts, terms: ['  ', ''] })).toBe('mediation.terms_required');
    expect(missingForAction('agree', { ...facts, performance: ' ' })).toBe('mediation.performance_required');
    expect(missingForAction('agree', facts)).toBeNull();
  });
  it('the other actions need nothing more', () => {
    for (const a of ['fail', 'visit', 'close', 'withdraw'] as CaseAction[]) expect(missingForAction(a, { mediators: 0, terms: [], performance: '' })).toBeNull();
  });
});

describe('conflict of interest', () => {
  const parties = [{ name: '王 建国', phone: '13800138001' }, { name: '李秀英', phone: '' }];
  it('matches a mediator who shares a party’s name, written with other spaces or full-width forms', () => {
    expect(sameName('王建国', '王 建国')).toBe(true);
    expect(sameName('阿依·古丽', '阿依古丽')).toBe(true);
    expect(sameName('', '')).toBe(false);
    expect(conflictMatches({ name: '王建国', phone: '' }, parties)).toEqual([{ party: 0, by: 'name' }]);
  });
  it('matches a mediator who shares a party’s phone', () => {
    expect(conflictMatches({ name: '赵六', phone: '13800138001' }, parties)).toEqual([{ party: 0, by: 'phone' }]);
  });
  it('finds none for a stranger, and empty phones never match each other', () => {
    expect(conflictMatches({ name: '赵六', phone: '' }, parties)).toEqual([]);
    expect(conflictMatches({ name: '赵六', phone: '13900000000' }, parties)).toEqual([]);
  });
});

describe('the agreement', () => {
  it('keeps the terms as printed: trimmed, no blanks, full-width punctuation kept', () => {
    expect(cleanTerms([' 甲方赔偿 500 元，分两次付清。 ', '', '  ', '乙方撤回投诉'])).toEqual(['甲方赔偿 500 元，分两次付清。', '乙方撤回投诉']);
    expect(cleanTerms(Array.from({ length: 40 }, (_, i) => `第${i}条`))).toHaveLength(30);
  });
  it('numbers a case by year, committee and sequence', () => {
    expect(caseNumber('2026', '东庄', 7)).toBe('（2026）东庄调字第 7 号');
    expect(committeeShortName('东庄村')).toBe('东庄');
    expect(committeeShortName('幸福社区')).toBe('幸福');
    expect(committeeShortName('村')).toBe('村');
  });
});

describe('statistics without names', () => {
  const c = (type: string, status: CaseStatus, outcome: CaseFact['outcome'], acceptedAt: string, agreedAt: string | null = null): CaseFact => ({ type, status, outcome, acceptedAt, agreedAt });
  it('the median of an even number of agreements is the mean of the middle two', () => {
    const s = mediationStats([
      c('land', 'agreed', 'agreed', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      c('land', 'agreed', 'agreed', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'),
    ]);
    expect(s.medianDaysToAgreement).toBe(2);
  });
  it('counts by type, status and outcome; median days to agreement; agreement rate among concluded cases', () => {
    const s = mediationStats([
      c('neighbour', 'agreed', 'agreed', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'),
      c('neighbour', 'closed', 'agreed', '2026-01-01T00:00:00Z', '2026-01-11T00:00:00Z'),
      c('land', 'followed_up', 'agreed', '2026-01-01T00:00:00Z', '2026-01-05T12:00:00Z'),
      c('family', 'failed', 'failed', '2026-01-01T00:00:00Z'),
      c('labour', 'mediating', null, '2026-01-01T00:00:00Z'),
      c('labour', 'closed', null, '2026-01-01T00:00:00Z'),
    ]);
    expect(s.total).toBe(6);
    expect(s.byType).toEqual({ neighbour: 2, land: 1, family: 1, labour: 2 });
    expect(s.byStatus).toEqual({ accepted: 0, mediating: 1, agreed: 1, failed: 1, followed_up: 1, closed: 2 });
    expect(s.byOutcome).toEqual({ agreed: 3, failed: 1, withdrawn: 1, open: 1 });
    expect(s.medianDaysToAgreement).toBe(4.5);
    expect(s.agreementRate).toBe(0.75);
  });
  it('says nothing rather than zero when nothing has concluded', () => {
    const s = mediationStats([c('other', 'accepted', null, '2026-01-01T00:00:00Z')]);
    expect(s.medianDaysToAgreement).toBeNull();
    expect(s.agreementRate).toBeNull();
  });
});
