// Evacuation during a warning (转移): a village's figures, the occupancy of its shelters and the
// household-by-household check-off from a phone. Each write is one transaction with its timeline
// event and audit entry, refused once the warning is no longer in force, and told to the open
// dashboards after the commit.
import { checkEvacuation, effectiveStatus } from '@xianfeng/domain';
import { requireUnitAccess } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, notFound, unprocessable } from '../../core/errors.ts';
import { auditView, presentHousehold } from '../households/households.ts';
import { FIELD_UNIT_KINDS, getHousehold, unitById, vulnerableOf } from '../households/repo.ts';
import { statusWord } from '../warnings/issue.ts';
import * as warnings from '../warnings/repo.ts';
import { warningScope } from '../warnings/view.ts';
import * as repo from './repo.ts';
import type { CheckBody, HouseholdsQuery, ReportBody } from './schemas.ts';

/** The warning, which must have reached the unit and still be in force. */
async function activeWarningReaching(tx: Db, ctx: RequestCtx, warningId: number, unitId: number) {
  const warning = await warnings.getWarning(tx, warningId);
  if (!warning) throw notFound();
  if (!(await repo.reaches(tx, warningId, unitId))) throw unprocessable('warning.not_covered');
  const status = effectiveStatus({ status: warning.status, expiresAt: warning.expires_at }, nowIso(ctx.deps));
  if (status !== 'active') throw conflict('warning.not_active', { status: statusWord(status, ctx.locale) });
  return warning;
}

const FIELD_OF = { 'evacuation.negative': 'toMove', 'evacuation.moved_exceeds': 'moved', 'evacuation.total_exceeds': 'refused' } as const;

/** A village's (community's, grid's) figures: people to move, moved, refusing. Reported again, they replace the last. */
export async function reportEvacuation(ctx: RequestCtx, warningId: number, unitId: number, body: ReportBody) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', unitId);
  const unit = (await unitById(db, unitId))!;
  if (!FIELD_UNIT_KINDS.includes(unit.kind)) throw unprocessable('evacuation.not_village');
  const issues = checkEvacuation(body);
  if (issues.length) throw new AppError(400, 'error.validation', issues.map((code) => ({ field: FIELD_OF[code], code, params: { toMove: body.toMove, moved: body.moved } })));
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    await activeWarningReaching(tx, ctx, warningId, unitId);
    const before = await repo.reportOf(tx, warningId, unitId);
    await repo.upsertReport(tx, { warningId, unitId, ...body, userId: auth.userId || null, now });
    await warnings.appendEvent(tx, { warningId, unitId, kind: 'evacuation_reported', actorId: auth.userId || null, detail: { ...body }, now });
    await recordAudit(tx, ctx, {
      entityType: 'evacuation_report', entityId: `${warningId}:${unitId}`, unitId, action: 'evacuation.report',
      before: before ? { toMove: before.to_move, moved: before.moved, refused: before.refused } : undefined, after: body,
    });
  });
  await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'evacuation_reported', unitId, at: now });
  return { warningId, unitId, unitName: unit.name, ...body, updatedAt: now };
}

/** How many people a shelter holds now, during the warning: never more than it can take. */
export async function setOccupancy(ctx: RequestCtx, warningId: number, shelterId: number, occupants: number) {
  const db = ctx.deps.database.db;
  const shelter = await repo.getShelter(db, shelterId);
  if (!shelter) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', shelter.unit_id);
  if (shelter.archived_at) throw conflict('shelter.archived');
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    await activeWarningReaching(tx, ctx, warningId, shelter.unit_id);
    if (occupants > shelter.capacity) throw unprocessable('evacuation.over_capacity', { name: shelter.name, capacity: shelter.capacity });
    const before = await repo.occupancyOf(tx, warningId, shelterId);
    await repo.upsertOccupancy(tx, { warningId, shelterId, occupants, userId: auth.userId || null, now });
    await warnings.appendEvent(tx, { warningId, unitId: shelter.unit_id, kind: 'shelter_updated', actorId: auth.userId || null, detail: { shelterId, name: shelter.name, occupants, capacity: shelter.capacity }, now });
    await recordAudit(tx, ctx, { entityType: 'shelter_occupancy', entityId: `${warningId}:${shelterId}`, unitId: shelter.unit_id, action: 'evacuation.shelter', before: before ? { occupants: before.occupants } : undefined, after: { occupants } });
  });
  await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'shelter_updated', unitId: shelter.unit_id, at: now });
  return { warningId, shelterId, name: shelter.name, occupants, capacity: shelter.capacity, updatedAt: now };
}

/** The households of a unit's subtree to go through during the warning, with their people to move first. Audited. */
export async function householdsForCheck(ctx: RequestCtx, warningId: number, unitId: number, q: HouseholdsQuery) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'household.read', unitId);
  if (!(await warnings.getWarning(db, warningId))) throw notFound();
  if (!(await repo.reaches(db, warningId, unitId))) throw unprocessable('warning.not_covered');
  const { rows, total, counts } = await repo.householdsToCheck(db, warningId, unitId, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const people = await vulnerableOf(db, rows.map((r) => r.id));
  await auditView(db, ctx, { entityType: 'household_list', entityId: unitId, unitId, after: { warningId, page: q.page, households: rows.map((r) => r.id) } });
  return {
    warningId, unitId, total, page: q.page, pageSize: q.pageSize, counts,
    items: rows.map((r) => ({
      ...presentHousehold(r, people),
      check: { status: r.status, note: r.note ?? '', checkedAt: r.checked_at, checkedBy: r.checked_by_name },
    })),
  };
}

/** One household checked off: moved, refused, not at home (or back to pending). */
export async function checkHousehold(ctx: RequestCtx, warningId: number, householdId: number, body: CheckBody) {
  const db = ctx.deps.database.db;
  const household = await getHousehold(db, householdId);
  if (!household || household.archived_at) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, 'warning.ack', household.unit_id);
  const now = nowIso(ctx.deps);
  await db.transaction().execute(async (tx) => {
    await activeWarningReaching(tx, ctx, warningId, household.unit_id);
    const before = await repo.checkOf(tx, warningId, householdId);
    await repo.upsertCheck(tx, { warningId, householdId, status: body.status, note: body.note, userId: auth.userId || null, now });
    // The timeline is read by everyone the warning reached: it names the household by its id only.
    await warnings.appendEvent(tx, { warningId, unitId: household.unit_id, kind: 'household_checked', actorId: auth.userId || null, detail: { householdId, status: body.status }, now });
    await recordAudit(tx, ctx, {
      entityType: 'evacuation_check', entityId: `${warningId}:${householdId}`, unitId: household.unit_id, action: 'evacuation.check',
      before: before ? { status: before.status, note: before.note } : undefined, after: body,
    });
  });
  await ctx.deps.events.publish({ topic: 'warning', warningId, kind: 'household_checked', unitId: household.unit_id, at: now });
  return { warningId, householdId, status: body.status, note: body.note, checkedAt: now };
}

/**
 * Evacuation at a glance: each unit's report with the totals, the shelters with their occupancy
 * and the household check-off, within the caller's view of the warning (and a unit's subtree).
 */
export async function overview(ctx: RequestCtx, warningId: number, unitId: number | undefined) {
  const db = ctx.deps.database.db;
  const { within } = await warningScope(db, ctx, warningId);
  if (unitId !== undefined) await requireUnitAccess(db, ctx.auth, 'warning.read', unitId);
  const area = { unitId: unitId ?? null, within };
  const [reports, shelters, households] = await Promise.all([repo.reportsIn(db, warningId, area), repo.sheltersIn(db, warningId, area), repo.checkCounts(db, warningId, area)]);
  const sum = (pick: (r: (typeof reports)[number]) => number) => reports.reduce((n, r) => n + pick(r), 0);
  return {
    warningId,
    unitId: unitId ?? null,
    totals: { reports: reports.length, toMove: sum((r) => r.to_move), moved: sum((r) => r.moved), refused: sum((r) => r.refused) },
    reports: reports.map((r) => ({ unitId: r.id, name: r.name, kind: r.kind, toMove: r.to_move, moved: r.moved, refused: r.refused, updatedAt: r.updated_at, updatedBy: r.updated_by_name })),
    shelters: {
      occupants: shelters.reduce((n, s) => n + (s.occupants ?? 0), 0),
      capacity: shelters.reduce((n, s) => n + s.capacity, 0),
      items: shelters.map((s) => ({ id: s.id, unitId: s.unit_id, unitName: s.unit_name, name: s.name, address: s.address, capacity: s.capacity, occupants: s.occupants ?? 0, updatedAt: s.updated_at })),
    },
    households,
  };
}
