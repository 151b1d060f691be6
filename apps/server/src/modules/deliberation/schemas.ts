// The deliberation hall's API contract: topics, councils, comments, votes, follow-up actions.
import { z } from 'zod';
import { ACTION_STATUSES, TOPIC_CATEGORY_VALUES, TOPIC_STATUSES } from '@xianfeng/domain';
import { pageQuery, ymd, instant, text, positiveId as id } from '../../core/schemas.ts';

export const raiseBody = z.object({
  unitId: z.number().int().positive(),
  title: text(80).min(2),
  description: text(4000).min(2),
  category: z.enum(TOPIC_CATEGORY_VALUES as [string, ...string[]]),
});

export const listQuery = z.object({
  unitId: id.optional(),
  /** 'active': not yet completed, rejected or closed. */
  status: z.enum([...TOPIC_STATUSES, 'active']).optional(),
  ...pageQuery,
});

/** Who attends, picked from the community's members and accounts; `attendees` stays free text for the others. */
const picked = z.array(id).max(200);

export const councilBody = z.object({
  scheduledAt: instant,
  place: text(200).min(2),
  /** Names of residents without an account, as written. */
  attendees: z.array(text(40).min(1)).max(200).default([]),
  memberIds: picked.default([]),
  userIds: picked.default([]),
});

export const councilPatch = z.object({
  scheduledAt: instant.optional(),
  place: text(200).min(2).optional(),
  attendees: z.array(text(40).min(1)).max(200).optional(),
  /** Each list, when given, replaces the attendees of its kind (members; accounts without a member record). */
  memberIds: picked.optional(),
  userIds: picked.optional(),
  minutes: text(20000).min(2).optional(),
});

export const attendeeQuery = z.object({ q: text(40).optional() });

/** A correction of the title, the text, or both. */
export const editBody = z.object({
  title: text(80).min(2).optional(),
  description: text(4000).min(2).optional(),
}).refine((b) => b.title !== undefined || b.description !== undefined, { error: 'deliberation.edit_nothing' });

export const COMMENT_PAGE = 20;
/** A page of the discussion, oldest first: `cursor` is the last comment already shown (its `nextCursor`). */
export const commentsQuery = z.object({
  cursor: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(COMMENT_PAGE),
});

export const openVoteBody = z.object({
  /** Default: 同意 / 不同意 / 弃权 in the caller's language. */
  options: z.array(z.string().max(40)).optional(),
  closesAt: instant,
});

export const ballotBody = z.object({ option: z.number().int().min(0) });

export const decideBody = z.object({ decision: text(4000) });
export const reasonBody = z.object({ reason: text(1000) });

export const commentBody = z.object({ body: text(2000).min(1) });
export const reportBody = z.object({ reason: text(200).default('') });

export const actionBody = z.object({
  title: text(200).min(2),
  responsibleUnitId: z.number().int().positive().nullable().optional(),
  responsiblePerson: text(80).min(1),
  dueOn: ymd.nullable().optional(),
});

export const actionPatch = z.object({
  status: z.enum(ACTION_STATUSES),
  progress: z.number().int().min(0).max(100).optional(),
  note: text(1000).default(''),
  dueOn: ymd.nullable().optional(),
});

export const settingsBody = z.object({ hideAfterReports: z.number().int() });

export const publicQuery = z.object({ unit: z.string().trim().min(1).max(40) });

export const topicParams = z.object({ id });
export const photoParams = z.object({ id, photoId: id });

export type RaiseBody = z.infer<typeof raiseBody>;
export type ListQuery = z.infer<typeof listQuery>;
export type CouncilBody = z.infer<typeof councilBody>;
export type CouncilPatch = z.infer<typeof councilPatch>;
/** A council as the services take it: the picked people are optional to callers other than the API (the demo). */
export type CouncilInput = Omit<CouncilBody, 'memberIds' | 'userIds'> & Partial<Pick<CouncilBody, 'memberIds' | 'userIds'>>;
export type EditBody = z.infer<typeof editBody>;
export type CommentsQuery = z.infer<typeof commentsQuery>;
export type OpenVoteBody = z.infer<typeof openVoteBody>;
export type ActionBody = z.infer<typeof actionBody>;
export type ActionPatch = z.infer<typeof actionPatch>;
