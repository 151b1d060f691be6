// The working-day calendar (public holidays and 调休 make-up working days) that public notices are
// counted in. Everyone may read it; only a system administrator sets a year, when the State
// Council's holiday notice comes out. Each change is audited with the year's days before and after.
import { isValidYmd, weekdayOf } from '@xianfeng/domain';
import type { Auth, RequestCtx } from '../../core/context.ts';
import { requireAuth, requirePermission, scopeOf } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { AppError, invalid, type FieldIssue } from '../../core/errors.ts';
import * as repo from './repo.ts';

/** Only a system-wide grant of evaluation.manage (a system administrator) may set the calendar. */
export function requireSystemAdmin(auth: Auth | null): Auth {
  const a = requirePermission(auth, 'evaluation.manage');
  if (!scopeOf(a, 'evaluation.manage').global) throw new AppError(403, 'stars.admin_only');
  return a;
}

function present(year: number, rows: Awaited<ReturnType<typeof repo.calendarOfYear>>) {
  const pick = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ day: r.day, note: r.note }));
  return { year, holidays: pick('holiday'), workdays: pick('workday') };
}

export async function getCalendar(ctx: RequestCtx, year: number) {
  const auth = requireAuth(ctx.auth);
  const rows = await repo.calendarOfYear(ctx.deps.database.db, year);
  return { ...present(year, rows), canEdit: scopeOf(auth, 'evaluation.manage').global };
}

type Day = { day: string; note?: string };

export async function setCalendar(ctx: RequestCtx, input: { year: number; holidays: Day[]; workdays: Day[] }) {
  requireSystemAdmin(ctx.auth);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const check = (list: 'holidays' | 'workdays') =>
    input[list].forEach((d, i) => {
      const field = `${list}.${i}.day`;
      if (!isValidYmd(d.day)) issues.push({ field, code: 'date.invalid' });
      else if (!d.day.startsWith(`${input.year}-`)) issues.push({ field, code: 'stars.calendar_outside_year', params: { day: d.day, year: input.year } });
      else if (seen.has(d.day)) issues.push({ field, code: 'stars.calendar_day_twice', params: { day: d.day } });
      else if (list === 'workdays' && weekdayOf(d.day) <= 5) issues.push({ field, code: 'stars.calendar_workday_weekday', params: { day: d.day } });
      seen.add(d.day);
    });
  check('holidays');
  check('workdays');
  if (issues.length) throw invalid(issues);
  const rows = [
    ...input.holidays.map((d) => ({ day: d.day, kind: 'holiday' as const, note: d.note?.trim() || '法定节假日' })),
    ...input.workdays.map((d) => ({ day: d.day, kind: 'workday' as const, note: d.note?.trim() || '调休上班' })),
  ].sort((a, b) => (a.day < b.day ? -1 : 1));
  const db = ctx.deps.database.db;
  await db.transaction().execute(async (trx) => {
    const before = present(input.year, await repo.calendarOfYear(trx, input.year));
    await repo.replaceCalendarYear(trx, input.year, rows);
    await recordAudit(trx, ctx, {
      entityType: 'calendar', entityId: input.year, unitId: null, action: 'stars.calendar.update',
      before: { holidays: before.holidays.map((d) => d.day), workdays: before.workdays.map((d) => d.day) },
      after: { holidays: input.holidays.map((d) => d.day), workdays: input.workdays.map((d) => d.day) },
    });
  });
  return getCalendar(ctx, input.year);
}
