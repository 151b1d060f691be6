// 表决: one person, one vote among the people of the topic's place, changeable until the vote
// closes. The (topic, voter) key keeps one row per person; every cast and change is in the audit.
import { voteIsOpen } from '@xianfeng/domain';
import { requirePermission } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound, unprocessable } from '../../core/errors.ts';
import * as repo from './repo.ts';
import { getTopic, visibleTopic } from './topics.ts';

export async function castBallot(ctx: RequestCtx, topicId: number, option: number) {
  const { db, dialect } = ctx.deps.database;
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const { rights } = await visibleTopic(db, auth, topicId);
  // Someone who sees the topic (a grid's neighbour, an officer above) but is not one of its people.
  if (!rights.vote) throw unprocessable('deliberation.vote_outside');
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const topic = await repo.lockTopic(tx, dialect, topicId);
    if (!topic) throw notFound();
    if (topic.status !== 'voting' || !topic.vote_options || !topic.vote_closes_at) throw conflict('deliberation.not_voting');
    if (!voteIsOpen({ closesAt: topic.vote_closes_at, closedAt: topic.vote_closed_at }, now)) throw conflict('deliberation.vote_closed');
    const options = JSON.parse(topic.vote_options) as string[];
    if (option >= options.length) throw unprocessable('deliberation.option_unknown');
    const before = await repo.ballotOf(tx, topicId, auth.userId);
    await repo.upsertBallot(tx, { topicId, voterId: auth.userId, option, now });
    await recordAudit(tx, ctx, {
      entityType: 'deliberation_topic', entityId: topicId, unitId: topic.unit_id, action: before ? 'deliberation.vote_change' : 'deliberation.vote',
      before: before ? { option: before.option_index, label: options[before.option_index] } : undefined,
      after: { option, label: options[option] },
    });
  });
  return getTopic(ctx, topicId);
}
