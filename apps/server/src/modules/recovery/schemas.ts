// The recovery API contract: outages (roads, power, water, communications) and their restoration.
import { z } from 'zod';
import { OUTAGE_KIND_VALUES } from '@xianfeng/domain';
import { pageQuery, instant, positiveId as id } from '../../core/schemas.ts';

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
