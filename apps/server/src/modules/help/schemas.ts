// The help API contract: filing a request (public page or account), following it, the members'
// and secretaries' queues, the lifecycle actions, residence registrations and statistics.
import { z } from 'zod';
import { HELP_CATEGORY_VALUES, HELP_STATUSES } from '@xianfeng/domain';
import { pageQuery, placeFields, text, positiveId as id } from '../../core/schemas.ts';

/** What a request says and where, whoever files it. */
const requestFields = {
  category: z.enum(HELP_CATEGORY_VALUES as [string, ...string[]]),
  description: text(1000).min(2),
  ...placeFields,
  name: text(40).default(''),
  phone: text(20).default(''),
};

/** Filing from the public page: the village comes from the QR link, plus the answer to the check. */
export const publicFileBody = z.object({
  ...requestFields,
  /** A grid of the village, when the resident picks one. */
  gridId: id.optional(),
  challenge: z.string().max(300),
  answer: z.coerce.number().int().min(0).max(100),
});

/** Filing while logged in: where (a grid, village or community) and what. */
export const accountFileBody = z.object({ unitId: z.number().int().positive(), ...requestFields });

export const villageParams = z.object({ code: z.string().trim().min(1).max(40) });
export const receiptParams = z.object({ receipt: z.string().trim().min(1).max(20) });
export const receiptPhotoParams = z.object({ receipt: z.string().trim().min(1).max(20) });
export const photoParams = z.object({ id, photoId: id });

export const confirmBody = z.object({
  rating: z.number({ error: 'help.rating_required' }).int({ error: 'help.rating_required' }).min(1, { error: 'help.rating_required' }).max(5, { error: 'help.rating_required' }),
  comment: text(500).default(''),
});
export const reasonBody = z.object({ reason: text(500).min(2, { error: 'help.reason_required' }) });
export const noteBody = z.object({ note: text(1000).default('') });

export const listQuery = z.object({
  unitId: id.optional(),
  /** 'open': received, accepted or in progress; 'overdue': open and past its limit. */
  status: z.enum([...HELP_STATUSES, 'open', 'overdue']).optional(),
  ...pageQuery,
});
export const mineQuery = z.object({ ...pageQuery });

const hhmm = z.string().regex(/^\d{2}:\d{2}$/, { error: 'help.window_times' });
export const residenceBody = z.object({
  unitId: z.number().int().positive(),
  specialties: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  hours: z.array(z.object({ days: z.array(z.number().int()).max(7), from: hhmm, to: hhmm })).max(20).default([]),
  note: text(200).default(''),
});
export const residentsQuery = z.object({ unitId: id.optional(), ...pageQuery });
export const placesQuery = z.object({ q: z.string().trim().min(1).max(40) });
export const statsQuery = z.object({ months: z.coerce.number().int().min(1).max(24).default(12) });

export type PublicFileBody = z.infer<typeof publicFileBody>;
export type AccountFileBody = z.infer<typeof accountFileBody>;
export type ListQuery = z.infer<typeof listQuery>;
export type ResidenceBody = z.infer<typeof residenceBody>;
