// The hazard reports API contract (隐患排查): reporting, the triage queue, the lifecycle actions.
import { z } from 'zod';
import { HAZARD_CATEGORY_VALUES, HAZARD_STATUSES } from '@xianfeng/domain';
import { pageQuery, instant, placeFields, text, positiveId as id } from '../../core/schemas.ts';

export const reportBody = z.object({
  unitId: z.number().int().positive(),
  category: z.enum(HAZARD_CATEGORY_VALUES as [string, ...string[]]),
  ...placeFields,
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
