// The stars API contract. Thresholds are plain numbers here and checked by the domain's
// validateScheme, so a wrong threshold is reported with our own message in the user's language.
import { z } from 'zod';
import { isPeriod, RULE_ACCOUNTS, STAR_DIMENSIONS } from '@xianfeng/domain';
import { ymd } from '../../core/schemas.ts';

export const period = z.string().refine(isPeriod, { error: 'points.period_invalid' });
export const unitId = z.coerce.number().int().positive();
const ruleCode = z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/);

const criterion = z.object({
  accounts: z
    .array(z.enum(RULE_ACCOUNTS))
    .max(RULE_ACCOUNTS.length * 2)
    .transform((a) => [...new Set(a)]),
  ruleCodes: z
    .array(ruleCode)
    .max(40)
    .transform((a) => [...new Set(a)]),
  minPoints: z.number(),
  minEntries: z.number(),
  evidenceRequired: z.boolean(),
});

const dimension = z.object({
  code: z.enum(STAR_DIMENSIONS),
  name: z.string().trim().max(20),
  description: z.string().trim().max(200).default(''),
  criterion,
});

const disqualifier = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('veto') }),
  z.object({ kind: z.literal('rule_short'), ruleCode, minEntries: z.number() }),
  z.object({ kind: z.literal('rule_present'), ruleCode }),
  z.object({ kind: z.literal('deductions_over'), points: z.number() }),
]);

export const schemeBody = z.object({
  dimensions: z.array(dimension).max(10),
  disqualifiers: z.array(disqualifier).max(20),
});

export const schemeQuery = z.object({ unitId, period });

export const putScheme = z.object({ unitId: z.number().int().positive(), period, scheme: schemeBody });

export const previewQuery = z.object({
  unitId,
  period,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** Only members with this many stars (0–5). */
  stars: z.coerce.number().int().min(0).max(STAR_DIMENSIONS.length).optional(),
});

export const periodQuery = z.object({ period: period.optional() });

export const year = z.coerce.number().int().min(2000).max(2100);

const calendarDay = z.object({ day: ymd, note: z.string().trim().max(30).optional() });

export const putCalendar = z.object({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(calendarDay).max(80),
  workdays: z.array(calendarDay).max(30),
});
