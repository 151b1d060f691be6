// Help requests (群众求助) answered by members, and members serving where they live (在职党员
// 双报到). Categories, the lifecycle and the matching rules are data and pure functions here; the
// server narrows candidates with indexes and this module scores them.
import type { MessageCode } from './messages.ts';

/**
 * Request categories, also listed as Open311 services. Each names the specialties (from
 * DEFAULT_SPECIALTIES) that fit it — none: anyone may help — and its time limits in hours: to be
 * accepted (after which the village secretary is told) and to be resolved, both from filing.
 */
export const HELP_CATEGORIES = [
  { value: 'repair', zh: '维修', en: 'Repairs', description: '水电、家电、房屋等维修', acceptHours: 4, resolveHours: 48, specialties: ['电工', '水暖维修', '家电维修', '农机维修', '建筑施工'] },
  { value: 'elderly_care', zh: '助老', en: 'Care for the elderly', description: '照料、陪护、送餐、理发等助老服务', acceptHours: 2, resolveHours: 24, specialties: ['医疗护理', '应急救护', '心理疏导', '烹饪', '理发'] },
  { value: 'policy', zh: '政策咨询', en: 'Policy questions', description: '社保、医保、法律、补贴等政策咨询', acceptHours: 24, resolveHours: 72, specialties: ['法律咨询', '财务会计', '教育辅导'] },
  { value: 'paperwork', zh: '代办', en: 'Paperwork', description: '证件、手续、网上办事代办', acceptHours: 24, resolveHours: 120, specialties: ['计算机网络', '驾驶', '财务会计'] },
  { value: 'farming', zh: '农技', en: 'Farming', description: '种植、养殖、农机技术指导', acceptHours: 24, resolveHours: 72, specialties: ['种植技术', '养殖技术', '农机维修'] },
  { value: 'other', zh: '其他', en: 'Other', description: '其他需要帮助的事项', acceptHours: 24, resolveHours: 96, specialties: [] },
] as const satisfies ReadonlyArray<{ value: string; zh: string; en: string; description: string; acceptHours: number; resolveHours: number; specialties: readonly string[] }>;
export type HelpCategory = (typeof HELP_CATEGORIES)[number]['value'];
export const HELP_CATEGORY_VALUES: readonly HelpCategory[] = HELP_CATEGORIES.map((c) => c.value);

export function isHelpCategory(value: unknown): value is HelpCategory {
  return typeof value === 'string' && (HELP_CATEGORY_VALUES as readonly string[]).includes(value);
}

export function helpCategory(value: HelpCategory) {
  return HELP_CATEGORIES.find((c) => c.value === value)!;
}

export function helpCategoryLabel(value: string, locale: 'zh-CN' | 'en'): string {
  const c = HELP_CATEGORIES.find((k) => k.value === value);
  return c ? (locale === 'en' ? c.en : c.zh) : value;
}

/** When the request must be accepted and resolved by, from the moment it was filed. */
export function helpDeadlines(category: HelpCategory, filedAt: Date) {
  const c = helpCategory(category);
  return {
    acceptDueAt: new Date(filedAt.getTime() + c.acceptHours * 3_600_000).toISOString(),
    resolveDueAt: new Date(filedAt.getTime() + c.resolveHours * 3_600_000).toISOString(),
  };
}

// ——— lifecycle ———

export const HELP_STATUSES = ['received', 'accepted', 'in_progress', 'resolved', 'confirmed', 'closed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

export const HELP_STATUS_LABELS: Readonly<Record<HelpStatus, { zh: string; en: string }>> = {
  received: { zh: '待接单', en: 'Received, waiting for a helper' },
  accepted: { zh: '已接单', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '待确认', en: 'Resolved, awaiting confirmation' },
  confirmed: { zh: '已确认', en: 'Confirmed by the resident' },
  closed: { zh: '已关闭', en: 'Closed' },
};

/** Nothing moves a request out of these. */
export const HELP_FINAL_STATUSES: readonly HelpStatus[] = ['confirmed', 'closed'];
/** Still waiting for someone to act: these can become overdue. */
export const HELP_OPEN_STATUSES: readonly HelpStatus[] = ['received', 'accepted', 'in_progress'];

export const HELP_ACTIONS = ['accept', 'start', 'resolve', 'confirm', 'reopen', 'close'] as const;
export type HelpAction = (typeof HELP_ACTIONS)[number];

/**
 * Who takes an action. 'helper': a member who may serve the request's place (accept), then only
 * the member who accepted it (start, resolve). 'resident': whoever filed it (by their account or
 * their receipt code). 'manager': someone who manages help requests for the request's village.
 */
export type HelpActor = 'helper' | 'resident' | 'manager';

export const HELP_ACTION_ACTOR: Readonly<Record<HelpAction, HelpActor>> = {
  accept: 'helper',
  start: 'helper',
  resolve: 'helper',
  confirm: 'resident',
  reopen: 'resident',
  close: 'manager',
};

/** state × action → next state. A reopened request goes back to the member who took it. */
export const HELP_TRANSITIONS: Readonly<Record<HelpStatus, Partial<Record<HelpAction, HelpStatus>>>> = {
  received: { accept: 'accepted', close: 'closed' },
  accepted: { start: 'in_progress', resolve: 'resolved', close: 'closed' },
  in_progress: { resolve: 'resolved', close: 'closed' },
  resolved: { confirm: 'confirmed', reopen: 'in_progress', close: 'closed' },
  confirmed: {},
  closed: {},
};

/** Why an action is refused in a state (every refusal is a 409). */
const REFUSALS: Readonly<Record<HelpStatus, MessageCode>> = {
  received: 'help.not_accepted',
  accepted: 'help.already_accepted',
  in_progress: 'help.already_accepted',
  resolved: 'help.awaiting_confirmation',
  confirmed: 'help.finished',
  closed: 'help.finished',
};

export type HelpTransition = { ok: true; next: HelpStatus } | { ok: false; code: MessageCode };

export function helpTransition(status: HelpStatus, action: HelpAction): HelpTransition {
  const next = HELP_TRANSITIONS[status]?.[action];
  return next ? { ok: true, next } : { ok: false, code: REFUSALS[status] ?? 'error.conflict' };
}

// ——— hours a member can help ———

/** A weekly window, China time: days 1 (Monday) … 7 (Sunday), from < to, 'HH:MM'. */
export interface HelpWindow {
  days: number[];
  from: string;
  to: string;
}

export const HELP_MAX_WINDOWS = 14;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Problems of a set of windows, as message codes (empty: valid). */
export function checkHelpWindows(windows: readonly HelpWindow[]): MessageCode[] {
  const issues = new Set<MessageCode>();
  if (windows.length > HELP_MAX_WINDOWS) issues.add('help.too_many_windows');
  for (const w of windows) {
    if (!w.days.length || w.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) issues.add('help.window_days');
    if (!HHMM.test(w.from) || !HHMM.test(w.to) || minutesOf(w.from) >= minutesOf(w.to)) issues.add('help.window_times');
  }
  return [...issues];
}

/** Weekday (1 = Monday) and minutes since midnight in China time (UTC+8, no daylight saving). */
export function chinaClock(now: Date) {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const day = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { day, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** Whether `now` falls in one of the windows. */
export function availableAt(windows: readonly HelpWindow[], now: Date): boolean {
  const { day, minutes } = chinaClock(now);
  return windows.some((w) => w.days.includes(day) && minutes >= minutesOf(w.from) && minutes < minutesOf(w.to));
}

// ——— matching ———

/**
 * How a candidate relates to the request's place: living or serving in the same grid, a member of
 * a branch of the same village or community, or registered (双报到) to live in the village.
 */
export type HelpPlace = 'grid' | 'village' | 'registered';

export interface HelpCandidate {
  memberId: number;
  specialties: readonly string[];
  place: HelpPlace;
  /** Hours declared at registration; null: none declared (a member of the village's own branch). */
  windows: readonly HelpWindow[] | null;
  /** Requests the member is working on now: a busy member is asked after an idle one. */
  openLoad: number;
}

export const PLACE_POINTS: Readonly<Record<HelpPlace, number>> = { grid: 30, village: 20, registered: 15 };

export interface HelpScore {
  memberId: number;
  score: number;
  specialtyFit: number;
  place: HelpPlace;
  availableNow: boolean | null;
}

/**
 * A candidate's score: specialty fit first (40 for one fitting specialty, +5 for each further
 * one, at most 50; a category without specialties gives everyone 20), then place (grid 30 >
 * village 20 > registered 15), then availability now (in a declared window 20, none declared 10,
 * outside every window 0), minus 5 per request in hand (at most 15).
 */
export function scoreCandidate(category: HelpCategory, c: HelpCandidate, now: Date): HelpScore {
  const wanted: readonly string[] = helpCategory(category).specialties;
  const fitting = wanted.length ? c.specialties.filter((s) => wanted.includes(s)).length : 0;
  const specialtyFit = wanted.length === 0 ? 20 : fitting === 0 ? 0 : Math.min(50, 40 + 5 * (fitting - 1));
  const availableNow = c.windows === null || c.windows.length === 0 ? null : availableAt(c.windows, now);
  const availability = availableNow === null ? 10 : availableNow ? 20 : 0;
  const score = specialtyFit + PLACE_POINTS[c.place] + availability - Math.min(15, 5 * c.openLoad);
  return { memberId: c.memberId, score, specialtyFit, place: c.place, availableNow };
}

/** How many of the best matches are told of a new request. */
export const HELP_NOTIFY_TOP = 5;

/**
 * The best `limit` candidates, best first; a member who appears twice (a branch member also
 * registered in the village) counts once with their better place. Ties: lower member id first,
 * so the order is stable.
 */
export function rankCandidates(category: HelpCategory, candidates: readonly HelpCandidate[], now: Date, limit = HELP_NOTIFY_TOP): HelpScore[] {
  const best = new Map<number, HelpScore>();
  for (const c of candidates) {
    const s = scoreCandidate(category, c, now);
    const prev = best.get(c.memberId);
    if (!prev || s.score > prev.score) best.set(c.memberId, s);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.memberId - b.memberId).slice(0, limit);
}

// ——— rating, points, statistics ———

/** The points rule a confirmed request books under, when a unit has not defined its own. */
export const HELP_POINTS_RULE = {
  code: 'QZ01', name: '群众求助服务', account: 'bonus' as const, pointsMin: 2, pointsMax: 5, capPerPeriod: 40,
  description: '接单并办结群众求助，经群众确认后加分（按评价 2–5 分）',
};

/** Points for a confirmed request: the rule's range spread over the rating (1 → min, 5 → max). */
export function helpPoints(rating: number, range: { pointsMin: number; pointsMax: number }): number {
  const r = Math.min(5, Math.max(1, Math.round(rating)));
  return range.pointsMin + Math.round(((range.pointsMax - range.pointsMin) * (r - 1)) / 4);
}

/** The median of a list of numbers, null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Minutes between two instants, rounded. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** Whether an open request has passed its limit: to be accepted while received, else to be resolved. */
export function helpOverdue(r: { status: HelpStatus; acceptDueAt: string; resolveDueAt: string }, now: Date): boolean {
  if (!HELP_OPEN_STATUSES.includes(r.status)) return false;
  const due = r.status === 'received' ? r.acceptDueAt : r.resolveDueAt;
  return Date.parse(due) <= now.getTime();
}

/** An arithmetic question for the public page's verification step: a + b with small numbers. */
export function helpChallenge(bytes: Uint8Array): { a: number; b: number; answer: number } {
  if (bytes.length < 2) throw new RangeError('need two random bytes');
  const a = 1 + (bytes[0]! % 9);
  const b = 1 + (bytes[1]! % 9);
  return { a, b, answer: a + b };
}

/** A request must say where: any description of the place, or a position (latitude and longitude). */
export function helpHasLocation(r: { place?: string | null; latitude?: number | null; longitude?: number | null }): boolean {
  return (typeof r.place === 'string' && r.place.trim() !== '') || (typeof r.latitude === 'number' && typeof r.longitude === 'number');
}

// Floods: per phone 5 requests an hour, per client address 30 (a village office's shared network
// files for several elderly people).
export const HELP_FLOOD = { windowMs: 3_600_000, perPhone: 5, perAddress: 30 } as const;

/**
 * How many minutes a filing must wait (0: it may be filed now), given when the same phone and the
 * same address filed before (ISO times, any order; `null` for an address not counted). The wait
 * lasts until the oldest of the counted filings leaves the hour.
 */
export function helpFloodWait(byPhone: readonly string[], byAddress: readonly string[] | null, now: Date): number {
  const waitFor = (times: readonly string[], limit: number) => {
    const recent = times.map(Date.parse).filter((t) => t > now.getTime() - HELP_FLOOD.windowMs).sort((a, b) => b - a);
    return recent.length < limit ? 0 : recent[limit - 1]! + HELP_FLOOD.windowMs - now.getTime();
  };
  const wait = Math.max(waitFor(byPhone, HELP_FLOOD.perPhone), byAddress ? waitFor(byAddress, HELP_FLOOD.perAddress) : 0);
  return wait > 0 ? Math.max(1, Math.ceil(wait / 60_000)) : 0;
}
