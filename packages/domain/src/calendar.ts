// Working days (工作日) for public notices: "公示 5 个工作日" skips weekends and public holidays,
// and counts the weekend days that are made working days in exchange (调休上班).
import { isValidYmd } from './dates.ts';

export interface WorkCalendar {
  /** Public holidays that fall on weekdays or weekends ('YYYY-MM-DD'). */
  readonly holidays: readonly string[];
  /** Weekend days declared working days (调休上班). */
  readonly workdays: readonly string[];
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: [], workdays: [] };

/**
 * The 2026 arrangement of the State Council General Office's holiday notice, shipped as the
 * starting calendar; administrators add each new year's days when the notice is published.
 */
export const CALENDAR_2026: WorkCalendar = {
  holidays: [
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    '2026-04-04', '2026-04-05', '2026-04-06',
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    '2026-06-19', '2026-06-20', '2026-06-21',
    '2026-09-25', '2026-09-26', '2026-09-27',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const DAY_MS = 86_400_000;

function toMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromMs(toMs(day) + n * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const d = new Date(toMs(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(day)) return true;
  if (cal.holidays.includes(day)) return false;
  return weekdayOf(day) <= 5;
}

/**
 * The last day of a notice of `workingDays` working days that starts on `start`: the start day
 * counts when it is a working day (a list published on Monday morning for 5 days ends on Friday);
 * a notice published on a holiday begins on the next working day.
 */
export function noticeEnd(start: string, workingDays: number, cal: WorkCalendar): string {
  if (!isValidYmd(start)) throw new RangeError(`not a date: ${start}`);
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 60) throw new RangeError(`notice length out of range: ${workingDays}`);
  let day = start;
  let counted = isWorkingDay(day, cal) ? 1 : 0;
  while (counted < workingDays) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) counted++;
  }
  return day;
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day, cal)) n++;
  return n;
}

/** Working days of the notice still to run after `today` (0 once it has ended). */
export function noticeDaysLeft(end: string, today: string, cal: WorkCalendar): number {
  return today >= end ? 0 : workingDaysBetween(addDays(today, 1), end, cal);
}

/** A notice has run its course once its last day is over. */
export function noticeHasEnded(end: string, today: string): boolean {
  return today > end;
}

export type DeadlineStatus = 'none' | 'ok' | 'due_soon' | 'overdue';

/** Reminders: due within `soonDays` calendar days, or past the deadline. */
export function deadlineStatus(deadline: string | null, today: string, soonDays = 3): DeadlineStatus {
  if (!deadline) return 'none';
  if (today > deadline) return 'overdue';
  return toMs(deadline) - toMs(today) <= soonDays * DAY_MS ? 'due_soon' : 'ok';
}
