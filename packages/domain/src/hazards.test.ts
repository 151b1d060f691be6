import { describe, expect, it } from 'vitest';
import {
  HAZARD_ACTIONS, HAZARD_CATEGORIES, HAZARD_CATEGORY_VALUES, HAZARD_STATUSES, HAZARD_STATUS_LABELS, HAZARD_TRANSITIONS, hazardActionsFor, hazardDueAt, hazardHasLocation,
  hazardOpen311Status, hazardOverdue, hazardTransition, isHazardCategory, type HazardAction, type HazardActorFacts, type HazardStatus,
} from './hazards.ts';
import { ALARM_KIND_VALUES } from './warnings.ts';
import { isMessageCode } from './messages.ts';

const triager: HazardActorFacts = { canTriage: true, isAssignee: false, isFixer: false };
const assignee: HazardActorFacts = { canTriage: false, isAssignee: true, isFixer: false };
const fixerTriager: HazardActorFacts = { canTriage: true, isAssignee: true, isFixer: true };
const stranger: HazardActorFacts = { canTriage: false, isAssignee: false, isFixer: false };

/** The whole table, written out: state × action → next state, for a triager who did not fix it. */
const EXPECTED: Record<HazardStatus, Partial<Record<HazardAction, HazardStatus>>> = {
  reported: { assign: 'assigned', reject: 'rejected' },
  assigned: { assign: 'assigned', fix: 'fixed', reject: 'rejected' },
  fixed: { verify: 'verified', reopen: 'reopened' },
  reopened: { assign: 'assigned', fix: 'fixed' },
  verified: {},
  rejected: {},
};

describe('hazard categories', () => {
  it('name the hazards of the issue, each with days to fix and an alarm kind the cascade knows', () => {
    expect(HAZARD_CATEGORY_VALUES).toEqual(expect.arrayContaining(['slope_crack', 'blocked_drain', 'unsafe_building', 'fire_risk', 'other']));
    for (const c of HAZARD_CATEGORIES) {
      expect(c.fixDays).toBeGreaterThan(0);
      expect(ALARM_KIND_VALUES).toContain(c.alarmKind);
      expect(c.zh).not.toBe('');
      expect(c.en).not.toBe('');
    }
    expect(isHazardCategory('fire_risk')).toBe(true);
    expect(isHazardCategory('typhoon')).toBe(false);
  });
});

describe('hazardTransition', () => {
  it.each(HAZARD_STATUSES.flatMap((s) => HAZARD_ACTIONS.map((a) => [s, a] as const)))('%s × %s follows the table', (status, action) => {
    const t = hazardTransition(status, action, triager);
    const want = EXPECTED[status][action];
    if (want) expect(t).toEqual({ ok: true, next: want });
    else {
      expect(t.ok).toBe(false);
      if (!t.ok) {
        expect(t.status).toBe(409);
        expect(isMessageCode(t.code)).toBe(true);
      }
    }
  });

  it('the data table and the expectations agree', () => {
    for (const s of HAZARD_STATUSES) {
      expect(Object.fromEntries(Object.entries(HAZARD_TRANSITIONS[s]).map(([a, t]) => [a, t!.next]))).toEqual(EXPECTED[s]);
    }
  });

  it('only a triager assigns, rejects, verifies and reopens', () => {
    for (const who of [assignee, stranger]) {
      expect(hazardTransition('reported', 'assign', who)).toEqual({ ok: false, status: 403, code: 'error.forbidden' });
      expect(hazardTransition('assigned', 'reject', who)).toEqual({ ok: false, status: 403, code: 'error.forbidden' });
      expect(hazardTransition('fixed', 'verify', who)).toEqual({ ok: false, status: 403, code: 'error.forbidden' });
      expect(hazardTransition('fixed', 'reopen', who)).toEqual({ ok: false, status: 403, code: 'error.forbidden' });
    }
  });

  it('the assignee records the fix without being a triager; a stranger cannot', () => {
    expect(hazardTransition('assigned', 'fix', assignee)).toEqual({ ok: true, next: 'fixed' });
    expect(hazardTransition('reopened', 'fix', assignee)).toEqual({ ok: true, next: 'fixed' });
    expect(hazardTransition('assigned', 'fix', stranger)).toEqual({ ok: false, status: 403, code: 'error.forbidden' });
  });

  it('whoever recorded the fix cannot verify it or reopen it: a second person must', () => {
    expect(hazardTransition('fixed', 'verify', fixerTriager)).toEqual({ ok: false, status: 422, code: 'hazard.verify_by_second_person' });
    expect(hazardTransition('fixed', 'reopen', fixerTriager)).toEqual({ ok: false, status: 422, code: 'hazard.verify_by_second_person' });
    expect(hazardTransition('fixed', 'verify', triager)).toEqual({ ok: true, next: 'verified' });
  });

  it('a closed hazard never moves again', () => {
    for (const s of ['verified', 'rejected'] as const) for (const a of HAZARD_ACTIONS) expect(hazardTransition(s, a, triager)).toEqual({ ok: false, status: 409, code: 'hazard.closed' });
  });

  it('lists the actions open to a caller', () => {
    expect(hazardActionsFor('reported', triager)).toEqual(['assign', 'reject']);
    expect(hazardActionsFor('assigned', assignee)).toEqual(['fix']);
    expect(hazardActionsFor('fixed', fixerTriager)).toEqual([]);
    expect(hazardActionsFor('fixed', triager)).toEqual(['verify', 'reopen']);
    expect(hazardActionsFor('verified', triager)).toEqual([]);
  });
});

describe('due dates and overdue', () => {
  it('counts the category’s days from the report', () => {
    expect(hazardDueAt('fire_risk', '2026-06-01T02:00:00.000Z')).toBe('2026-06-03T02:00:00.000Z');
    expect(hazardDueAt('other', '2026-06-01T02:00:00.000Z')).toBe('2026-06-15T02:00:00.000Z');
  });

  it('is overdue only while waiting for work on the ground past the due date', () => {
    const dueAt = '2026-06-03T02:00:00.000Z';
    const after = '2026-06-03T02:00:01.000Z';
    for (const status of ['reported', 'assigned', 'reopened']) expect(hazardOverdue({ status, dueAt }, after)).toBe(true);
    for (const status of ['fixed', 'verified', 'rejected']) expect(hazardOverdue({ status, dueAt }, after)).toBe(false);
    expect(hazardOverdue({ status: 'assigned', dueAt }, dueAt)).toBe(false);
    expect(hazardOverdue({ status: 'assigned', dueAt: null }, after)).toBe(false);
  });
});

describe('location and Open311 status', () => {
  it('needs a coordinate pair or a place of two characters or more', () => {
    expect(hazardHasLocation({ latitude: 30.1, longitude: 120.2 })).toBe(true);
    expect(hazardHasLocation({ latitude: 30.1, longitude: null, place: '' })).toBe(false);
    expect(hazardHasLocation({ place: ' 后山 ' })).toBe(true);
    expect(hazardHasLocation({ place: '山' })).toBe(false);
    expect(hazardHasLocation({ latitude: 91, longitude: 0 })).toBe(false);
  });

  it('maps verified and rejected to closed, everything else to open', () => {
    expect(HAZARD_STATUSES.map((s) => [s, hazardOpen311Status(s)])).toEqual([
      ['reported', 'open'], ['assigned', 'open'], ['fixed', 'open'], ['reopened', 'open'], ['verified', 'closed'], ['rejected', 'closed'],
    ]);
  });

  it('labels every state in both languages', () => {
    for (const s of HAZARD_STATUSES) {
      expect(HAZARD_STATUS_LABELS[s].zh).not.toBe('');
      expect(HAZARD_STATUS_LABELS[s].en).not.toBe('');
    }
  });
});
