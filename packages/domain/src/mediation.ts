// People's mediation (人民调解, 金牌和事佬): the words, the life of a dispute case as data, the
// conflict-of-interest check of a mediator against the parties, the agreement's rules and the
// statistics that are shown without names. No I/O.
import type { MessageCode } from './messages.ts';
import { normalizeText, stripAllSpaces } from './normalize.ts';

/** Kinds of dispute, as people's mediation committees file them. */
export const DISPUTE_TYPES = [
  { value: 'neighbour', zh: '邻里纠纷', en: 'Neighbours' },
  { value: 'family', zh: '婚姻家庭纠纷', en: 'Marriage and family' },
  { value: 'land', zh: '土地纠纷', en: 'Land' },
  { value: 'labour', zh: '劳资纠纷', en: 'Labour and wages' },
  { value: 'property', zh: '物业纠纷', en: 'Property management' },
  { value: 'damages', zh: '损害赔偿纠纷', en: 'Damages' },
  { value: 'other', zh: '其他纠纷', en: 'Other' },
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number]['value'];
export const DISPUTE_TYPE_VALUES = DISPUTE_TYPES.map((t) => t.value) as DisputeType[];

/** Where a dispute that mediation could not settle is referred on. */
export const REFERRALS = [
  { value: 'judicial_office', zh: '司法所', en: 'Judicial office' },
  { value: 'court', zh: '人民法院', en: 'People’s court' },
  { value: 'petition', zh: '信访部门', en: 'Letters and visits office' },
  { value: 'labour_arbitration', zh: '劳动人事争议仲裁委员会', en: 'Labour arbitration committee' },
  { value: 'police', zh: '公安派出所', en: 'Police station' },
  { value: 'higher_committee', zh: '上级人民调解委员会', en: 'Higher mediation committee' },
  { value: 'none', zh: '当事人自行解决', en: 'Left to the parties' },
] as const;
export type Referral = (typeof REFERRALS)[number]['value'];
export const REFERRAL_VALUES = REFERRALS.map((r) => r.value) as Referral[];

/** A party's side in the dispute. */
export const PARTY_ROLES = ['applicant', 'respondent', 'third_party'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

// ——— the case lifecycle ———

/**
 * 受理 accepted → 调解中 mediating → 达成协议 agreed / 调解不成 failed (referred on) → 回访
 * followed_up → 结案 closed. A case accepted but withdrawn by the parties before mediation began
 * is closed at once.
 */
export const CASE_STATUSES = ['accepted', 'mediating', 'agreed', 'failed', 'followed_up', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['start', 'agree', 'fail', 'visit', 'close', 'withdraw'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who may take an action: the assigned mediators or the supervisors above the case's village. */
export type CaseActor = 'mediator' | 'supervisor';

export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>>> = {
  accepted: { start: 'mediating', withdraw: 'closed' },
  mediating: { agree: 'agreed', fail: 'failed' },
  agreed: { visit: 'followed_up' },
  failed: { visit: 'followed_up' },
  followed_up: { close: 'closed' },
  closed: {},
};

/** Mediators do the mediation; closing the file and recording a withdrawal is the supervisor's. */
export const CASE_ACTION_ACTORS: Readonly<Record<CaseAction, readonly CaseActor[]>> = {
  start: ['mediator', 'supervisor'],
  agree: ['mediator', 'supervisor'],
  fail: ['mediator', 'supervisor'],
  visit: ['mediator', 'supervisor'],
  close: ['supervisor'],
  withdraw: ['supervisor'],
};

/** Why an action is refused in a state: each state names what has already happened. */
const REFUSALS: Readonly<Record<CaseStatus, MessageCode>> = {
  accepted: 'mediation.not_started',
  mediating: 'mediation.in_mediation',
  agreed: 'mediation.already_agreed',
  failed: 'mediation.already_failed',
  followed_up: 'mediation.already_visited',
  closed: 'mediation.closed',
};

export type CaseTransition = { ok: true; next: CaseStatus } | { ok: false; code: MessageCode };

export function caseTransition(status: CaseStatus, action: CaseAction): CaseTransition {
  const next = CASE_TRANSITIONS[status]?.[action];
  return next ? { ok: true, next } : { ok: false, code: REFUSALS[status] ?? 'error.conflict' };
}

export function mayAct(action: CaseAction, actor: CaseActor): boolean {
  return CASE_ACTION_ACTORS[action].includes(actor);
}

/** Sessions are held, and the agreement drafted, only while the case is in mediation. */
export function isInMediation(status: CaseStatus): boolean {
  return status === 'mediating';
}

// ——— who mediates: the supervisor's changes to a case's mediators ———

/**
 * assign: one more mediator; reassign: take the case from one mediator and give it to another;
 * unassign: take it from a mediator, back to the queue of cases awaiting one. Reassigning and
 * unassigning need a written reason; a mediator coming in always needs a declaration of no
 * conflict of interest first, however they come.
 */
export const STAFFING_ACTIONS = ['assign', 'reassign', 'unassign'] as const;
export type StaffingAction = (typeof STAFFING_ACTIONS)[number];

/**
 * When the mediators of a case may change: before and during mediation. Once an agreement or a
 * failure is recorded, the mediators who conducted it are the ones named on the agreement (人民调解员
 * 签名) and in the referral, so the file keeps them; the follow-up visit is also open to the
 * supervisors. A closed case (结案) never changes.
 */
export const STAFFING_STATES: Readonly<Record<CaseStatus, readonly StaffingAction[]>> = {
  accepted: ['assign', 'reassign', 'unassign'],
  mediating: ['assign', 'reassign', 'unassign'],
  agreed: [],
  failed: [],
  followed_up: [],
  closed: [],
};

/** Whether the mediators may change in this way now; the refusal names what already happened. */
export function staffingChange(status: CaseStatus, action: StaffingAction): { ok: true } | { ok: false; code: MessageCode } {
  return STAFFING_STATES[status]?.includes(action) ? { ok: true } : { ok: false, code: REFUSALS[status] ?? 'error.conflict' };
}

/** The changes to the mediators a state allows (all of them the supervisors'). */
export function staffingIn(status: CaseStatus): StaffingAction[] {
  return STAFFING_ACTIONS.filter((a) => STAFFING_STATES[status]?.includes(a));
}

/** What an action needs besides the right state; the first thing missing, or null. */
export function missingForAction(action: CaseAction, facts: { mediators: number; terms: readonly string[]; performance: string }): MessageCode | null {
  if (action === 'start' && facts.mediators === 0) return 'mediation.no_mediator';
  if (action === 'agree') {
    if (facts.terms.filter((t) => t.trim().length > 0).length === 0) return 'mediation.terms_required';
    if (facts.performance.trim().length < 2) return 'mediation.performance_required';
  }
  return null;
}

// ——— conflict of interest ———

export interface PartyIdentity {
  name: string;
  /** 11 digits, or empty when the party left none. */
  phone: string;
}

/** Names compared as written by people: spaces, full-width forms and a middle dot do not count. */
export function sameName(a: string, b: string): boolean {
  const n = (s: string) => stripAllSpaces(normalizeText(s)).replace(/[·•・]/g, '').toLowerCase();
  return n(a) !== '' && n(a) === n(b);
}

export type ConflictMatch = { party: number; by: 'name' | 'phone' };

/**
 * Where a mediator matches one of the parties by name or by phone: such a mediator is presumed to
 * be a party (or standing in for one) and cannot take the case whatever they declare. A shared
 * name may be a namesake, which is why the refusal says which party matched, so that the
 * supervisor can choose another mediator.
 */
export function conflictMatches(mediator: PartyIdentity, parties: readonly PartyIdentity[]): ConflictMatch[] {
  const out: ConflictMatch[] = [];
  parties.forEach((p, i) => {
    if (sameName(mediator.name, p.name)) out.push({ party: i, by: 'name' });
    else if (mediator.phone && p.phone && mediator.phone === p.phone) out.push({ party: i, by: 'phone' });
  });
  return out;
}

// ——— the agreement (人民调解协议书) ———

export const MAX_TERMS = 30;

/**
 * The terms as they will be printed: trimmed, blank ones dropped, at most MAX_TERMS. Written as
 * typed otherwise: a legal text keeps its full-width punctuation.
 */
export function cleanTerms(terms: readonly string[]): string[] {
  return terms.map((t) => t.trim()).filter((t) => t.length > 0).slice(0, MAX_TERMS);
}

/** 编号 of a case, e.g. （2026）东庄调字第 7 号: the year, the committee's short name, its own sequence. */
export function caseNumber(year: string, committee: string, seq: number): string {
  return `（${year}）${committee}调字第 ${seq} 号`;
}

/** A committee's short name from its village's name: 东庄村 → 东庄, 幸福社区 → 幸福. */
export function committeeShortName(unitName: string): string {
  const s = unitName.replace(/(村民委员会|居民委员会|村|社区|居委会|街道|镇|乡)$/, '');
  return s || unitName;
}

// ——— statistics, without names ———

export interface CaseFact {
  type: string;
  status: CaseStatus;
  /** How it ended: agreed or failed, if it got that far (a later follow-up keeps it). */
  outcome: 'agreed' | 'failed' | null;
  acceptedAt: string;
  agreedAt: string | null;
}

export interface MediationStats {
  total: number;
  byType: Record<string, number>;
  byStatus: Record<CaseStatus, number>;
  byOutcome: { agreed: number; failed: number; withdrawn: number; open: number };
  /** Days from acceptance to agreement, median; null without any agreement. */
  medianDaysToAgreement: number | null;
  /** Agreements among the cases that reached an outcome (agreed or failed), 0–1; null without any. */
  agreementRate: number | null;
}

// Not exported: another capability's module exports its own `median` from the package index.
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const DAY = 86_400_000;

export function mediationStats(cases: readonly CaseFact[]): MediationStats {
  const byType: Record<string, number> = {};
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const byOutcome = { agreed: 0, failed: 0, withdrawn: 0, open: 0 };
  const days: number[] = [];
  for (const c of cases) {
    byType[c.type] = (byType[c.type] ?? 0) + 1;
    byStatus[c.status] += 1;
    if (c.outcome === 'agreed') byOutcome.agreed += 1;
    else if (c.outcome === 'failed') byOutcome.failed += 1;
    else if (c.status === 'closed') byOutcome.withdrawn += 1;
    else byOutcome.open += 1;
    if (c.outcome === 'agreed' && c.agreedAt) days.push(Math.max(0, (Date.parse(c.agreedAt) - Date.parse(c.acceptedAt)) / DAY));
  }
  const m = median(days);
  const concluded = byOutcome.agreed + byOutcome.failed;
  return {
    total: cases.length,
    byType,
    byStatus,
    byOutcome,
    medianDaysToAgreement: m === null ? null : Math.round(m * 10) / 10,
    agreementRate: concluded === 0 ? null : byOutcome.agreed / concluded,
  };
}
