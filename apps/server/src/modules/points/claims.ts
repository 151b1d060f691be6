// Claims (认领/申报) and their review (审核): a member, or a secretary for them, claims points under a
// rule with a remark and evidence; the branch secretary approves or rejects, singly or in a batch.
// Caps and cycles are checked at approval, under the member's tally lock.
import crypto from 'node:crypto';
import {
  awardPoints, checkAward, claimDateIssue, cycleWindow, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, message, periodOf, sniffEvidenceType, type MessageCode,
} from '@xianfeng/domain';
import type { Db, RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requireAuth, requirePermission, scopedUnitIds } from '../../core/access.ts';
import { recordAudit, recordAuditBatch } from '../../core/audit.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation, toCount } from '../../db/dialect.ts';
import { actingFor, today } from './common.ts';
import { bookMany, settingsFor, type PointsSettings } from './ledger.ts';
import { asDomainRule, ruleInForce } from './rules.ts';
import * as repo from './repo.ts';

// ——— evidence ———

/** Stores an uploaded file as the caller's, unattached until a claim takes it. */
export async function uploadEvidence(ctx: RequestCtx, file: { buffer: Buffer; filename: string }) {
  const auth = requireAuth(ctx.auth);
  if (file.buffer.length > MAX_EVIDENCE_BYTES) throw new AppError(413, 'points.evidence_too_large', undefined, { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
  const mime = sniffEvidenceType(file.buffer);
  if (!mime) throw new AppError(415, 'points.evidence_type');
  const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
  const row = await ctx.deps.database.db
    .insertInto('points_evidence')
    .values({ owner_type: 'upload', owner_id: auth.userId, sha256, mime, size: file.buffer.length, filename: file.filename.slice(0, 200), data: file.buffer, created_at: nowIso(ctx.deps) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, sha256, mime, size: file.buffer.length, filename: file.filename };
}

/** Attaches the caller's uploads to an owner; the same file may stand behind one live claim only. */
export async function attachEvidence(db: Db, userId: number, ids: number[], owner: { type: 'claim' | 'task_claim' | 'violation'; id: number }) {
  if (ids.length === 0) return;
  if (ids.length > MAX_EVIDENCE_FILES) throw invalid([{ field: 'evidenceIds', code: 'points.evidence_too_many', params: { max: MAX_EVIDENCE_FILES } }]);
  const uploads = await db.selectFrom('points_evidence').select(['id', 'sha256']).where('id', 'in', ids).where('owner_type', '=', 'upload').where('owner_id', '=', userId).execute();
  if (uploads.length !== new Set(ids).size) throw invalid([{ field: 'evidenceIds', code: 'error.not_found' }]);
  const reused = await db
    .selectFrom('points_evidence as e')
    .innerJoin('points_claim as c', (j) => j.onRef('c.id', '=', 'e.owner_id').on('e.owner_type', '=', 'claim'))
    .select('e.id')
    .where('e.sha256', 'in', uploads.map((u) => u.sha256))
    .where('c.status', 'in', ['pending', 'approved'])
    .executeTakeFirst();
  if (reused) throw conflict('points.evidence_reused', {}, [{ field: 'evidenceIds', code: 'points.evidence_reused' }]);
  await db.updateTable('points_evidence').set({ owner_type: owner.type, owner_id: owner.id }).where('id', 'in', ids).execute();
}

/** An evidence file, to whoever may see what it is attached to. */
export async function evidenceFile(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const file = await db.selectFrom('points_evidence').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw notFound();
  if (file.owner_type === 'upload') {
    if (file.owner_id !== auth.userId) throw notFound();
    return file;
  }
  const owner = await evidenceOwner(db, file.owner_type, file.owner_id);
  if (!owner) throw notFound();
  if (owner.memberId === auth.memberId || (await canAccessUnit(db, auth, 'points.read', owner.unitId))) return file;
  throw notFound();
}

async function evidenceOwner(db: Db, type: string, id: number) {
  if (type === 'claim') return db.selectFrom('points_claim').select(['member_id as memberId', 'unit_id as unitId']).where('id', '=', id).executeTakeFirst();
  if (type === 'task_claim') {
    return db.selectFrom('task_claim as c').innerJoin('member as m', 'm.id', 'c.member_id').select(['c.member_id as memberId', 'm.unit_id as unitId']).where('c.id', '=', id).executeTakeFirst();
  }
  if (type === 'self_evaluation') {
    // Evidence of a five-star self-evaluation (campaigns/self-evaluation.ts): the candidate and their home unit.
    const row = await db.selectFrom('self_evaluation as s').innerJoin('candidate as k', 'k.id', 's.candidate_id').select(['k.member_id as memberId', 'k.home_unit_id as unitId']).where('s.id', '=', id).executeTakeFirst();
    return row && row.memberId !== null ? { memberId: row.memberId, unitId: row.unitId } : undefined;
  }
  return db.selectFrom('points_violation as v').innerJoin('member as m', 'm.id', 'v.member_id').select(['v.member_id as memberId', 'm.unit_id as unitId']).where('v.id', '=', id).executeTakeFirst();
}

// ——— claims ———

export interface ClaimInput {
  memberId?: number;
  ruleId: number;
  occurredOn: string;
  points?: number | null;
  remark: string;
  evidenceIds?: number[];
}

export async function submit(ctx: RequestCtx, input: ClaimInput, idempotencyKey?: string) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const member = await actingFor(ctx, input.memberId, 'points.approve');
  if (idempotencyKey) {
    const earlier = await db.selectFrom('points_claim').select('id').where('submitted_by', '=', auth.userId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    if (earlier) return { claim: await getClaim(ctx, earlier.id), replayed: true };
  }
  const rule = await ruleInForce(db, member.unit_id, input.ruleId);
  if (!rule || rule.account === 'deduction') throw unprocessable('points.rule_inactive', {}, [{ field: 'ruleId', code: 'points.rule_inactive' }]);
  const dateIssue = claimDateIssue(input.occurredOn, today(ctx));
  if (dateIssue) throw invalid([{ field: 'occurredOn', code: dateIssue }]);
  const amount = awardPoints(asDomainRule(rule), input.points);
  if (!amount.ok) throw invalid([{ field: 'points', code: amount.code, params: amount.params }]);
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  if (rule.needs_evidence === 1 && evidenceIds.length === 0) throw invalid([{ field: 'evidenceIds', code: 'points.evidence_required' }]);
  const now = nowIso(ctx.deps);
  let id: number;
  try {
    id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('points_claim')
        .values({
          member_id: member.id, unit_id: member.unit_id, rule_id: rule.id, occurred_on: input.occurredOn, points: amount.points, remark: input.remark,
          status: 'pending', submitted_by: auth.userId, submitted_at: now, decided_by: null, decided_at: null, decision_reason: null, entry_id: null,
          idempotency_key: idempotencyKey ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await attachEvidence(trx, auth.userId, evidenceIds, { type: 'claim', id: row.id });
      await recordAudit(trx, ctx, { entityType: 'points_claim', entityId: row.id, unitId: member.unit_id, action: 'points.claim.submit', after: { member: member.name, rule: rule.code, occurredOn: input.occurredOn, points: amount.points, evidence: evidenceIds.length } });
      // A rule that needs no approval is booked at once, with the same checks.
      if (rule.needs_approval === 0) {
        const result = (await approveClaims(trx, ctx, [row.id], null)).get(row.id)!;
        if (!result.ok) throw unprocessable(result.code, result.params);
      }
      return row.id;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // A retry that raced its first attempt, or a second claim for the same member, rule and day.
    if (idempotencyKey) {
      const earlier = await db.selectFrom('points_claim').select('id').where('submitted_by', '=', auth.userId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (earlier) return { claim: await getClaim(ctx, earlier.id), replayed: true };
    }
    throw conflict('points.claim_duplicate', {}, [{ field: 'occurredOn', code: 'points.claim_duplicate' }]);
  }
  return { claim: await getClaim(ctx, id), replayed: false };
}

type Outcome = { ok: true; entryId: number } | { ok: false; code: MessageCode; params: Record<string, number> };

/**
 * Approves pending claims inside the caller's transaction, as a batch: the members' tallies for
 * the periods concerned are locked first (in a fixed order), then each claim's cap and cycle is
 * checked against the ledger plus the claims approved before it in this batch, and the approved
 * ones are booked together. A claim that fails its checks is reported and leaves nothing behind.
 */
async function approveClaims(trx: Db, ctx: RequestCtx, ids: number[], points: number | null): Promise<Map<number, Outcome>> {
  const { dialect } = ctx.deps.database;
  const outcomes = new Map<number, Outcome>();
  const claims = await trx
    .selectFrom('points_claim as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .selectAll('c')
    .select('m.unit_id as member_unit_id')
    .where('c.id', 'in', ids)
    .execute();
  const byId = new Map(claims.map((c) => [c.id, c]));
  const rules = new Map((await trx.selectFrom('points_rule').selectAll().where('id', 'in', [...new Set(claims.map((c) => c.rule_id)), -1]).execute()).map((r) => [r.id, r]));
  const settings = new Map<number, PointsSettings>();
  for (const unitId of new Set(claims.map((c) => c.member_unit_id))) settings.set(unitId, await settingsFor(trx, unitId));
  const periodOfClaim = (c: (typeof claims)[number]) => periodOf(c.occurred_on, settings.get(c.member_unit_id)!.periodKind);
  const now = nowIso(ctx.deps);
  const pending = claims.filter((c) => c.status === 'pending');
  const locked = await repo.lockTallies(trx, dialect, pending.map((c) => ({ memberId: c.member_id, period: periodOfClaim(c), unitId: c.member_unit_id })), now);
  // What each member already has under each rule, kept up to date as the batch approves.
  const history = await repo.ruleHistory(trx, [...new Set(pending.map((c) => c.member_id))], [...new Set(pending.map((c) => rules.get(c.rule_id)?.code).filter((c): c is string => !!c))]);
  const ledgerOf = new Map<string, Array<{ period: string; occurredOn: string; points: number; sign: number }>>();
  for (const h of history) {
    const key = `${h.member_id}|${h.rule_code}`;
    ledgerOf.set(key, [...(ledgerOf.get(key) ?? []), { period: h.period, occurredOn: h.occurred_on, points: h.points, sign: h.reverses_id === null ? 1 : -1 }]);
  }
  const approved: Array<{ claim: (typeof claims)[number]; rule: repo.RuleRow; points: number; period: string }> = [];
  for (const id of ids) {
    const claim = byId.get(id);
    if (!claim) {
      outcomes.set(id, { ok: false, code: 'error.not_found', params: {} });
      continue;
    }
    if (claim.status !== 'pending' || approved.some((a) => a.claim.id === id)) {
      outcomes.set(id, { ok: false, code: 'points.claim_not_pending', params: {} });
      continue;
    }
    const rule = rules.get(claim.rule_id);
    if (!rule || rule.active !== 1) {
      outcomes.set(id, { ok: false, code: 'points.rule_inactive', params: {} });
      continue;
    }
    const amount = awardPoints(asDomainRule(rule), points ?? claim.points);
    if (!amount.ok) {
      outcomes.set(id, amount);
      continue;
    }
    const period = periodOfClaim(claim);
    const past = ledgerOf.get(`${claim.member_id}|${rule.code}`) ?? [];
    const window = rule.cycle_days ? cycleWindow(claim.occurred_on, rule.cycle_days) : null;
    const usage = {
      inPeriod: Math.abs(past.filter((e) => e.period === period).reduce((n, e) => n + e.points, 0)),
      inCycle: window ? past.filter((e) => e.occurredOn >= window.from && e.occurredOn <= window.to).reduce((n, e) => n + e.sign, 0) : 0,
    };
    const allowed = checkAward(asDomainRule(rule), { points: amount.points, ...usage });
    if (!allowed.ok) {
      outcomes.set(id, allowed);
      continue;
    }
    ledgerOf.set(`${claim.member_id}|${rule.code}`, [...past, { period, occurredOn: claim.occurred_on, points: amount.points, sign: 1 }]);
    approved.push({ claim, rule, points: amount.points, period });
  }
  const entryIds = await bookMany(trx, approved.map(({ claim, rule, points: p }) => ({
    memberId: claim.member_id, unitId: claim.member_unit_id, occurredOn: claim.occurred_on, account: rule.account as 'base' | 'bonus', points: p,
    rule: { id: rule.id, code: rule.code }, reason: claim.remark || rule.name, source: 'claim', approvedBy: ctx.auth?.userId ?? null, createdBy: claim.submitted_by, now,
    settings: settings.get(claim.member_unit_id)!,
  })), locked);
  for (const [i, a] of approved.entries()) {
    await trx.updateTable('points_claim').set({ status: 'approved', decided_by: ctx.auth?.userId ?? null, decided_at: now, entry_id: entryIds[i], points: a.points }).where('id', '=', a.claim.id).execute();
    outcomes.set(a.claim.id, { ok: true, entryId: entryIds[i] });
  }
  await recordAuditBatch(trx, ctx, approved.map((a, i) => ({ entityType: 'points_claim', entityId: a.claim.id, unitId: a.claim.unit_id, action: 'points.claim.approve', after: { entryId: entryIds[i], points: a.points, period: a.period } })));
  return outcomes;
}

/** Claims the caller may review, by id; anything outside their scope is "not found". */
async function reviewable(ctx: RequestCtx, ids: number[]) {
  const auth = requirePermission(ctx.auth, 'points.approve');
  const db = ctx.deps.database.db;
  const rows = ids.length
    ? await db.selectFrom('points_claim').select(['id', 'unit_id']).where('id', 'in', ids).where('unit_id', 'in', scopedUnitIds(db, auth, 'points.approve')).execute()
    : [];
  // Nothing of the caller's: answer as for any record outside scope.
  if (rows.length === 0) throw notFound();
  return new Set(rows.map((r) => r.id));
}

export interface BatchResult {
  done: number[];
  failed: Array<{ id: number; code: string; message: string }>;
}

/**
 * Approves claims, one or a batch, in one transaction. A claim that fails its checks is reported
 * and leaves nothing behind; the others go through.
 */
export async function approve(ctx: RequestCtx, ids: number[], points?: number | null): Promise<BatchResult> {
  const allowed = await reviewable(ctx, ids);
  const result: BatchResult = { done: [], failed: [] };
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    const outcomes = await approveClaims(trx, ctx, ids.filter((id) => allowed.has(id)), ids.length === 1 ? (points ?? null) : null);
    for (const id of ids) {
      const outcome: Outcome = outcomes.get(id) ?? { ok: false, code: 'error.not_found', params: {} };
      if (outcome.ok) result.done.push(id);
      else result.failed.push({ id, code: outcome.code, message: message(outcome.code, ctx.locale, outcome.params) });
    }
  });
  return result;
}

export async function reject(ctx: RequestCtx, ids: number[], reason: string): Promise<BatchResult> {
  const allowed = await reviewable(ctx, ids);
  const now = nowIso(ctx.deps);
  const result: BatchResult = { done: [], failed: [] };
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    for (const id of ids) {
      const claim = allowed.has(id) ? await trx.selectFrom('points_claim').select(['status', 'unit_id']).where('id', '=', id).executeTakeFirst() : undefined;
      if (!claim) {
        result.failed.push({ id, code: 'error.not_found', message: message('error.not_found', ctx.locale) });
        continue;
      }
      if (claim.status !== 'pending') {
        result.failed.push({ id, code: 'points.claim_not_pending', message: message('points.claim_not_pending', ctx.locale) });
        continue;
      }
      await trx.updateTable('points_claim').set({ status: 'rejected', decided_by: ctx.auth!.userId, decided_at: now, decision_reason: reason }).where('id', '=', id).execute();
      await recordAudit(trx, ctx, { entityType: 'points_claim', entityId: id, unitId: claim.unit_id, action: 'points.claim.reject', after: { reason } });
      result.done.push(id);
    }
  });
  return result;
}

/** The member (or whoever submitted it) takes back a claim still waiting for review. */
export async function withdraw(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const claim = await db.selectFrom('points_claim').selectAll().where('id', '=', id).executeTakeFirst();
  if (!claim || (claim.member_id !== auth.memberId && claim.submitted_by !== auth.userId)) throw notFound();
  if (claim.status !== 'pending') throw unprocessable('points.claim_not_pending');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('points_claim').set({ status: 'withdrawn', decided_at: nowIso(ctx.deps), decided_by: auth.userId }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { entityType: 'points_claim', entityId: id, unitId: claim.unit_id, action: 'points.claim.withdraw' });
  });
  return getClaim(ctx, id);
}

function claimQuery(db: Db) {
  return db
    .selectFrom('points_claim as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .innerJoin('points_rule as r', 'r.id', 'c.rule_id')
    .innerJoin('app_user as sb', 'sb.id', 'c.submitted_by')
    .select([
      'sb.display_name as submitted_by_name', 'sb.member_id as submitted_by_member',
      'c.id', 'c.member_id', 'm.name as member_name', 'c.unit_id', 'u.name as unit_name', 'c.rule_id', 'r.code as rule_code', 'r.name as rule_name', 'r.account',
      'r.points_min', 'r.points_max', 'c.occurred_on', 'c.points', 'c.remark', 'c.status', 'c.submitted_by', 'c.submitted_at', 'c.decided_at', 'c.decision_reason', 'c.entry_id',
    ]);
}

type ClaimRow = Awaited<ReturnType<ReturnType<typeof claimQuery>['execute']>>[number];

async function present(db: Db, rows: ClaimRow[]) {
  const ids = rows.map((r) => r.id);
  const files = ids.length
    ? await db.selectFrom('points_evidence').select(['id', 'owner_id', 'filename', 'mime', 'size']).where('owner_type', '=', 'claim').where('owner_id', 'in', ids).execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    member: { id: r.member_id, name: r.member_name },
    unit: { id: r.unit_id, name: r.unit_name },
    rule: { id: r.rule_id, code: r.rule_code, name: r.rule_name, account: r.account, pointsMin: r.points_min, pointsMax: r.points_max },
    occurredOn: r.occurred_on,
    points: r.points,
    remark: r.remark,
    status: r.status,
    submittedBy: r.submitted_by_name,
    /** Entered by a secretary for the member (an elderly member without a phone, say). */
    onBehalf: r.submitted_by_member !== r.member_id,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    entryId: r.entry_id,
    evidence: files.filter((f) => f.owner_id === r.id).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })),
  }));
}

export async function getClaim(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const row = await claimQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (row.member_id !== auth.memberId && row.submitted_by !== auth.userId && !(await canAccessUnit(db, auth, 'points.read', row.unit_id))) throw notFound();
  return (await present(db, [row]))[0];
}

/** The review queue: claims in the caller's scope, waiting first. */
export async function queue(ctx: RequestCtx, q: { unitId?: number; status: string; page: number; pageSize: number }) {
  const auth = requirePermission(ctx.auth, 'points.approve');
  const db = ctx.deps.database.db;
  let units = scopedUnitIds(db, auth, 'points.approve');
  if (q.unitId !== undefined) {
    if (!(await canAccessUnit(db, auth, 'points.approve', q.unitId))) throw notFound();
    units = db.selectFrom('unit_closure').select('unit_closure.descendant_id').where('unit_closure.ancestor_id', '=', q.unitId);
  }
  const base = claimQuery(db).where('c.status', '=', q.status).where('c.unit_id', 'in', units);
  const [rows, total] = await Promise.all([
    base.orderBy('c.id', q.status === 'pending' ? 'asc' : 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    db.selectFrom('points_claim as c').select((eb) => eb.fn.countAll().as('n')).where('c.status', '=', q.status).where('c.unit_id', 'in', units).executeTakeFirst(),
  ]);
  return { items: await present(db, rows), total: toCount(total?.n), page: q.page, pageSize: q.pageSize };
}

/** The caller's own claims, newest first. */
export async function mine(ctx: RequestCtx, memberId: number) {
  const db = ctx.deps.database.db;
  const rows = await claimQuery(db).where('c.member_id', '=', memberId).orderBy('c.id', 'desc').limit(50).execute();
  return { items: await present(db, rows) };
}
