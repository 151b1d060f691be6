// The evacuation API contract: shelters, a village's figures, shelter occupancy and the
// household-by-household check-off during a warning.
import { z } from 'zod';
import { CHECK_STATUSES } from '@xianfeng/domain';
import { flag, text, positiveId as id } from '../../core/schemas.ts';

/** A head count: a whole number, 0 or more. */
const count = z.number({ error: 'evacuation.negative' }).int({ error: 'evacuation.negative' }).min(0, { error: 'evacuation.negative' }).max(1_000_000);

export const shelterQuery = z.object({ unitId: id, archived: flag });
export const shelterBody = z.object({
  unitId: z.number().int().positive(),
  name: text(100).min(2),
  address: text(200).default(''),
  capacity: z.number().int().min(1).max(100_000),
});
export const shelterPatch = shelterBody.omit({ unitId: true }).partial();

export const reportParams = z.object({ id, unitId: id });
export const reportBody = z.object({ toMove: count, moved: count, refused: count });

export const occupancyParams = z.object({ id, shelterId: id });
export const occupancyBody = z.object({ occupants: count });

export const householdsQuery = z.object({
  status: z.enum(CHECK_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const checkParams = z.object({ id, householdId: id });
export const checkBody = z.object({ status: z.enum(CHECK_STATUSES), note: text(500).default('') });

export const overviewQuery = z.object({ unitId: id.optional() });

export type ShelterBody = z.infer<typeof shelterBody>;
export type ShelterPatch = z.infer<typeof shelterPatch>;
export type ReportBody = z.infer<typeof reportBody>;
export type HouseholdsQuery = z.infer<typeof householdsQuery>;
export type CheckBody = z.infer<typeof checkBody>;
