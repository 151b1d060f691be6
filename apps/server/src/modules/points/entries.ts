// A member's figures and ledger, entries booked by a secretary (manual, violations), and
// corrections by reversing entries.
import { awardPoints, checkAward, claimDateIssue, cycleWindow, periodOf, type RuleAccount } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requirePermission, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { invalid, notFound, unprocessable } from '../../core/errors.ts';
import { toCount } from '../../db/dialect.ts';
import { memberInScope, readableMember, selfMember, today, type MemberRef } from './common.ts';
import { book, bucketFor, figures, reverse, settingsFor } from './ledger.ts';
import { asDomainRule, ruleInForce } from './rules.ts';
import { attachEvidence } from './claims.ts';
import * as repo from './repo.ts';

export function presentEntry(e: repo.EntryRow & { rule_name?: string | null; reversed_by?: number | null; member_name?: string }) {
  return {
    id: e.id,
    memberId: e.member_id,
    ...(e.member_name !== undefined ? { memberName: e.member_name } : {}),
    period: e.period,
    occurredOn: e.occurred_on,
    account: e.account,
    points: e.points,
    veto: e.veto !== 0,
    rule: e.rule_code ? { id: e.rule_id, code: e.rule_code, name: e.rule_name ?? null } : null,
    reason: e.reason,
    source: e.source,
    reversesId: e.reverses_id,
    reversedBy: e.reversed_by ?? null,
    createdAt: e.created_at,
  };
}

/** Figures of this period, every earlier period, the spendable balance and the latest entries. */
async function overview(ctx: RequestCtx, member: MemberRef) {
  const db = ctx.deps.database.db;
  const settings = await settingsFor(db, member.unit_id);
  const period = periodOf(today(ctx), settings.periodKind);
  const [current, periods, entries] = await Promise.all([
    figures(db, member.id, period, bucketFor(settings, period)),
    repo.tallies(db, member.id),
    repo.memberEntries(db, member.id, { limit: 20, offset: 0 }),
  ]);
  return {
    member: { id: member.id, name: member.name, unitId: member.unit_id },
    settings: { periodKind: settings.periodKind, boardEnabled: settings.boardEnabled, balanceExpires: settings.balanceExpires },
    current,
    periods: periods.map((t) => ({ period: t.period, score: t.score, base: t.base, bonus: t.bonus, deduction: t.deduction, redeemed: t.redeemed, vetoed: t.vetoes > 0 })),
    recent: entries.map(presentEntry),
  };
}

export async function myOverview(ctx: RequestCtx) {
  return overview(ctx, await selfMember(ctx));
}

export async function memberOverview(ctx: RequestCtx, memberId: number) {
  return overview(ctx, await readableMember(ctx, memberId));
}

export async function memberLedger(ctx: RequestCtx, memberId: number, q: { period?: string; page: number; pageSize: number }) {
  const member = await readableMember(ctx, memberId);
  const db = ctx.deps.database.db;
  const [rows, total] = await Promise.all([
    repo.memberEntries(db, member.id, { period: q.period, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countMemberEntries(db, member.id, q.period),
  ]);
  return { items: rows.map(presentEntry), total, page: q.page, pageSize: q.pageSize };
}

/** The ledger of a subtree, newest first (for the secretary and for export). */
export async function unitLedger(ctx: RequestCtx, q: { unitId: number; period?: string; page: number; pageSize: number }) {
  const auth = requirePermission(ctx.auth, 'points.read');
  const db = ctx.deps.database.db;
  if (!(await canAccessUnit(db, auth, 'points.read', q.unitId))) throw notFound();
  const base = db
    .selectFrom('points_entry as e')
    .where('e.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId))
    .$if(!!q.period, (qb) => qb.where('e.period', '=', q.period!));
  const [rows, total] = await Promise.all([
    base
      .innerJoin('member as m', 'm.id', 'e.member_id')
      .leftJoin('points_rule as r', 'r.id', 'e.rule_id')
      .leftJoin('points_entry as rev', 'rev.reverses_id', 'e.id')
      .selectAll('e')
      .select(['m.name as member_name', 'r.name as rule_name', 'rev.id as reversed_by'])
      .orderBy('e.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(presentEntry), total: toCount(total?.n), page: q.page, pageSize: q.pageSize };
}

/**
 * A rule's award checked and booked for a member inside a transaction: fixed or ranged points,
 * cap per period and awards per cycle, under the member's tally lock.
 */
export async function bookUnderRule(
  trx: Parameters<typeof book>[0],
  ctx: RequestCtx,
  member: MemberRef,
  r: { ruleId: number; occurredOn: string; points?: number | null; reason: string; source: 'manual' | 'violation' | 'import'; account?: RuleAccount },
) {
  const { dialect } = ctx.deps.database;
  const rule = await ruleInForce(trx, member.unit_id, r.ruleId);
  if (!rule) throw unprocessable('points.rule_inactive', {}, [{ field: 'ruleId', code: 'points.rule_inactive' }]);
  if (r.account && rule.account !== r.account) throw unprocessable('points.rule_wrong_account', { account: r.account }, [{ field: 'ruleId', code: 'points.rule_wrong_account' }]);
  const dateIssue = claimDateIssue(r.occurredOn, today(ctx));
  if (dateIssue) throw invalid([{ field: 'occurredOn', code: dateIssue }]);
  const amount = awardPoints(asDomainRule(rule), r.points);
  if (!amount.ok) throw invalid([{ field: 'points', code: amount.code, params: amount.params }]);
  const settings = await settingsFor(trx, member.unit_id);
  const period = periodOf(r.occurredOn, settings.periodKind);
  const now = nowIso(ctx.deps);
  const locked = await repo.lockTally(trx, dialect, member.id, period, member.unit_id, now);
  const usage = await repo.ruleUsage(trx, member.id, rule.code, period, rule.cycle_days ? cycleWindow(r.occurredOn, rule.cycle_days) : null);
  const allowed = checkAward(asDomainRule(rule), { points: amount.points, ...usage });
  if (!allowed.ok) throw unprocessable(allowed.code, allowed.params, [{ field: 'points', code: allowed.code, params: allowed.params }]);
  return book(trx, dialect, {
    memberId: member.id, unitId: member.unit_id, occurredOn: r.occurredOn, account: rule.account as RuleAccount, points: amount.points, veto: rule.veto === 1,
    rule: { id: rule.id, code: rule.code }, reason: r.reason, source: r.source, approvedBy: ctx.auth!.userId, createdBy: ctx.auth!.userId, now,
  }, settings, locked);
}

/** A secretary books points directly (attendance of a meeting, a deduction under a rule). */
export async function bookManual(ctx: RequestCtx, input: { memberId: number; ruleId: number; occurredOn: string; points?: number | null; reason: string }) {
  const member = await memberInScope(ctx, input.memberId, 'points.approve');
  const entry = await ctx.deps.database.db.transaction().execute(async (trx) => {
    const booked = await bookUnderRule(trx, ctx, member, { ...input, source: 'manual' });
    await recordAudit(trx, ctx, { entityType: 'points_entry', entityId: booked.id, unitId: member.unit_id, action: 'points.entry.book', after: { member: member.name, ruleId: input.ruleId, points: booked.signed, period: booked.period, reason: input.reason } });
    return booked;
  });
  return presentEntry({ ...(await repo.entryById(ctx.deps.database.db, entry.id))!, member_name: member.name });
}

/** Corrects an entry by booking its mirror image. Redemptions are undone by cancelling the order. */
export async function correct(ctx: RequestCtx, entryId: number, reason: string) {
  const auth = requirePermission(ctx.auth, 'points.approve');
  const db = ctx.deps.database.db;
  const original = await repo.entryById(db, entryId);
  if (!original) throw notFound();
  const member = await memberInScope(ctx, original.member_id, 'points.approve');
  if (original.account === 'redemption' || original.reverses_id !== null) throw unprocessable('points.cannot_reverse');
  const reversal = await db.transaction().execute(async (trx) => {
    const booked = await reverse(trx, ctx.deps.database.dialect, entryId, { reason, memberUnitId: member.unit_id, by: auth.userId, now: nowIso(ctx.deps) });
    await recordAudit(trx, ctx, { entityType: 'points_entry', entityId: entryId, unitId: member.unit_id, action: 'points.entry.reverse', after: { reversalId: booked.id, reason } });
    return booked;
  });
  return presentEntry({ ...(await repo.entryById(db, reversal.id))!, member_name: member.name });
}

/** Records a violation of a "don't" of the list in force: the linked deduction is booked with it. */
export async function recordViolation(ctx: RequestCtx, input: { memberId: number; conductItemId: number; occurredOn: string; remark: string; points?: number | null; evidenceIds?: number[] }) {
  const member = await memberInScope(ctx, input.memberId, 'points.approve');
  const db = ctx.deps.database.db;
  const item = await db.selectFrom('conduct_item').selectAll().where('id', '=', input.conductItemId).executeTakeFirst();
  const inForce = item ? await listInForceId(ctx, member.unit_id) : null;
  if (!item || item.list_id !== inForce || item.kind !== 'dont') throw invalid([{ field: 'conductItemId', code: 'points.violation_needs_dont' }]);
  if (!item.rule_code) throw unprocessable('points.violation_no_rule');
  const rule = (await ruleByCodeInForce(ctx, member.unit_id, item.rule_code));
  if (!rule) throw unprocessable('points.violation_no_rule');
  const result = await db.transaction().execute(async (trx) => {
    const booked = await bookUnderRule(trx, ctx, member, { ruleId: rule.id, occurredOn: input.occurredOn, points: input.points, reason: `${item.text}：${input.remark}`, source: 'violation', account: 'deduction' });
    const v = await trx
      .insertInto('points_violation')
      .values({ member_id: member.id, conduct_item_id: item.id, occurred_on: input.occurredOn, remark: input.remark, entry_id: booked.id, recorded_by: ctx.auth!.userId, created_at: nowIso(ctx.deps) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachEvidence(trx, ctx.auth!.userId, input.evidenceIds ?? [], { type: 'violation', id: v.id });
    await recordAudit(trx, ctx, { entityType: 'points_violation', entityId: v.id, unitId: member.unit_id, action: 'points.violation.record', after: { member: member.name, item: item.text, entryId: booked.id, points: booked.signed } });
    return { violationId: v.id, entryId: booked.id };
  });
  return { id: result.violationId, entry: presentEntry({ ...(await repo.entryById(db, result.entryId))!, member_name: member.name }) };
}

/** The published conduct list in force for a unit: its own latest, else its nearest ancestor's. */
export async function listInForceId(ctx: RequestCtx, unitId: number) {
  const row = await ctx.deps.database.db
    .selectFrom('conduct_list as l')
    .innerJoin('unit_closure as c', 'c.ancestor_id', 'l.unit_id')
    .select('l.id')
    .where('c.descendant_id', '=', unitId)
    .orderBy('c.depth')
    .orderBy('l.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function ruleByCodeInForce(ctx: RequestCtx, unitId: number, code: string) {
  const rows = await repo.rulesAbove(ctx.deps.database.db, unitId);
  const rule = rows.find((r) => r.code === code);
  return rule && rule.active === 1 ? rule : undefined;
}

/** Members of a unit's subtree with their figures for a period (for the secretary's overview). */
export async function unitFigures(ctx: RequestCtx, q: { unitId: number; period: string }) {
  const auth = requirePermission(ctx.auth, 'points.read');
  const db = ctx.deps.database.db;
  if (!(await canAccessUnit(db, auth, 'points.read', q.unitId))) throw notFound();
  const rows = await db
    .selectFrom('member as m')
    .leftJoin('points_tally as t', (j) => j.onRef('t.member_id', '=', 'm.id').on('t.period', '=', q.period))
    .innerJoin('unit as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.name', 'u.name as unit_name', 't.base', 't.bonus', 't.deduction', 't.redeemed', 't.vetoes', 't.score'])
    .where('m.unit_id', 'in', db.selectFrom('unit_closure').select('descendant_id').where('ancestor_id', '=', q.unitId))
    .where('m.unit_id', 'in', scopedUnitIds(db, auth, 'points.read'))
    .orderBy('m.name_pinyin')
    .limit(5000)
    .execute();
  return {
    period: q.period,
    items: rows.map((r) => ({ memberId: r.id, name: r.name, unitName: r.unit_name, base: r.base ?? 0, bonus: r.bonus ?? 0, deduction: r.deduction ?? 0, redeemed: r.redeemed ?? 0, vetoed: (r.vetoes ?? 0) > 0, score: r.score ?? 0 })),
  };
}
