// The households API contract: a household of a grid and the people in it to move first.
import { z } from 'zod';
import { VULNERABLE_CATEGORY_VALUES } from '@xianfeng/domain';
import { flag, pageQuery, text, positiveId as id } from '../../core/schemas.ts';

export const listQuery = z.object({
  unitId: id,
  /** Archived households instead of current ones. */
  archived: flag,
  q: text(50).optional(),
  ...pageQuery,
});

const fields = {
  address: text(200).min(2),
  headName: text(50).min(1),
  /** A mobile number as typed; empty or null for none. Stored encrypted, shown masked. */
  phone: z.string().trim().max(30).nullable().optional(),
  people: z.number().int().min(1).max(99),
};

export const createBody = z.object({ unitId: z.number().int().positive(), ...fields });
export const patchBody = z.object(fields).partial();

export const personBody = z.object({
  name: text(50).min(1),
  category: z.enum(VULNERABLE_CATEGORY_VALUES as [string, ...string[]]),
  // Data minimization: a sensitive record must say why it is kept.
  reason: z.string({ error: 'household.reason_required' }).trim().min(2, { error: 'household.reason_required' }).max(200),
  note: text(500).default(''),
});

export const personParams = z.object({ id, personId: id });

export type ListQuery = z.infer<typeof listQuery>;
export type CreateBody = z.infer<typeof createBody>;
export type PatchBody = z.infer<typeof patchBody>;
export type PersonBody = z.infer<typeof personBody>;
