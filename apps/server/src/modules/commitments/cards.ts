// 党员身份卡: what a member shows of themself — name, the 党员 identity, unit, join year, status,
// stars and this year's commitment with its progress. Never an ID number or a phone: the columns
// read here are the whole of what a card can carry.
import { decodeStars, todayYmd } from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { requireAuth } from '../../core/access.ts';
import { notFound } from '../../core/errors.ts';
import { canSeeCard, canSeeCardsOf, landingUnit } from './policy.ts';
import * as repo from './repo.ts';
import type { CardsQuery } from './schemas.ts';

export const thisYear = (ctx: RequestCtx) => todayYmd(ctx.deps.now()).slice(0, 4);

type CardRow = NonNullable<Awaited<ReturnType<typeof repo.cardById>>>;
type UpdateRow = Awaited<ReturnType<typeof repo.updatesOf>>[number];

/** A progress update as shown: `byProxy` when someone other than the member entered it (a secretary). */
export function presentUpdate(u: Pick<UpdateRow, 'id' | 'content' | 'created_at' | 'author_member_id'>, memberId: number) {
  return { id: u.id, content: u.content, createdAt: u.created_at, byProxy: u.author_member_id !== memberId };
}

/**
 * Cards for some rows. `allUpdates`: the card's page (every update, oldest first); otherwise a grid
 * of cards, each with its latest update only and the count.
 */
export async function presentCards(db: Db, rows: CardRow[], allUpdates: boolean) {
  const commitmentIds = rows.map((r) => r.commitment_id).filter((id): id is number => id !== null);
  const [stars, updates, counts] = await Promise.all([
    repo.latestStars(db, rows.map((r) => r.id)),
    repo.updatesOf(db, commitmentIds, !allUpdates),
    repo.updateCounts(db, commitmentIds),
  ]);
  return rows.map((r) => {
    const s = stars.get(r.id);
    return {
      memberId: r.id,
      name: r.name,
      // One identity for everyone (中共党员 / 中共预备党员 by status): no gender, no personal data.
      identity: 'party_member' as const,
      status: r.status,
      joinYear: Number(r.join_date.slice(0, 4)),
      unit: { id: r.unit_id, name: r.unit_name },
      stars: s ? { period: s.period, count: s.star_count, dimensions: decodeStars(s.stars) } : null,
      commitment:
        r.commitment_id === null
          ? null
          : {
              id: r.commitment_id,
              content: r.content!,
              publishedAt: r.published_at!,
              updatedAt: r.updated_at!,
              revised: r.updated_at !== r.published_at,
              updateCount: counts.get(r.commitment_id) ?? 0,
              updates: updates.filter((u) => u.commitment_id === r.commitment_id).map((u) => presentUpdate(u, r.id)),
            },
    };
  });
}

export type Card = Awaited<ReturnType<typeof presentCards>>[number];

/** One member's card with every update of this year's commitment (no access check: callers do it). */
export async function cardOf(ctx: RequestCtx, memberId: number): Promise<Card> {
  const db = ctx.deps.database.db;
  const row = await repo.cardById(db, memberId, thisYear(ctx));
  if (!row) throw notFound();
  return (await presentCards(db, [row], true))[0];
}

export async function getCard(ctx: RequestCtx, memberId: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const member = await db.selectFrom('member').select(['id', 'unit_id']).where('id', '=', memberId).executeTakeFirst();
  if (!member || !(await canSeeCard(db, auth, member))) throw notFound();
  return { year: thisYear(ctx), card: await cardOf(ctx, memberId) };
}

/** The cards of a unit's subtree (by default the caller's own village or community), paged. */
export async function listCards(ctx: RequestCtx, q: CardsQuery) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const unit = q.unitId ? await repo.unitById(db, q.unitId) : await landingUnit(db, auth);
  if (!unit || !(await canSeeCardsOf(db, auth, unit.id))) throw notFound();
  const year = thisYear(ctx);
  const { rows, total } = await repo.cardsUnder(db, dialect, { unitId: unit.id, year, name: q.q || undefined, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind }, year, items: await presentCards(db, rows, false), total, page: q.page, pageSize: q.pageSize };
}
