// Recovery after a disaster (灾后恢复): each village reports what is cut (roads, power, water,
// communications) and when it came back; the county sees how long each kind stays out against
// its target (24 h roads, 36 h power, 48 h water by default) and the restoration curve.
import { OUTAGE_KIND_VALUES, outageState, restorationCurve, type OutageKind, type RecoveryTargets } from '@xianfeng/domain';
import { requirePermission, requireUnitAccess, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { unitById } from '../households/repo.ts';
import * as warnings from '../warnings/repo.ts';
import { recoveryTargets } from '../warnings/settings.ts';
import * as repo from './repo.ts';
import type { ListQuery, OutageBody, SummaryQuery } from './schemas.ts';

/** The summary reads at most this many outages; more than a county ever reports after one disaster. */
const MAX_SUMMARY_OUTAGES = 20_000;

function present(o: repo.OutageRow, now: string, targets: RecoveryTargets) {
  const state = outageState({ kind: o.kind as OutageKind, startedAt: o.started_at, restoredAt: o.restored_at }, now, targets);
  return {
    id: o.id, unitId: o.unit_id, unitName: o.unit_name, warningId: o.warning_id, kind: o.kind, startedAt: o.started_at, restoredAt: o.restored_at, note: o.note,
    reportedBy: o.reported_by_name, createdAt: o.created_at, updatedAt: o.updated_at, ...state,
  };
}

async function view(db: Db, id: number, now: string) {
  return present((await repo.getOutage(db, id))!, now, await recoveryTargets(db));
}

/** A warning an outage belongs to must have reached the outage's unit. */
async function checkWarning(db: Db, warningId: number, unitId: number) {
  if (!(await warnings.getWarning(db, warningId))) throw notFound();
  const reached = await db.selectFrom('warning_unit').select('unit_id').where('warning_id', '=', warningId).where('unit_id', '=', unitId).executeTakeFirst();
  if (!reached) throw unprocessable('warning.not_covered');
}

const notInFuture = (field: string, iso: string, now: string) => {
  if (iso > now) throw invalid([{ field, code: 'recovery.in_future' }]);
};

export async function reportOutage(ctx: RequestCtx, body: OutageBody) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', body.unitId);
  const unit = (await unitById(db, body.unitId))!;
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  const now = nowIso(ctx.deps);
  notInFuture('startedAt', body.startedAt, now);
  const warningId = body.warningId ?? null;
  if (warningId !== null) await checkWarning(db, warningId, unit.id);
  const id = await db.transaction().execute(async (tx) => {
    const outageId = await repo.insertOutage(tx, { unitId: unit.id, warningId, kind: body.kind, startedAt: body.startedAt, note: body.note, userId: auth.userId || null, now });
    if (warningId !== null) {
      await warnings.appendEvent(tx, { warningId, unitId: unit.id, kind: 'outage_reported', actorId: auth.userId || null, detail: { outageId, kind: body.kind, startedAt: body.startedAt }, now });
    }
    await recordAudit(tx, ctx, { entityType: 'outage', entityId: outageId, unitId: unit.id, action: 'recovery.report', after: { kind: body.kind, startedAt: body.startedAt, note: body.note, warningId } });
    return outageId;
  });
  if (warningId !== null) await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'outage_reported', unitId: unit.id, at: now });
  return view(db, id, now);
}

/** An outage the caller reports for (warning.ack on its unit), or "not found". */
async function loadWritable(db: Db, ctx: RequestCtx, id: number) {
  const o = await repo.getOutage(db, id);
  if (!o) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', o.unit_id);
  return { o, auth };
}

export async function restoreOutage(ctx: RequestCtx, id: number, restoredAt: string) {
  const db = ctx.deps.database.db;
  const { o, auth } = await loadWritable(db, ctx, id);
  const now = nowIso(ctx.deps);
  if (o.restored_at) throw conflict('recovery.already_restored');
  if (restoredAt < o.started_at) throw invalid([{ field: 'restoredAt', code: 'recovery.restored_before_start' }]);
  notInFuture('restoredAt', restoredAt, now);
  const hours = Math.round(((Date.parse(restoredAt) - Date.parse(o.started_at)) / 3_600_000) * 10) / 10;
  await db.transaction().execute(async (tx) => {
    // Two people restoring at once: the second is told it is done.
    if ((await repo.restore(tx, id, restoredAt, now)) !== 1) throw conflict('recovery.already_restored');
    if (o.warning_id !== null) {
      await warnings.appendEvent(tx, { warningId: o.warning_id, unitId: o.unit_id, kind: 'outage_restored', actorId: auth.userId || null, detail: { outageId: id, kind: o.kind, hours }, now });
    }
    await recordAudit(tx, ctx, { entityType: 'outage', entityId: id, unitId: o.unit_id, action: 'recovery.restore', before: { restoredAt: null }, after: { restoredAt } });
  });
  if (o.warning_id !== null) await ctx.deps.events.publish({ topic: 'warning', warningId: o.warning_id, kind: 'outage_restored', unitId: o.unit_id, at: now });
  return view(db, id, now);
}

export async function updateNote(ctx: RequestCtx, id: number, note: string) {
  const db = ctx.deps.database.db;
  const { o } = await loadWritable(db, ctx, id);
  const now = nowIso(ctx.deps);
  if (note !== o.note) {
    await db.transaction().execute(async (tx) => {
      await repo.setNote(tx, id, note, now);
      await recordAudit(tx, ctx, { entityType: 'outage', entityId: id, unitId: o.unit_id, action: 'recovery.note', before: { note: o.note }, after: { note } });
    });
  }
  return view(db, id, now);
}

/** The outages a caller may see: their units' (warning.read), optionally a subtree, a warning, open or restored. */
async function filterOf(ctx: RequestCtx, q: { unitId?: number; warningId?: number; open?: boolean }): Promise<repo.OutageFilter> {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'warning.read');
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'warning.read', q.unitId);
  return { scope: scopedUnitIds(db, auth, 'warning.read'), unitId: q.unitId, warningId: q.warningId, open: q.open };
}

export async function listOutages(ctx: RequestCtx, q: ListQuery) {
  const db = ctx.deps.database.db;
  const filter = await filterOf(ctx, q);
  const now = nowIso(ctx.deps);
  const [{ rows, total }, targets] = await Promise.all([repo.listOutages(db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }), recoveryTargets(db)]);
  return { total, page: q.page, pageSize: q.pageSize, targets, items: rows.map((o) => present(o, now, targets)) };
}

function median(values: number[]) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

/**
 * Per kind of outage: how many, restored, still out, still out past the target, restored late,
 * the median hours to restore and the target; and the curve of outages still open hour by hour.
 */
export async function summary(ctx: RequestCtx, q: SummaryQuery) {
  const db = ctx.deps.database.db;
  const filter = await filterOf(ctx, q);
  const now = nowIso(ctx.deps);
  const [rows, targets] = await Promise.all([repo.allOutages(db, filter, MAX_SUMMARY_OUTAGES), recoveryTargets(db)]);
  const outages = rows.map((r) => ({ kind: r.kind as OutageKind, startedAt: r.started_at, restoredAt: r.restored_at }));
  const states = outages.map((o) => ({ kind: o.kind, ...outageState(o, now, targets) }));
  const kinds = OUTAGE_KIND_VALUES.map((kind) => {
    const of = states.filter((s) => s.kind === kind);
    const restored = of.filter((s) => s.restored);
    return {
      kind,
      total: of.length,
      restored: restored.length,
      open: of.length - restored.length,
      overdue: of.filter((s) => !s.restored && s.overdue).length,
      restoredLate: restored.filter((s) => s.overdue).length,
      medianHours: median(restored.map((s) => s.hoursOut)),
      targetHours: targets[kind],
    };
  });
  // Without a warning the curve is of the current event: outages still open, or begun within the
  // last 30 days — last season's typhoon would otherwise stretch the chart over months.
  const recentFrom = new Date(Date.parse(now) - 30 * 86_400_000).toISOString();
  const charted = q.warningId ? outages : outages.filter((o) => o.restoredAt === null || o.startedAt >= recentFrom);
  return { at: now, unitId: q.unitId ?? null, warningId: q.warningId ?? null, kinds, curve: restorationCurve(charted, now) };
}
