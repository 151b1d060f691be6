// Hazard reports (隐患排查): what residents, members and grid workers find — a cracked slope, a
// blocked drain, an unsafe building, a fire risk — followed from the report to a verified fix.
// The lifecycle is data (FixMyStreet style): state × action → next state, and who may take it.
import type { MessageCode } from './messages.ts';
import { alarmHasLocation } from './warnings.ts';

/**
 * Categories with the days allowed to fix them, counted from the report (a triage may set an
 * earlier or later due date), and the alarm kind a hazard of the category becomes when it is
 * raised to the warning cascade.
 */
export const HAZARD_CATEGORIES = [
  { value: 'slope_crack', zh: '山体开裂/滑坡隐患', en: 'Cracked slope / landslide risk', fixDays: 3, alarmKind: 'landslide_sign' },
  { value: 'blocked_drain', zh: '排水堵塞', en: 'Blocked drain', fixDays: 7, alarmKind: 'flooding' },
  { value: 'unsafe_building', zh: '危房', en: 'Unsafe building', fixDays: 5, alarmKind: 'building_danger' },
  { value: 'fire_risk', zh: '火灾隐患', en: 'Fire risk', fixDays: 2, alarmKind: 'fire' },
  { value: 'road_damage', zh: '道路破损', en: 'Damaged road or bridge', fixDays: 10, alarmKind: 'road_blocked' },
  { value: 'electrical', zh: '电线老化/漏电', en: 'Faulty wiring', fixDays: 3, alarmKind: 'other' },
  { value: 'other', zh: '其他隐患', en: 'Other hazard', fixDays: 14, alarmKind: 'other' },
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number]['value'];
export const HAZARD_CATEGORY_VALUES: readonly HazardCategory[] = HAZARD_CATEGORIES.map((c) => c.value);

export function isHazardCategory(value: unknown): value is HazardCategory {
  return typeof value === 'string' && (HAZARD_CATEGORY_VALUES as readonly string[]).includes(value);
}

export function hazardCategory(value: HazardCategory) {
  return HAZARD_CATEGORIES.find((c) => c.value === value)!;
}

export function hazardCategoryLabel(value: string, locale: 'zh-CN' | 'en'): string {
  const c = HAZARD_CATEGORIES.find((k) => k.value === value);
  return c ? (locale === 'en' ? c.en : c.zh) : value;
}

export const HAZARD_STATUSES = ['reported', 'assigned', 'fixed', 'reopened', 'verified', 'rejected'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const HAZARD_STATUS_LABELS: Readonly<Record<HazardStatus, { zh: string; en: string }>> = {
  reported: { zh: '待分派', en: 'Reported, awaiting triage' },
  assigned: { zh: '整改中', en: 'Assigned, being fixed' },
  fixed: { zh: '待验收', en: 'Fixed, awaiting verification' },
  reopened: { zh: '已退回重新整改', en: 'Reopened, to be fixed again' },
  verified: { zh: '已验收', en: 'Fix verified' },
  rejected: { zh: '不予受理', en: 'Rejected, not a hazard' },
};

/** Waiting for someone to act on the ground: these can become overdue. */
export const HAZARD_OPEN_STATUSES: readonly HazardStatus[] = ['reported', 'assigned', 'reopened'];
/** Nothing moves a hazard out of these. */
export const HAZARD_CLOSED_STATUSES: readonly HazardStatus[] = ['verified', 'rejected'];

export const HAZARD_ACTIONS = ['assign', 'fix', 'verify', 'reopen', 'reject'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/**
 * Who may take an action. 'triage': someone who handles hazards for the hazard's unit (grid
 * worker, secretary, duty officer). 'assignee_or_triage': the person it was assigned to, or a
 * triager. 'second_person': a triager who did not record the fix (four eyes on every fix).
 */
export type HazardActor = 'triage' | 'assignee_or_triage' | 'second_person';

export const HAZARD_TRANSITIONS: Readonly<Record<HazardStatus, Partial<Record<HazardAction, { next: HazardStatus; by: HazardActor }>>>> = {
  reported: { assign: { next: 'assigned', by: 'triage' }, reject: { next: 'rejected', by: 'triage' } },
  // Reassigning keeps the state and changes the person (and maybe the due date).
  assigned: { assign: { next: 'assigned', by: 'triage' }, fix: { next: 'fixed', by: 'assignee_or_triage' }, reject: { next: 'rejected', by: 'triage' } },
  fixed: { verify: { next: 'verified', by: 'second_person' }, reopen: { next: 'reopened', by: 'second_person' } },
  reopened: { assign: { next: 'assigned', by: 'triage' }, fix: { next: 'fixed', by: 'assignee_or_triage' } },
  verified: {},
  rejected: {},
};

/** Why an action is refused in a state (every refusal is a 409). */
const STATE_REFUSALS: Readonly<Record<HazardStatus, MessageCode>> = {
  reported: 'hazard.not_assigned',
  assigned: 'hazard.not_fixed',
  fixed: 'hazard.awaiting_verification',
  reopened: 'hazard.not_fixed',
  verified: 'hazard.closed',
  rejected: 'hazard.closed',
};

export interface HazardActorFacts {
  /** The caller handles hazards for the hazard's unit. */
  canTriage: boolean;
  /** The caller is the person the hazard is assigned to. */
  isAssignee: boolean;
  /** The caller recorded the last fix. */
  isFixer: boolean;
}

export type HazardTransition =
  | { ok: true; next: HazardStatus }
  | { ok: false; status: 403 | 409 | 422; code: MessageCode };

/** The next state of a hazard, or why the caller may not move it. */
export function hazardTransition(status: HazardStatus, action: HazardAction, who: HazardActorFacts): HazardTransition {
  const t = HAZARD_TRANSITIONS[status]?.[action];
  if (!t) return { ok: false, status: 409, code: STATE_REFUSALS[status] ?? 'error.conflict' };
  switch (t.by) {
    case 'triage':
      return who.canTriage ? { ok: true, next: t.next } : { ok: false, status: 403, code: 'error.forbidden' };
    case 'assignee_or_triage':
      return who.isAssignee || who.canTriage ? { ok: true, next: t.next } : { ok: false, status: 403, code: 'error.forbidden' };
    case 'second_person':
      if (!who.canTriage) return { ok: false, status: 403, code: 'error.forbidden' };
      return who.isFixer ? { ok: false, status: 422, code: 'hazard.verify_by_second_person' } : { ok: true, next: t.next };
    default:
      return t.by satisfies never;
  }
}

/** The actions a caller may take now (for the buttons a page shows). */
export function hazardActionsFor(status: HazardStatus, who: HazardActorFacts): HazardAction[] {
  return HAZARD_ACTIONS.filter((a) => hazardTransition(status, a, who).ok);
}

const DAY_MS = 86_400_000;

/** The default due date: the category's days to fix, counted from the report. */
export function hazardDueAt(category: HazardCategory, reportedAtIso: string): string {
  return new Date(Date.parse(reportedAtIso) + hazardCategory(category).fixDays * DAY_MS).toISOString();
}

/** Overdue: still waiting for work on the ground after its due date. A fix awaiting verification is not. */
export function hazardOverdue(h: { status: string; dueAt: string | null }, nowIso: string): boolean {
  return h.dueAt !== null && (HAZARD_OPEN_STATUSES as readonly string[]).includes(h.status) && Date.parse(h.dueAt) < Date.parse(nowIso);
}

/** A hazard must say where, as an alarm must (one may be raised to the other): coordinates, or a place someone can find. */
export const hazardHasLocation = alarmHasLocation;

/** Open311 GeoReport v2 knows two statuses: a hazard is closed once verified or rejected. */
export function hazardOpen311Status(status: HazardStatus): 'open' | 'closed' {
  return (HAZARD_CLOSED_STATUSES as readonly string[]).includes(status) ? 'closed' : 'open';
}
