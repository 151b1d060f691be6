// Discussion of a topic and its moderation. Anyone of the village or community comments while the
// topic is discussed; anyone of it reports a comment, once; enough reports hide it on their own;
// a moderator of the place hides or restores it, and that decision stands. A hidden comment's
// text goes only to its author and the moderators — everyone else gets no text to render at all.
import { commentStateAfterReport, isCommentHidden, moderate, TOPIC_DISCUSSABLE_STATUSES, type CommentState, type ModerationAction, type TopicStatus } from '@xianfeng/domain';
import { requireAuth, requirePermission } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import * as repo from './repo.ts';
import type { CommentsQuery } from './schemas.ts';
import { hideAfterReports } from './settings.ts';
import { visibleTopic } from './topics.ts';

/**
 * One page of the discussion, oldest first (the order it is read in), with the cursor of the next
 * page. The figures cover the whole discussion, whichever pages are loaded: every comment, hidden
 * ones included (they show as “hidden” to everyone), and for moderators how many are hidden.
 */
export async function listComments(ctx: RequestCtx, topicId: number, page: CommentsQuery) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const { rights } = await visibleTopic(db, auth, topicId);
  // One more than the page tells whether another page follows.
  const [fetched, figures] = await Promise.all([repo.commentsOf(db, topicId, auth.userId, { after: page.cursor, limit: page.limit + 1 }), repo.commentFigures(db, topicId)]);
  const rows = fetched.slice(0, page.limit);
  return {
    total: figures.total,
    ...(rights.moderate ? { hiddenCount: figures.hidden } : {}),
    nextCursor: fetched.length > page.limit ? rows[rows.length - 1]!.id : null,
    items: rows.map((c) => {
      const state = c.state as CommentState;
      const hidden = isCommentHidden(state);
      const mine = c.author_id === auth.userId;
      const showText = !hidden || mine || rights.moderate;
      return {
        id: c.id,
        author: { id: c.author_id, name: c.author_name },
        body: showText ? c.body : null,
        hidden,
        mine,
        reportedByMe: Boolean(c.reported_by_me),
        createdAt: c.created_at,
        // What a moderator needs to decide; nobody else learns who was reported how often.
        ...(rights.moderate ? { state, reports: c.reports, moderatedAt: c.moderated_at } : {}),
      };
    }),
    canModerate: rights.moderate,
  };
}

export async function addComment(ctx: RequestCtx, topicId: number, body: string) {
  const { db, dialect } = ctx.deps.database;
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const { rights } = await visibleTopic(db, auth, topicId);
  if (!rights.discuss) throw unprocessable('deliberation.not_place_person');
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    const topic = await repo.lockTopic(tx, dialect, topicId);
    if (!topic) throw notFound();
    if (!TOPIC_DISCUSSABLE_STATUSES.includes(topic.status as TopicStatus)) throw conflict('deliberation.discussion_closed');
    const commentId = await repo.insertComment(tx, { topicId, authorId: auth.userId, body, now });
    await recordAudit(tx, ctx, { entityType: 'deliberation_comment', entityId: commentId, unitId: topic.unit_id, action: 'deliberation.comment', after: { topicId, body } });
    return commentId;
  });
  return { id, topicId, body, createdAt: now };
}

/** A comment with its topic, if the caller may see the topic. */
async function commentInSight(ctx: RequestCtx, commentId: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const comment = await repo.getComment(db, commentId);
  if (!comment) throw notFound();
  const { topic, rights } = await visibleTopic(db, auth, comment.topic_id);
  return { comment, topic, rights, auth };
}

export async function reportComment(ctx: RequestCtx, commentId: number, reason: string) {
  const { db, dialect } = ctx.deps.database;
  requirePermission(ctx.auth, 'deliberation.participate');
  const { comment, topic, rights, auth } = await commentInSight(ctx, commentId);
  if (!rights.discuss) throw unprocessable('deliberation.not_place_person');
  if (comment.author_id === auth.userId) throw unprocessable('deliberation.own_comment');
  const hideAfter = await hideAfterReports(db);
  const now = nowIso(ctx.deps);
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await repo.lockComment(tx, dialect, commentId);
      if (!row) throw notFound();
      if (await repo.hasReported(tx, commentId, auth.userId)) throw conflict('deliberation.already_reported');
      await repo.insertReport(tx, { commentId, reporterId: auth.userId, reason, now });
      const after = await repo.bumpReports(tx, commentId);
      await recordAudit(tx, ctx, { entityType: 'deliberation_comment', entityId: commentId, unitId: topic.unit_id, action: 'deliberation.report', after: { reason, reports: after.reports } });
      const next = commentStateAfterReport(after.state as CommentState, after.reports, hideAfter);
      if (next !== after.state) {
        await repo.setCommentState(tx, commentId, after.state, { state: next, by: null, now });
        await recordAudit(tx, ctx, { entityType: 'deliberation_comment', entityId: commentId, unitId: topic.unit_id, action: 'deliberation.auto_hide', before: { state: after.state }, after: { state: next, reports: after.reports, threshold: hideAfter } });
      }
      return { id: commentId, reports: after.reports, hidden: isCommentHidden(next) };
    });
  } catch (e) {
    // Two reports of the same person racing: the primary key keeps one, the other is told so.
    if (isUniqueViolation(e)) throw conflict('deliberation.already_reported');
    throw e;
  }
}

export async function moderateComment(ctx: RequestCtx, commentId: number, action: ModerationAction, reason: string) {
  const { db, dialect } = ctx.deps.database;
  requirePermission(ctx.auth, 'deliberation.moderate');
  const { topic, rights, auth } = await commentInSight(ctx, commentId);
  if (!rights.moderate) throw notFound();
  const now = nowIso(ctx.deps);
  return db.transaction().execute(async (tx) => {
    const row = await repo.lockComment(tx, dialect, commentId);
    if (!row) throw notFound();
    const m = moderate(row.state as CommentState, action);
    if (!m.ok) throw conflict(m.code);
    if ((await repo.setCommentState(tx, commentId, row.state, { state: m.next, by: auth.userId || null, now })) !== 1) throw conflict('error.conflict');
    await recordAudit(tx, ctx, { entityType: 'deliberation_comment', entityId: commentId, unitId: topic.unit_id, action: `deliberation.${action}`, before: { state: row.state }, after: { state: m.next, reason } });
    return { id: commentId, state: m.next, hidden: isCommentHidden(m.next) };
  });
}
