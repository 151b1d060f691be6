// The recovery API contract: outages (roads, power, water, communications) and their restoration.
import { z } from 'zod';
import { OUTAGE_KIND_VALUES } from '@xianfeng/domain';
import { pageQuery } from '../../core/schemas.ts';

const id = z.coerce.number().int().positive();

/** An ISO date-time with an offset or Z, stored as UTC ISO text. */
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), { error: 'YYYY-MM-DDThh:mm:ss+08:00' })
  .transform((s) => new Date(s).toISOString());

export const outageBody = z.object({
  unitId: z.number().int().positive(),
  warningId: z.number().int().positive().nullable().optional(),
  kind: z.enum(OUTAGE_KIND_VALUES as [string, ...string[]]),
  startedAt: instant,
  note: z.string().trim().max(1000).default(''),
});
export const restoreBody = z.object({ restoredAt: instant });
export const patchBody = z.object({ note: z.string().trim().max(1000) });

export const listQuery = z.object({
  unitId: id.optional(),
  warningId: id.optional(),
  /** 1: still out; 0: restored; absent: both. */
  open: z.enum(['1', '0', 'true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  ...pageQuery,
});
export const summaryQuery = z.object({ unitId: id.optional(), warningId: id.optional() });

export type OutageBody = z.infer<typeof outageBody>;
export type ListQuery = z.infer<typeof listQuery>;
export type SummaryQuery = z.infer<typeof summaryQuery>;
