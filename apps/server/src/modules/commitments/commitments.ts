// 亮承诺: a member publishes (and may revise) this year's commitment and adds progress updates to it;
// a secretary may do either for an elderly member of their scope. Every write is audited in its
// transaction.
import type { RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { AppError, unprocessable } from '../../core/errors.ts';
import { memberInScope, type MemberRef } from '../points/common.ts';
import { cardOf, presentUpdate, thisYear } from './cards.ts';
import * as repo from './repo.ts';
import { MAX_UPDATES } from './schemas.ts';

/** The member record of the logged-in person; 422 when their account has none. */
async function ownMember(ctx: RequestCtx): Promise<MemberRef> {
  const auth = requireAuth(ctx.auth);
  const member = auth.memberId
    ? await ctx.deps.database.db.selectFrom('member').select(['id', 'name', 'unit_id']).where('id', '=', auth.memberId).executeTakeFirst()
    : undefined;
  if (!member) throw new AppError(422, 'commitments.not_a_member');
  return member;
}

/** A member of the caller's scope, for a secretary entering on their behalf. */
const onBehalfOf = (ctx: RequestCtx, memberId: number) => memberInScope(ctx, memberId, 'points.approve');

export async function myCommitment(ctx: RequestCtx) {
  const member = await ownMember(ctx);
  return { year: thisYear(ctx), maxUpdates: MAX_UPDATES, card: await cardOf(ctx, member.id) };
}

/** Publishes this year's commitment, or revises it. Saving the same text again changes nothing. */
async function publish(ctx: RequestCtx, member: MemberRef, content: string) {
  const { db, dialect } = ctx.deps.database;
  const year = thisYear(ctx);
  const now = nowIso(ctx.deps);
  const onBehalf = ctx.auth!.memberId !== member.id;
  await db.transaction().execute(async (trx) => {
    const before = await repo.commitmentOf(trx, dialect, member.id, year, true);
    if (before?.content === content) return;
    const id = before ? before.id : await repo.upsertCommitment(trx, member.id, year, content, now);
    if (before) await repo.reviseCommitment(trx, before.id, content, now);
    await recordAudit(trx, ctx, {
      entityType: 'commitment', entityId: id, unitId: member.unit_id, action: before ? 'commitments.revise' : 'commitments.publish',
      before: before ? { content: before.content } : undefined, after: { member: member.name, year, content, onBehalf },
    });
  });
  return { year, card: await cardOf(ctx, member.id) };
}

/** Adds a progress update (践诺进展) to this year's commitment, which must exist. */
async function addUpdate(ctx: RequestCtx, member: MemberRef, content: string) {
  const { db, dialect } = ctx.deps.database;
  const year = thisYear(ctx);
  const now = nowIso(ctx.deps);
  const userId = ctx.auth!.userId;
  const onBehalf = ctx.auth!.memberId !== member.id;
  const id = await db.transaction().execute(async (trx) => {
    // The commitment row is locked, so two updates at once cannot both slip under the cap.
    const commitment = await repo.commitmentOf(trx, dialect, member.id, year, true);
    if (!commitment) throw unprocessable('commitments.not_published');
    if ((await repo.countUpdates(trx, commitment.id)) >= MAX_UPDATES) throw unprocessable('commitments.too_many_updates', { max: MAX_UPDATES });
    const updateId = await repo.insertUpdate(trx, commitment.id, content, userId, now);
    await recordAudit(trx, ctx, { entityType: 'commitment', entityId: commitment.id, unitId: member.unit_id, action: 'commitments.update', after: { member: member.name, year, updateId, content, onBehalf } });
    return updateId;
  });
  return presentUpdate({ id, content, created_at: now, author_member_id: onBehalf ? null : member.id }, member.id);
}

export const publishMine = async (ctx: RequestCtx, content: string) => publish(ctx, await ownMember(ctx), content);
export const addMyUpdate = async (ctx: RequestCtx, content: string) => addUpdate(ctx, await ownMember(ctx), content);
export const publishFor = async (ctx: RequestCtx, memberId: number, content: string) => publish(ctx, await onBehalfOf(ctx, memberId), content);
export const addUpdateFor = async (ctx: RequestCtx, memberId: number, content: string) => addUpdate(ctx, await onBehalfOf(ctx, memberId), content);
