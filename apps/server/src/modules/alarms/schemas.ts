// The alarms API contract: raising an alarm (上报), listing and handling it, turning it into a warning.
import { z } from 'zod';
import { ALARM_KIND_VALUES, ALARM_STATUSES, HAZARD_TYPE_VALUES, WARNING_LEVELS } from '@xianfeng/domain';
import { pageQuery, instant, placeFields, text, positiveId as id } from '../../core/schemas.ts';

export const raiseBody = z.object({
  unitId: z.number().int().positive(),
  kind: z.enum(ALARM_KIND_VALUES as [string, ...string[]]),
  ...placeFields,
  description: text(2000).min(2),
});

export const listQuery = z.object({
  unitId: id.optional(),
  /** 'active': open or being handled. */
  status: z.enum([...ALARM_STATUSES, 'active']).optional(),
  ...pageQuery,
});
export const mineQuery = z.object({ ...pageQuery });

export const noteBody = z.object({ note: text(1000).default('') });

export const promoteBody = z.object({
  issuingUnitId: z.number().int().positive(),
  hazard: z.enum(HAZARD_TYPE_VALUES as [string, ...string[]]),
  level: z.enum(WARNING_LEVELS),
  /** Default: the alarm's own unit. */
  areaUnitIds: z.array(z.number().int().positive()).min(1).max(5000).optional(),
  headline: text(120).optional(),
  description: text(4000).optional(),
  instruction: text(4000).default(''),
  expiresAt: instant.nullable().optional(),
});

export const photoParams = z.object({ id, photoId: id });

export type RaiseBody = z.infer<typeof raiseBody>;
export type ListQuery = z.infer<typeof listQuery>;
export type PromoteBody = z.infer<typeof promoteBody>;
