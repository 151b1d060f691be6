// The commitments API contract: what a request may carry, checked at the edge with zod.
import { z } from 'zod';

/** Progress updates one commitment may collect in its year: enough for a weekly note, not a chat. */
export const MAX_UPDATES = 100;

export const COMPARE_SORTS = ['name', 'base', 'deduction', 'violations', 'bonus', 'tasks', 'score', 'committed', 'updates', 'stars'] as const;
export type CompareSort = (typeof COMPARE_SORTS)[number];

export const commitmentBody = z.object({
  content: z.string().trim().min(10, { error: 'commitments.content_length' }).max(500, { error: 'commitments.content_length' }),
});

export const updateBody = z.object({
  content: z.string().trim().min(2, { error: 'commitments.update_length' }).max(500, { error: 'commitments.update_length' }),
});

export const memberParams = z.object({ id: z.coerce.number().int().positive() });
export const cardParams = z.object({ memberId: z.coerce.number().int().positive() });

export const cardsQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(20).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

const year = z.coerce.number().int().min(2000, { error: 'commitments.year_invalid' }).max(2100, { error: 'commitments.year_invalid' });

export const compareFilter = {
  unitId: z.coerce.number().int().positive(),
  year: year.optional(),
  sort: z.enum(COMPARE_SORTS).default('score'),
  order: z.enum(['asc', 'desc']).default('desc'),
};

export const compareQuery = z.object({
  ...compareFilter,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(20).max(100).default(20),
});
export const exportQuery = z.object(compareFilter);

export type CardsQuery = z.infer<typeof cardsQuery>;
export type CompareQuery = z.infer<typeof compareQuery>;
export type ExportQuery = z.infer<typeof exportQuery>;
