// The pioneer board (先锋榜), its public page, the charts, and the rotating plaque (流动挂牌). All read
// the maintained tallies in the order of compareStandings: score, fewer deductions, earlier reach.
import { periodOf, previousPeriod } from '@xianfeng/domain';
import { sql } from 'kysely';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { invalid, notFound, unprocessable } from '../../core/errors.ts';
import { toCount } from '../../db/dialect.ts';
import * as unitRepo from '../units/repo.ts';
import { today } from './common.ts';
import { settingsFor } from './ledger.ts';
import { starsOfPeriod } from '../stars/repo.ts';

/** Above this many members a board walks the period's score index and checks each row's unit. */
const LARGE_SUBTREE = 5000;

/**
 * The best `limit` standings of a subtree in a period. A city-wide board reads the top of the
 * (period, score) index; a branch's board reads its own few tallies by unit.
 */
export async function topStandings(db: Db, unitId: number, period: string, limit: number, offset = 0, previous?: string) {
  const size = await unitRepo.memberCountUnder(db, [unitId]);
  const subtree = db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId);
  let top = db
    .selectFrom('points_tally as t')
    .select(['t.member_id', 't.score', 't.deduction', 't.reached_at'])
    .where('t.period', '=', period);
  if (size <= LARGE_SUBTREE) top = top.where('t.unit_id', 'in', subtree);
  else if (!(await unitRepo.coversWholeTree(db, [unitId]))) top = top.where(sql<number>`+${sql.ref('t.unit_id')}`, 'in', subtree);
  top = top.orderBy('t.score', 'desc').orderBy('t.deduction').orderBy('t.reached_at').orderBy('t.member_id').limit(limit).offset(offset);
  // Names, units and last period's score joined to the page only, in the same statement.
  const rows = await db
    .selectFrom(top.as('top'))
    .innerJoin('member as m', 'm.id', 'top.member_id')
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .leftJoin('points_tally as p', (j) => j.onRef('p.member_id', '=', 'top.member_id').on('p.period', '=', previous ?? ''))
    .select(['top.member_id', 'top.score', 'top.deduction', 'top.reached_at', 'm.name', 'u.name as unit_name', 'p.score as previous_score'])
    .orderBy('top.score', 'desc')
    .orderBy('top.deduction')
    .orderBy('top.reached_at')
    .orderBy('top.member_id')
    .execute();
  return rows.map((r, i) => ({
    rank: offset + i + 1, memberId: r.member_id, name: r.name, unitName: r.unit_name, score: r.score, deduction: r.deduction, reachedAt: r.reached_at,
    previousScore: r.previous_score ?? null,
  }));
}

/** Counting every standing of a city for a pager costs more than the page itself; beyond this the count stops. */
const BOARD_COUNT_CAP = 10_000;

/** How many members of the subtree have a standing in the period (for paging the board), up to the cap. */
async function standingsCount(db: Db, unitId: number, period: string) {
  let q = db.selectFrom('points_tally').select('member_id').where('period', '=', period);
  if (!(await unitRepo.coversWholeTree(db, [unitId]))) q = q.where('unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', unitId));
  const row = await db.selectFrom(q.limit(BOARD_COUNT_CAP + 1).as('s')).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const n = toCount(row?.n);
  return { total: Math.min(n, BOARD_COUNT_CAP), totalCapped: n > BOARD_COUNT_CAP };
}

async function boardPeriod(ctx: RequestCtx, unitId: number, period?: string) {
  const settings = await settingsFor(ctx.deps.database.db, unitId);
  if (!settings.boardEnabled) throw unprocessable('points.board_disabled');
  return period ?? periodOf(today(ctx), settings.periodKind);
}

export async function board(ctx: RequestCtx, q: { unitId: number; period?: string; limit: number; offset: number }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', q.unitId);
  const period = await boardPeriod(ctx, q.unitId, q.period);
  const before = previousPeriod(period);
  const [rows, count] = await Promise.all([topStandings(db, q.unitId, period, q.limit, q.offset, before), standingsCount(db, q.unitId, period)]);
  // The final stars (五星党员) of the board period's year, for the page only; null: none awarded.
  const stars = await starsOfPeriod(db, rows.map((r) => r.memberId), period.slice(0, 4));
  return {
    period,
    previousPeriod: before,
    ...count,
    // Set on the rows, not spread into copies (a spread copy with two more properties costs four
    // times the row; the copies piled up as garbage in a busy server's old space).
    items: rows.map((r) => Object.assign(r, { change: r.previousScore === null ? null : r.score - r.previousScore, stars: stars.get(r.memberId) ?? null })),
  };
}

/** The public page: names and ranks only, for a unit that keeps its board on. */
export async function publicBoard(ctx: RequestCtx, q: { unit: string; period?: string }) {
  const db = ctx.deps.database.db;
  const unit = await db.selectFrom('unit').select(['id', 'name']).where('code', '=', q.unit).where('archived_at', 'is', null).executeTakeFirst();
  if (!unit) throw notFound();
  const period = await boardPeriod(ctx, unit.id, q.period);
  const rows = await topStandings(db, unit.id, period, 50);
  return { unit: { name: unit.name }, period, items: rows.map((r) => ({ rank: r.rank, name: r.name, unitName: r.unitName })) };
}

/** For the charts: how scores spread in the period, and how the subtree did over recent periods. */
export async function boardStats(ctx: RequestCtx, q: { unitId: number; period?: string }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', q.unitId);
  const period = await boardPeriod(ctx, q.unitId, q.period);
  const subtree = db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId);
  const scores = await db
    .selectFrom('points_tally')
    .select(['score', (eb) => eb.fn.countAll().as('n')])
    .where('period', '=', period)
    .where('unit_id', 'in', subtree)
    .groupBy('score')
    .execute();
  // Ten-point bins, as the secretaries' paper charts have them.
  const bins = new Map<number, number>();
  for (const s of scores) bins.set(Math.floor(s.score / 10) * 10, (bins.get(Math.floor(s.score / 10) * 10) ?? 0) + toCount(s.n));
  const periods: string[] = [period];
  while (periods.length < 6) periods.unshift(previousPeriod(periods[0]));
  const trend = await db
    .selectFrom('points_tally')
    .select(['period', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.avg<number>('score').as('avg'), (eb) => eb.fn.max<number>('score').as('max')])
    .where('period', 'in', periods)
    .where('unit_id', 'in', subtree)
    .groupBy('period')
    .execute();
  return {
    period,
    distribution: [...bins].sort((a, b) => a[0] - b[0]).map(([from, count]) => ({ from, to: from + 9, count })),
    trend: periods.map((p) => {
      const t = trend.find((r) => r.period === p);
      return { period: p, members: toCount(t?.n), average: t ? Math.round(Number(t.avg) * 10) / 10 : 0, best: t ? Number(t.max) : 0 };
    }),
  };
}

// ——— the rotating plaque ———

export async function plaque(ctx: RequestCtx, q: { unitId: number; period?: string }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.read', q.unitId);
  const settings = await settingsFor(db, q.unitId);
  const period = q.period ?? periodOf(today(ctx), settings.periodKind);
  const [top] = await topStandings(db, q.unitId, period, 1);
  const history = await db
    .selectFrom('plaque_award as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .leftJoin('app_user as d', 'd.id', 'a.decided_by')
    .select(['a.id', 'a.period', 'a.member_id', 'm.name', 'a.score', 'a.basis', 'a.reason', 'a.decided_at', 'd.display_name as decided_by'])
    .where('a.unit_id', '=', q.unitId)
    .orderBy('a.id', 'desc')
    .limit(100)
    .execute();
  const present = (h: (typeof history)[number]) => ({ id: h.id, period: h.period, memberId: h.member_id, name: h.name, score: h.score, basis: h.basis, reason: h.reason, decidedAt: h.decided_at, decidedBy: h.decided_by });
  const decided = history.find((h) => h.period === period);
  return {
    period,
    candidate: top ? { memberId: top.memberId, name: top.name, unitName: top.unitName, score: top.score } : null,
    holder: decided ? present(decided) : null,
    history: history.map(present),
  };
}

/**
 * The secretary hangs the plaque: on the top member (confirming the standings) or, with a reason,
 * on someone else of the unit (an override). Every decision is kept; the latest holds.
 */
export async function awardPlaque(ctx: RequestCtx, input: { unitId: number; period: string; memberId?: number; reason?: string }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'points.approve', input.unitId);
  const [top] = await topStandings(db, input.unitId, input.period, 1);
  const memberId = input.memberId ?? top?.memberId;
  if (memberId === undefined) throw unprocessable('points.plaque_no_candidate');
  const override = memberId !== top?.memberId;
  if (override && !input.reason?.trim()) throw invalid([{ field: 'reason', code: 'points.reason_required' }]);
  const member = await db.selectFrom('member').select(['id', 'name', 'unit_id']).where('id', '=', memberId).executeTakeFirst();
  if (!member || !(await canAccessUnit(db, ctx.auth!, 'points.approve', member.unit_id))) throw notFound();
  const inUnit = await db.selectFrom('unit_closure').select('depth').where('ancestor_id', '=', input.unitId).where('descendant_id', '=', member.unit_id).executeTakeFirst();
  if (!inUnit) throw invalid([{ field: 'memberId', code: 'points.not_in_subtree' }]);
  const tally = await db.selectFrom('points_tally').select('score').where('member_id', '=', memberId).where('period', '=', input.period).executeTakeFirst();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('plaque_award')
      .values({ unit_id: input.unitId, period: input.period, member_id: memberId, score: tally?.score ?? 0, basis: override ? 'override' : 'confirmed', reason: input.reason?.trim() || null, decided_by: ctx.auth!.userId, decided_at: nowIso(ctx.deps) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { entityType: 'plaque_award', entityId: row.id, unitId: input.unitId, action: override ? 'points.plaque.override' : 'points.plaque.confirm', after: { period: input.period, member: member.name, top: top?.name ?? null, reason: input.reason ?? null } });
  });
  return plaque(ctx, { unitId: input.unitId, period: input.period });
}
