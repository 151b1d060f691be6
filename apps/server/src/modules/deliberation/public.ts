// The public accountability page (议事公开) of a village or community: every topic of it and its
// grids with its status, the decision, the vote once closed, and the follow-up actions with their
// progress, and the photos of each topic — without login, and without anyone's personal data (no
// raiser, no comments, no ballots).
import { DELIBERATION_UNIT_KINDS, TOPIC_STATUSES, topicProgress, type TopicStatus } from '@xianfeng/domain';
import { nowIso, today, type RequestCtx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import * as repo from './repo.ts';
import { presentAction, voteSummary } from './topics.ts';

const LIMIT = 200;

/** Whether a unit has a public page: a village, community or grid that is not archived. It shows its own topics and its grids'. */
function hasPublicPage(unit: { kind: string; archived_at: string | null }) {
  return !unit.archived_at && (DELIBERATION_UNIT_KINDS as readonly string[]).includes(unit.kind);
}

const photoUrl = (topicId: number, photoId: number) => `/api/public/deliberation/topics/${topicId}/photos/${photoId}`;

export async function publicAccountability(ctx: RequestCtx, unitCode: string) {
  const db = ctx.deps.database.db;
  const unit = await repo.unitByCode(db, unitCode);
  if (!unit || !hasPublicPage(unit)) throw notFound();
  const topics = await repo.topicsUnder(db, unit.id, LIMIT);
  const [actions, photos] = await Promise.all([repo.actionsOf(db, topics.map((t) => t.id)), repo.photosOf(db, topics.map((t) => t.id))]);
  const day = today(ctx);
  const now = nowIso(ctx.deps);
  const items = await Promise.all(topics.map(async (t) => {
    const own = actions.filter((a) => a.topic_id === t.id).map((a) => presentAction(a, day));
    const vote = await voteSummary(db, t, now);
    return {
      id: t.id,
      unitName: t.unit_name,
      title: t.title,
      category: t.category,
      status: t.status as TopicStatus,
      raisedAt: t.raised_at,
      reason: t.reason,
      decision: t.decision,
      decidedAt: t.decided_at,
      finishedAt: t.finished_at,
      // While a vote is open only its turnout is public; the tally once it has closed.
      vote: vote && { options: vote.options, closesAt: vote.closesAt, open: vote.open, votes: vote.votes, electorate: vote.electorate, turnout: vote.turnout, counts: vote.counts },
      actions: own.map((a) => ({ id: a.id, title: a.title, responsible: [a.responsibleUnit?.name, a.responsiblePerson].filter(Boolean).join(' '), dueOn: a.dueOn, status: a.status, progress: a.progress, note: a.note, overdue: a.overdue })),
      progress: topicProgress(own),
      photos: photos.filter((p) => p.topic_id === t.id).map((p) => ({ id: p.id, url: photoUrl(t.id, p.id) })),
    };
  }));
  const byStatus = Object.fromEntries(TOPIC_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<TopicStatus, number>;
  const allActions = items.flatMap((i) => i.actions);
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    figures: {
      topics: items.length,
      byStatus,
      actions: allActions.length,
      actionsDone: allActions.filter((a) => a.status === 'done').length,
      actionsOverdue: allActions.filter((a) => a.overdue).length,
    },
    topics: items,
  };
}

/**
 * A photo of a topic that a public page shows — its place's, or that of the village or community
 * above — to anyone; a topic no public page shows keeps its photos to those who may see it.
 */
export async function publicPhoto(ctx: RequestCtx, topicId: number, photoId: number) {
  const db = ctx.deps.database.db;
  const topic = await repo.getTopic(db, topicId);
  if (!topic || !(await repo.unitsAbove(db, topic.unit_id)).some(hasPublicPage)) throw notFound();
  const photo = await repo.photo(db, topicId, photoId);
  if (!photo) throw notFound();
  return photo;
}
