// The working-day calendar as the page edits it: one mark per special day of a year, turned back
// into the two lists of the API (and into the WorkCalendar that `noticeEnd` counts in).
import { weekdayOf, type WorkCalendar } from '@xianfeng/domain';
import type { Me } from '../../api/types.ts';
import { roleHas } from '../../auth/permissions.ts';

export interface CalendarDay {
  day: string;
  note: string;
}

/** GET /api/stars/calendar?year= */
export interface CalendarAnswer {
  year: number;
  holidays: CalendarDay[];
  workdays: CalendarDay[];
  canEdit: boolean;
}

/** PUT /api/stars/calendar */
export interface CalendarInput {
  year: number;
  holidays: { day: string; note?: string }[];
  workdays: { day: string; note?: string }[];
}

export type MarkKind = 'holiday' | 'workday';
export interface Mark {
  kind: MarkKind;
  note: string;
}
/** Special days only; a day without a mark is an ordinary weekday or weekend. */
export type Marks = Record<string, Mark>;

/**
 * Only a system-wide grant of evaluation.manage may set the calendar (the server's rule): a
 * secretary manages their own village's evaluations, not the holidays of the whole county.
 */
export function isSystemAdmin(me: Me): boolean {
  return me.grants.some((g) => g.unit === null && roleHas(g.role, 'evaluation.manage'));
}

export const isWeekend = (day: string) => weekdayOf(day) >= 6;

export function marksOf(a: Pick<CalendarAnswer, 'holidays' | 'workdays'>): Marks {
  const marks: Marks = {};
  for (const d of a.holidays) marks[d.day] = { kind: 'holiday', note: d.note ?? '' };
  for (const d of a.workdays) marks[d.day] = { kind: 'workday', note: d.note ?? '' };
  return marks;
}

/** A click's next state: holiday, then (weekends only: 调休 comes on a weekend) make-up workday, then back to ordinary. */
export function nextKind(day: string, kind: MarkKind | undefined): MarkKind | undefined {
  if (!kind) return 'holiday';
  if (kind === 'holiday' && isWeekend(day)) return 'workday';
  return undefined;
}

export function setKind(marks: Marks, day: string, kind: MarkKind | undefined): Marks {
  const next = { ...marks };
  // A note describes the kind ("春节", "春节调休"): it does not carry over to another kind.
  if (kind) next[day] = { kind, note: marks[day]?.kind === kind ? marks[day].note : '' };
  else delete next[day];
  return next;
}

export function toInput(year: number, marks: Marks): CalendarInput {
  const days = Object.keys(marks).sort();
  const list = (kind: MarkKind) =>
    days.filter((d) => marks[d].kind === kind).map((day) => (marks[day].note.trim() ? { day, note: marks[day].note.trim() } : { day }));
  return { year, holidays: list('holiday'), workdays: list('workday') };
}

export function toWorkCalendar(...parts: Marks[]): WorkCalendar {
  const all: Marks = Object.assign({}, ...parts);
  const days = Object.keys(all);
  return { holidays: days.filter((d) => all[d].kind === 'holiday'), workdays: days.filter((d) => all[d].kind === 'workday') };
}

export function sameMarks(a: Marks, b: Marks): boolean {
  return JSON.stringify(toInput(0, a)) === JSON.stringify(toInput(0, b));
}

/** `holidays.3.day` → the day the server complains about, from what was sent. */
export function dayOfField(input: CalendarInput, field: string): string | null {
  const [list, index] = field.split('.');
  if (list !== 'holidays' && list !== 'workdays') return null;
  return input[list][Number(index)]?.day ?? null;
}
