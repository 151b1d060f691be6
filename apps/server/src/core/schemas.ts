// zod building blocks shared by the modules' API contracts.
import { z } from 'zod';

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'YYYY-MM-DD' });
export const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false'])])
  .optional()
  .transform((v) => v === true || v === '1' || v === 'true');
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
