// The warnings API contract, checked at the edge with zod.
import { z } from 'zod';
import { HAZARD_TYPE_VALUES, WARNING_LEVELS } from '@xianfeng/domain';
import { pageQuery, instant, text } from '../../core/schemas.ts';

const ids = z.array(z.coerce.number().int().positive()).max(5000);

export const issueBody = z.object({
  unitId: z.coerce.number().int().positive(),
  hazard: z.enum(HAZARD_TYPE_VALUES as [string, ...string[]]),
  level: z.enum(WARNING_LEVELS),
  headline: text(120).optional(),
  description: text(4000).min(2),
  instruction: text(4000).default(''),
  areaUnitIds: ids,
  effectiveAt: instant.optional(),
  expiresAt: instant.nullable().optional(),
  exercise: z.boolean().default(false),
});

export const updateBody = z.object({
  version: z.number().int().positive(),
  level: z.enum(WARNING_LEVELS).optional(),
  headline: text(120).optional(),
  description: text(4000).min(2).optional(),
  instruction: text(4000).optional(),
  expiresAt: instant.nullable().optional(),
  addAreaUnitIds: ids.optional(),
});

export const cancelBody = z.object({
  version: z.number().int().positive(),
  reason: text(500).min(2),
});

export const listQuery = z.object({
  status: z.enum(['active', 'closed', 'all']).default('all'),
  exercise: z.enum(['only', 'exclude', 'include']).default('include'),
  ...pageQuery,
});

export const unitAckParams = z.object({ id: z.coerce.number().int().positive(), unitId: z.coerce.number().int().positive() });

export const timelineQuery = z.object({
  afterId: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const settingsBody = z.object({
  ackDeadlines: z.record(z.enum(WARNING_LEVELS), z.number()).optional(),
  recoveryTargets: z.record(z.enum(['road', 'power', 'water', 'comms']), z.number()).optional(),
});
