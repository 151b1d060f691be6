// The hazard reports API contract (隐患排查): reporting, the triage queue, the lifecycle actions.
import { z } from 'zod';
import { HAZARD_CATEGORY_VALUES, HAZARD_STATUSES } from '@xianfeng/domain';
import { pageQuery } from '../../core/schemas.ts';

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().max(max);

/** An ISO date-time with an offset or Z, stored as UTC ISO text. */
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), { error: 'YYYY-MM-DDThh:mm:ss+08:00' })
  .transform((s) => new Date(s).toISOString());

export const reportBody = z.object({
  unitId: z.number().int().positive(),
  category: z.enum(HAZARD_CATEGORY_VALUES as [string, ...string[]]),
  /** Where: a description someone can find, or coordinates (or both). */
  place: text(200).default(''),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  description: text(2000).min(2),
});

export const listQuery = z.object({
  unitId: id.optional(),
  /** 'open': waiting for work on the ground; 'overdue': open past its due date; 'active': not closed. */
  status: z.enum([...HAZARD_STATUSES, 'open', 'overdue', 'active']).optional(),
  category: z.enum(HAZARD_CATEGORY_VALUES as [string, ...string[]]).optional(),
  ...pageQuery,
});

export const mineQuery = z.object({
  /** What I reported, or what was assigned to me to fix. */
  role: z.enum(['reported', 'assigned']).default('reported'),
  ...pageQuery,
});

export const statsQuery = z.object({ unitId: id.optional() });

export const assignBody = z.object({
  assigneeId: z.number().int().positive(),
  /** Default: the category's time limit counted from the report. */
  dueAt: instant.optional(),
  note: text(1000).default(''),
});

export const noteBody = z.object({ note: text(1000).default('') });
export const reasonBody = z.object({ reason: z.string({ error: 'hazard.reason_required' }).trim().min(2, { error: 'hazard.reason_required' }).max(1000) });

export const photoQuery = z.object({ stage: z.enum(['report', 'fix']).default('report') });
export const photoParams = z.object({ id, photoId: id });

export type ReportBody = z.infer<typeof reportBody>;
export type ListQuery = z.infer<typeof listQuery>;
export type MineQuery = z.infer<typeof mineQuery>;
export type AssignBody = z.infer<typeof assignBody>;
