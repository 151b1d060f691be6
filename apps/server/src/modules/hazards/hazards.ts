// Hazard reports (隐患排查): anyone with a role in a village reports a hazard where they are; the
// grid's workers and the village secretary are told in the same transaction. Those responsible
// for the grid triage it (assign a person and a due date, or reject it), the fix is recorded with
// a note and photos, and a second person verifies it or reopens it. Every move is written to the
// hazard's timeline and the audit log in the transaction that makes it.
import {
  roleHas, HAZARD_CLOSED_STATUSES, HAZARD_OPEN_STATUSES, hazardActionsFor, hazardCategoryLabel, hazardDueAt, hazardHasLocation, hazardOverdue, hazardTransition,
  type HazardAction, type HazardCategory, type HazardStatus,
} from '@xianfeng/domain';
import { canAccessUnit, requireAuth, requirePermission, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type Auth, type Db, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { communityOf, reachesUnit } from '../commitments/repo.ts';
import { FIELD_UNIT_KINDS, unitById } from '../households/repo.ts';
import * as warnings from '../warnings/repo.ts';
import * as repo from './repo.ts';
import type { AssignBody, ListQuery, MineQuery, ReportBody } from './schemas.ts';

/** Whether the caller may report at a unit: inside a subtree they hold hazard.report on, or in the village that holds it. */
async function mayReportAt(db: Db, auth: Auth, unitId: number) {
  const scope = scopeOf(auth, 'hazard.report');
  return scope.global || reachesUnit(db, scope.roots, unitId);
}

/** Whether the caller may see a hazard: who reported it, who must fix it, or hazard.read on its unit. */
export async function maySee(db: Db, auth: Auth, h: { reported_by: number | null; assigned_to: number | null; unit_id: number }) {
  return h.reported_by === auth.userId || h.assigned_to === auth.userId || canAccessUnit(db, auth, 'hazard.read', h.unit_id);
}

export function presentHazard(h: repo.HazardRow, now: string) {
  return {
    id: h.id,
    unitId: h.unit_id,
    unitName: h.unit_name,
    category: h.category,
    place: h.place,
    latitude: h.latitude,
    longitude: h.longitude,
    description: h.description,
    status: h.status as HazardStatus,
    source: h.source,
    // Staff see who reported it; a public report shows the name given and a masked contact only.
    reporter: { id: h.reported_by, name: h.reporter_display ?? h.reporter_name, phone: h.contact_phone_masked, email: h.contact_email_masked },
    reportedAt: h.reported_at,
    dueAt: h.due_at,
    overdue: hazardOverdue({ status: h.status, dueAt: h.due_at }, now),
    assignee: h.assigned_to === null ? null : { id: h.assigned_to, name: h.assignee_name },
    assignedAt: h.assigned_at,
    fixedBy: h.fixed_by === null ? null : { id: h.fixed_by, name: h.fixer_name },
    fixedAt: h.fixed_at,
    fixNote: h.fix_note,
    verifiedBy: h.verified_by === null ? null : { id: h.verified_by, name: h.verifier_name },
    closedAt: h.closed_at,
    closeReason: h.close_reason,
    alarmId: h.alarm_id,
    photoCount: Number(h.photos),
  };
}

/** The title of notifications about a hazard: where and what. */
export function hazardTitle(unitName: string, category: string, place: string) {
  return `${unitName} ${hazardCategoryLabel(category, 'zh-CN')}${place ? `（${place}）` : ''}`;
}

/**
 * The units whose responsible people hear of a hazard: the unit itself and, for a grid, its
 * village (secretary, duty officer). A hazard reported for a whole village stays with the
 * village: the town hears of alarms, not of every blocked drain.
 */
async function responsibleUnits(db: Db, unitId: number) {
  const unit = await repo.unitWithParent(db, unitId);
  return [unitId, ...(unit?.kind === 'grid' && unit.parent_id ? [unit.parent_id] : [])];
}

export interface NewHazardInput {
  unitId: number;
  unitName: string;
  category: HazardCategory;
  place: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  source: 'app' | 'open311';
  reportedBy: number | null;
  reporterName?: string | null;
  contact?: { phoneEnc: string | null; phoneMasked: string | null; emailEnc: string | null; emailMasked: string | null };
  mediaUrl?: string | null;
  /** The registered Open311 client a public report came through, named in the audit entry. */
  open311Client?: { id: number; name: string };
}

/**
 * Writes a new hazard inside the caller's transaction: the row, its first timeline entry, the
 * notifications to the grid's and the village's responsible people, and the audit entry. Shared
 * by the app's report form and the Open311 endpoint.
 */
export async function insertReported(tx: Db, ctx: RequestCtx, h: NewHazardInput) {
  const now = nowIso(ctx.deps);
  const id = await repo.insertHazard(tx, {
    unit_id: h.unitId, category: h.category, place: h.place, latitude: h.latitude, longitude: h.longitude, description: h.description,
    status: 'reported', source: h.source, reported_by: h.reportedBy, reporter_name: h.reporterName ?? null,
    contact_phone_enc: h.contact?.phoneEnc ?? null, contact_phone_masked: h.contact?.phoneMasked ?? null,
    contact_email_enc: h.contact?.emailEnc ?? null, contact_email_masked: h.contact?.emailMasked ?? null,
    media_url: h.mediaUrl ?? null, reported_at: now, due_at: hazardDueAt(h.category, now),
    assigned_to: null, assigned_at: null, fixed_by: null, fixed_at: null, fix_note: null, verified_by: null, closed_at: null, close_reason: null, alarm_id: null, updated_at: now,
  });
  await repo.appendEvent(tx, { hazardId: id, action: 'report', from: null, to: 'reported', actorId: h.reportedBy, note: '', detail: { source: h.source }, now });
  await warnings.notifyResponsible(tx, await responsibleUnits(tx, h.unitId), { kind: 'hazard.reported', title: hazardTitle(h.unitName, h.category, h.place), warningId: null, link: `/hazards/${id}`, dedupePrefix: `hazard${id}:reported`, now });
  // No contact details in the audit log: they are personal data, kept encrypted in one place.
  await recordAudit(tx, ctx, { entityType: 'hazard', entityId: id, unitId: h.unitId, action: 'hazards.report', after: { category: h.category, place: h.place, latitude: h.latitude, longitude: h.longitude, description: h.description, source: h.source, ...(h.open311Client ? { open311Client: h.open311Client } : {}) } });
  return id;
}

/** Checks a unit hazards may be reported in: a grid, village or community still in use. */
export async function fieldUnit(db: Db, unitId: number) {
  const unit = await unitById(db, unitId);
  if (!unit) throw notFound();
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  if (!FIELD_UNIT_KINDS.includes(unit.kind)) throw unprocessable('hazard.not_field_unit');
  return unit;
}

/**
 * Where the caller can report without searching the tree: the grids, villages and communities of
 * their own grants, and the grids of those villages — a resident's grant is on the village, and
 * a report filed on the right grid reaches that grid's workers.
 */
export async function reportPlaces(ctx: RequestCtx) {
  const auth = requirePermission(ctx.auth, 'hazard.report');
  const own = [...new Set(auth.grants.filter((g) => g.unitId !== null && roleHas(g.role, 'hazard.report')).map((g) => g.unitId!))];
  if (!own.length) return [];
  const db = ctx.deps.database.db;
  const rows = await db
    .selectFrom('unit')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('archived_at', 'is', null)
    .where('kind', 'in', FIELD_UNIT_KINDS)
    .where((eb) => eb.or([eb('id', 'in', own), eb.and([eb('parent_id', 'in', own), eb('kind', '=', 'grid')])]))
    .orderBy('name')
    .execute();
  // Each village before its grids.
  const villages = rows.filter((r) => r.kind !== 'grid' || own.includes(r.id));
  return villages.flatMap((v) => [v, ...rows.filter((g) => g.kind === 'grid' && g.parent_id === v.id && !own.includes(g.id))]).map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
}

export async function reportHazard(ctx: RequestCtx, body: ReportBody) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'hazard.report');
  if (!(await mayReportAt(db, auth, body.unitId))) throw notFound();
  const unit = await fieldUnit(db, body.unitId);
  if (!hazardHasLocation(body)) throw invalid([{ field: 'place', code: 'hazard.no_location' }]);
  // Coordinates count only as a pair.
  const coords = typeof body.latitude === 'number' && typeof body.longitude === 'number' ? { latitude: body.latitude, longitude: body.longitude } : { latitude: null, longitude: null };
  const id = await db.transaction().execute((tx) =>
    insertReported(tx, ctx, { unitId: unit.id, unitName: unit.name, category: body.category as HazardCategory, place: body.place, ...coords, description: body.description, source: 'app', reportedBy: auth.userId }),
  );
  return getHazard(ctx, id);
}

async function actorFacts(db: Db, auth: Auth, h: { unit_id: number; assigned_to: number | null; fixed_by: number | null }) {
  return {
    canTriage: await canAccessUnit(db, auth, 'hazard.triage', h.unit_id),
    isAssignee: h.assigned_to === auth.userId,
    isFixer: h.fixed_by === auth.userId,
  };
}

export async function getHazard(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const h = await repo.getHazard(db, id);
  if (!h || !(await maySee(db, auth, h))) throw notFound();
  const [photos, events, facts] = await Promise.all([repo.photosOf(db, id), repo.eventsOf(db, id), actorFacts(db, auth, h)]);
  return {
    ...presentHazard(h, nowIso(ctx.deps)),
    photos: photos.map((p) => ({ id: p.id, stage: p.stage, mime: p.mime, size: p.size, createdAt: p.created_at, url: `/api/hazards/${id}/photos/${p.id}` })),
    timeline: events.map((e) => ({ id: e.id, action: e.action, from: e.from_status, to: e.to_status, note: e.note, actor: e.actor_name, at: e.created_at, detail: JSON.parse(e.detail) as Record<string, unknown> })),
    actions: hazardActionsFor(h.status as HazardStatus, facts),
    canRaise: facts.canTriage && h.alarm_id === null && !(HAZARD_CLOSED_STATUSES as readonly string[]).includes(h.status),
  };
}

function statusFilter(status: ListQuery['status'], now: string) {
  if (status === undefined) return {};
  if (status === 'open') return { statuses: HAZARD_OPEN_STATUSES };
  if (status === 'active') return { statuses: [...HAZARD_OPEN_STATUSES, 'fixed'] };
  if (status === 'overdue') return { overdueAt: now };
  return { statuses: [status] };
}

/** The triage queue: hazards of the caller's units (or a subtree), earliest due first. */
export async function listHazards(ctx: RequestCtx, q: ListQuery) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'hazard.read');
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'hazard.read', q.unitId);
  const now = nowIso(ctx.deps);
  const { rows, total } = await repo.listHazards(db, {
    scope: scopedUnitIds(db, auth, 'hazard.read'), unitId: q.unitId, categories: q.category ? [q.category] : undefined, ...statusFilter(q.status, now),
    order: q.status === 'open' || q.status === 'overdue' || q.status === 'active' ? 'queue' : 'newest', limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
  });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentHazard(r, now)) };
}

/** What I reported, or what I was asked to fix, whatever my role. */
export async function myHazards(ctx: RequestCtx, q: MineQuery) {
  const auth = requireAuth(ctx.auth);
  const now = nowIso(ctx.deps);
  const { rows, total } = await repo.listHazards(ctx.deps.database.db, {
    ...(q.role === 'reported' ? { reportedBy: auth.userId } : { assignedTo: auth.userId, statuses: [...HAZARD_OPEN_STATUSES, 'fixed'] }),
    order: q.role === 'assigned' ? 'queue' : 'newest', limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
  });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentHazard(r, now)) };
}

/** Open and overdue hazards per village of the caller's scope, and the totals (the dashboard count). */
export async function hazardStats(ctx: RequestCtx, q: { unitId?: number }) {
  const db = ctx.deps.database.db;
  const auth = requirePermission(ctx.auth, 'hazard.read');
  if (q.unitId !== undefined) await requireUnitAccess(db, auth, 'hazard.read', q.unitId);
  const villages = await repo.countsByVillage(db, scopedUnitIds(db, auth, 'hazard.read'), nowIso(ctx.deps), q.unitId);
  const sum = (k: 'active' | 'open' | 'overdue') => villages.reduce((n, v) => n + v[k], 0);
  return { totals: { active: sum('active'), open: sum('open'), overdue: sum('overdue') }, villages };
}

/** A hazard the caller may act on, or "not found" (outside their scope it does not exist). */
async function loadVisible(ctx: RequestCtx, id: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const h = await repo.getHazard(db, id);
  if (!h || !(await maySee(db, auth, h))) throw notFound();
  return { auth, h };
}

/** The people a hazard may be assigned to. */
export async function assignees(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const h = await repo.getHazard(db, id);
  if (!h) throw notFound();
  await requireUnitAccess(db, ctx.auth, 'hazard.triage', h.unit_id);
  const village = await communityOf(db, h.unit_id);
  const rows = await repo.assigneeCandidates(db, h.unit_id, village?.id ?? h.unit_id);
  const seen = new Set<number>();
  return {
    items: rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, name: r.display_name, role: r.role, unitName: r.unit_name })),
  };
}

interface ActInput {
  note: string;
  assign?: AssignBody;
}

/** Moves a hazard through its lifecycle; the domain's table decides who may do what in which state. */
export async function act(ctx: RequestCtx, id: number, action: HazardAction, input: ActInput) {
  const { db, dialect } = ctx.deps.database;
  const { auth, h } = await loadVisible(ctx, id);
  const now = nowIso(ctx.deps);
  let assignee: number | null = null;
  if (action === 'assign') {
    const body = input.assign!;
    const candidates = await assignees(ctx, id);
    if (!candidates.items.some((c) => c.id === body.assigneeId)) throw invalid([{ field: 'assigneeId', code: 'hazard.assignee_unknown' }]);
    if (body.dueAt && body.dueAt < now) throw invalid([{ field: 'dueAt', code: 'hazard.due_in_past' }]);
    assignee = body.assigneeId;
  }
  await db.transaction().execute(async (tx) => {
    const row = await repo.lockHazard(tx, dialect, id);
    if (!row) throw notFound();
    const t = hazardTransition(row.status as HazardStatus, action, await actorFacts(tx, auth, row));
    if (!t.ok) throw new AppError(t.status, t.code);
    const set: Parameters<typeof repo.moveHazard>[3] = { status: t.next, updated_at: now };
    let detail: Record<string, unknown> = {};
    switch (action) {
      case 'assign':
        Object.assign(set, { assigned_to: assignee, assigned_at: now, ...(input.assign!.dueAt ? { due_at: input.assign!.dueAt } : {}) });
        detail = { assigneeId: assignee, dueAt: input.assign!.dueAt ?? row.due_at };
        break;
      case 'fix':
        Object.assign(set, { fixed_by: auth.userId, fixed_at: now, fix_note: input.note });
        break;
      case 'verify':
        Object.assign(set, { verified_by: auth.userId, closed_at: now });
        break;
      case 'reopen':
        // The fix stays on record in the timeline; the next fix replaces it on the hazard.
        Object.assign(set, { close_reason: input.note });
        break;
      case 'reject':
        Object.assign(set, { closed_at: now, close_reason: input.note });
        break;
      default:
        action satisfies never;
    }
    if ((await repo.moveHazard(tx, id, row.status, set)) !== 1) throw conflict('error.conflict');
    await repo.appendEvent(tx, { hazardId: id, action, from: row.status, to: t.next, actorId: auth.userId || null, note: input.note, detail, now });
    await recordAudit(tx, ctx, { entityType: 'hazard', entityId: id, unitId: row.unit_id, action: `hazards.${action}`, before: { status: row.status }, after: { status: t.next, note: input.note, ...detail } });
    const title = hazardTitle(h.unit_name, row.category, row.place);
    if (action === 'assign' && assignee !== null) {
      await repo.notifyUser(tx, { userId: assignee, kind: 'hazard.assigned', title, link: `/hazards/${id}`, unitId: row.unit_id, dedupeKey: `hazard${id}:assigned:${now}:${assignee}`, now });
    }
    // A fix waits for a second person: those responsible for the grid are asked to verify it.
    if (action === 'fix') {
      await warnings.notifyResponsible(tx, await responsibleUnits(tx, row.unit_id), { kind: 'hazard.fixed', title, warningId: null, link: `/hazards/${id}`, dedupePrefix: `hazard${id}:fixed:${now}`, now });
    }
    // A fix that did not hold goes back to whoever must fix it.
    if (action === 'reopen' && row.assigned_to !== null) {
      await repo.notifyUser(tx, { userId: row.assigned_to, kind: 'hazard.reopened', title, link: `/hazards/${id}`, unitId: row.unit_id, dedupeKey: `hazard${id}:reopened:${now}:${row.assigned_to}`, now });
    }
  });
  return getHazard(ctx, id);
}
