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

/** A positive integer id, from a path, a query string or a body. */
export const positiveId = z.coerce.number().int().positive();

/** Free text, trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().max(max);

/** An ISO date-time with an offset or Z, stored as UTC ISO text. */
export const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), { error: 'YYYY-MM-DDThh:mm:ss+08:00' })
  .transform((s) => new Date(s).toISOString());

/** Where something is: a description someone can find, or coordinates (or both). */
export const placeFields = {
  place: text(200).default(''),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
};
