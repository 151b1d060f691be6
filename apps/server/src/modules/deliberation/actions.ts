// Follow-up actions (落实事项) of a decision: each with the unit or person responsible and a due
// date, moved 未开始 → 进行中 → 已完成 (or 延期 with a note) by a manager of the place.
import { actionChange, type ActionStatus } from '@xianfeng/domain';
import { requirePermission } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, today, type RequestCtx } from '../../core/context.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import * as repo from './repo.ts';
import { managed, presentAction } from './topics.ts';
import type { ActionBody, ActionPatch } from './schemas.ts';

const ACTION_STATES = ['decided', 'implementing'];

async function presentOne(ctx: RequestCtx, id: number) {
  const row = await repo.actionById(ctx.deps.database.db, id);
  if (!row) throw notFound();
  return presentAction(row, today(ctx));
}

export async function addAction(ctx: RequestCtx, topicId: number, body: ActionBody) {
  const { db, dialect } = ctx.deps.database;
  await managed(ctx, topicId);
  if (body.responsibleUnitId) {
    const unit = await repo.unitById(db, body.responsibleUnitId);
    if (!unit) throw invalid([{ field: 'responsibleUnitId', code: 'error.not_found' }]);
  }
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    const topic = await repo.lockTopic(tx, dialect, topicId);
    if (!topic) throw notFound();
    if (!ACTION_STATES.includes(topic.status)) throw conflict('deliberation.actions_closed');
    const actionId = await repo.insertAction(tx, { topicId, title: body.title, responsibleUnitId: body.responsibleUnitId ?? null, responsiblePerson: body.responsiblePerson, dueOn: body.dueOn ?? null, now });
    await recordAudit(tx, ctx, { entityType: 'deliberation_action', entityId: actionId, unitId: topic.unit_id, action: 'deliberation.action_add', after: { topicId, ...body } });
    return actionId;
  });
  return presentOne(ctx, id);
}

export async function updateAction(ctx: RequestCtx, actionId: number, patch: ActionPatch) {
  const { db, dialect } = ctx.deps.database;
  requirePermission(ctx.auth, 'deliberation.manage');
  const found = await repo.getActionTopic(db, actionId);
  if (!found) throw notFound();
  await managed(ctx, found.topic_id);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    const topic = await repo.lockTopic(tx, dialect, found.topic_id);
    if (!topic) throw notFound();
    if (!ACTION_STATES.includes(topic.status)) throw conflict('deliberation.actions_closed');
    const row = await repo.lockAction(tx, dialect, actionId);
    if (!row) throw notFound();
    const c = actionChange(row.status as ActionStatus, patch.status, { note: patch.note, progress: patch.progress, currentProgress: row.progress });
    if (!c.ok) throw unprocessable(c.code);
    const change = {
      status: patch.status,
      progress: c.progress,
      note: patch.note || row.note,
      due_on: patch.dueOn === undefined ? row.due_on : patch.dueOn,
      done_at: patch.status === 'done' ? now : null,
    };
    if ((await repo.updateAction(tx, actionId, row.status, change, now)) !== 1) throw conflict('error.conflict');
    await recordAudit(tx, ctx, {
      entityType: 'deliberation_action', entityId: actionId, unitId: topic.unit_id, action: 'deliberation.action_update',
      before: { status: row.status, progress: row.progress, note: row.note, dueOn: row.due_on }, after: { status: change.status, progress: change.progress, note: change.note, dueOn: change.due_on },
    });
  });
  return presentOne(ctx, actionId);
}
