import { describe, expect, it } from 'vitest';
import {
  addDays, CALENDAR_2026, deadlineStatus, EMPTY_CALENDAR, isWorkingDay, noticeDaysLeft, noticeEnd, noticeHasEnded, weekdayOf, workingDaysBetween,
  type WorkCalendar,
} from './calendar.ts';

describe('days and weekdays', () => {
  it('steps across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('numbers weekdays Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-07')).toBe(6);
    expect(weekdayOf('2026-03-08')).toBe(7);
    expect(weekdayOf('2026-10-01')).toBe(4);
  });
});

describe('working days', () => {
  it('a plain week: Monday to Friday work, the weekend does not', () => {
    expect(isWorkingDay('2026-03-06', EMPTY_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-03-07', EMPTY_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-03-08', EMPTY_CALENDAR)).toBe(false);
  });
  it('a public holiday on a weekday is not a working day', () => {
    expect(weekdayOf('2026-10-01')).toBeLessThanOrEqual(5);
    expect(isWorkingDay('2026-10-01', EMPTY_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-10-01', CALENDAR_2026)).toBe(false);
  });
  it('a 调休 Saturday is a working day', () => {
    expect(weekdayOf('2026-10-10')).toBe(6);
    expect(isWorkingDay('2026-10-10', EMPTY_CALENDAR)).toBe(false);
    expect(isWorkingDay('2026-10-10', CALENDAR_2026)).toBe(true);
  });
  it('a day listed as both holiday and workday counts as worked (the make-up list wins)', () => {
    const cal: WorkCalendar = { holidays: ['2026-03-07'], workdays: ['2026-03-07'] };
    expect(isWorkingDay('2026-03-07', cal)).toBe(true);
  });
  it('counts working days between two days, both included', () => {
    expect(workingDaysBetween('2026-03-02', '2026-03-08', EMPTY_CALENDAR)).toBe(5);
    expect(workingDaysBetween('2026-03-08', '2026-03-02', EMPTY_CALENDAR)).toBe(0);
    // 国庆 week: 09-28..10-11 has 3 + 2 + the Saturday 10-10 = 6 working days.
    expect(workingDaysBetween('2026-09-28', '2026-10-11', CALENDAR_2026)).toBe(6);
  });
});

describe('the end of a public notice (公示 N 个工作日)', () => {
  it('five working days published on a Monday end on Friday', () => {
    expect(noticeEnd('2026-03-02', 5, CALENDAR_2026)).toBe('2026-03-06');
  });
  it('published on a Friday, it runs over the weekend', () => {
    expect(noticeEnd('2026-03-06', 5, CALENDAR_2026)).toBe('2026-03-12');
  });
  it('a notice spanning 国庆 2026 skips 10-01..10-07', () => {
    // 09-28, 09-29, 09-30, then 10-08, 10-09.
    expect(noticeEnd('2026-09-28', 5, CALENDAR_2026)).toBe('2026-10-09');
    // Without the calendar the same notice would wrongly end in the holiday.
    expect(noticeEnd('2026-09-28', 5, EMPTY_CALENDAR)).toBe('2026-10-02');
  });
  it('counts the 调休 Saturday 10-10 as a working day', () => {
    // 09-30, 10-08, 10-09, 10-10 (Saturday, worked), 10-12.
    expect(noticeEnd('2026-09-30', 5, CALENDAR_2026)).toBe('2026-10-12');
  });
  it('a notice published on a holiday starts on the next working day', () => {
    expect(noticeEnd('2026-10-01', 3, CALENDAR_2026)).toBe('2026-10-10');
    expect(noticeEnd('2026-10-01', 1, CALENDAR_2026)).toBe('2026-10-08');
  });
  it('a notice published on a Sunday starts on Monday', () => {
    expect(noticeEnd('2026-03-08', 1, CALENDAR_2026)).toBe('2026-03-09');
  });
  it('refuses impossible input', () => {
    expect(() => noticeEnd('2026-02-30', 5, CALENDAR_2026)).toThrow(RangeError);
    expect(() => noticeEnd('2026-03-02', 0, CALENDAR_2026)).toThrow(RangeError);
    expect(() => noticeEnd('2026-03-02', 2.5, CALENDAR_2026)).toThrow(RangeError);
    expect(() => noticeEnd('2026-03-02', 61, CALENDAR_2026)).toThrow(RangeError);
  });
  it('says how many working days are left and when it has ended', () => {
    expect(noticeDaysLeft('2026-10-09', '2026-09-30', CALENDAR_2026)).toBe(2);
    expect(noticeDaysLeft('2026-10-09', '2026-10-09', CALENDAR_2026)).toBe(0);
    expect(noticeDaysLeft('2026-10-09', '2026-10-20', CALENDAR_2026)).toBe(0);
    expect(noticeHasEnded('2026-10-09', '2026-10-09')).toBe(false);
    expect(noticeHasEnded('2026-10-09', '2026-10-10')).toBe(true);
  });
});

describe('deadline reminders', () => {
  it('no deadline, far off, due soon, due today, overdue', () => {
    expect(deadlineStatus(null, '2026-03-02')).toBe('none');
    expect(deadlineStatus('2026-03-20', '2026-03-02')).toBe('ok');
    expect(deadlineStatus('2026-03-05', '2026-03-02')).toBe('due_soon');
    expect(deadlineStatus('2026-03-06', '2026-03-02')).toBe('ok');
    expect(deadlineStatus('2026-03-02', '2026-03-02')).toBe('due_soon');
    expect(deadlineStatus('2026-03-01', '2026-03-02')).toBe('overdue');
  });
  it('the window of "soon" can be chosen', () => {
    expect(deadlineStatus('2026-03-09', '2026-03-02', 7)).toBe('due_soon');
    expect(deadlineStatus('2026-03-03', '2026-03-02', 0)).toBe('ok');
    expect(deadlineStatus('2026-03-02', '2026-03-02', 0)).toBe('due_soon');
  });
  it('crosses the year end', () => {
    expect(deadlineStatus('2027-01-01', '2026-12-30')).toBe('due_soon');
  });
});
