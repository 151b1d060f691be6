import { message, parseUnitKind, unitCodeValid, unitRuleWarnings, type UnitKind } from '@xianfeng/domain';
import type { RequestCtx } from '../../core/context.ts';
import { nowIso } from '../../core/context.ts';
import { canAccessUnit, requireAuth, requirePermission, requireUnitAccess, scopeOf, scopedUnitIds } from '../../core/access.ts';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../core/errors.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import type { UnitRow } from '../../db/schema.ts';
import * as repo from './repo.ts';

type UnitBase = Pick<UnitRow, 'id' | 'code' | 'name' | 'kind' | 'parent_id' | 'phone' | 'founded_on' | 'archived_at'> & { area_code?: string | null };

function present(u: UnitBase, stats?: { memberCount: number; childCount: number }) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parent_id,
    phone: u.phone,
    foundedOn: u.founded_on,
    areaCode: u.area_code ?? null,
    archivedAt: u.archived_at,
    memberCount: stats?.memberCount ?? 0,
    childCount: stats?.childCount ?? 0,
  };
}

async function presentMany(ctx: RequestCtx, units: UnitBase[]) {
  const stats = await repo.subtreeStats(ctx.deps.database.db, units.map((u) => u.id));
  return units.map((u) => present(u, stats.get(u.id)));
}

async function loadVisible(ctx: RequestCtx, id: number, permission: 'unit.read' | 'unit.write' = 'unit.read') {
  const db = ctx.deps.database.db;
  requirePermission(ctx.auth, permission);
  const unit = await repo.findById(db, id);
  if (!unit || !(await canAccessUnit(db, ctx.auth!, permission, id))) throw notFound();
  return unit;
}

export async function detail(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const unit = await loadVisible(ctx, id);
  const [path, stats, direct, secretary] = await Promise.all([
    repo.ancestors(db, id),
    repo.subtreeStats(db, [id]),
    repo.directMemberStats(db, id),
    repo.hasSecretary(db, id),
  ]);
  // Show only the part of the path the caller may see, so scope does not leak ancestors' names.
  const visiblePath = [];
  for (const p of path) if (await canAccessUnit(db, ctx.auth!, 'unit.read', p.id)) visiblePath.push(p);
  const warnings = unitRuleWarnings({ kind: unit.kind as UnitKind, fullMembers: direct.full, totalMembers: direct.total, hasSecretary: secretary });
  return {
    ...present(unit, stats.get(id)),
    path: visiblePath.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    directMembers: direct.total,
    fullMembers: direct.full,
    hasSecretary: secretary,
    warnings: warnings.map((w) => ({ code: w.code, message: message(w.code, ctx.locale, w.params) })),
  };
}

export async function roots(ctx: RequestCtx) {
  const auth = requirePermission(ctx.auth, 'unit.read');
  const db = ctx.deps.database.db;
  const scope = scopeOf(auth, 'unit.read');
  const units = scope.global ? await repo.rootUnits(db) : await repo.topRoots(db, scope.roots);
  return presentMany(ctx, units);
}

export async function childrenOf(ctx: RequestCtx, id: number, includeArchived: boolean) {
  await loadVisible(ctx, id);
  return presentMany(ctx, await repo.children(ctx.deps.database.db, id, includeArchived));
}

export async function search(ctx: RequestCtx, input: { q?: string; kind?: string; limit: number }) {
  const auth = requirePermission(ctx.auth, 'unit.read');
  const { db, dialect } = ctx.deps.database;
  const units = await repo.searchInScope(db, dialect, scopedUnitIds(db, auth, 'unit.read'), {
    q: input.q,
    kind: input.kind,
    limit: input.limit,
  });
  return presentMany(ctx, units);
}

export interface UnitInput {
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  phone?: string | null;
  foundedOn?: string | null;
  areaCode?: string | null;
}

function checkFields(input: Partial<UnitInput>) {
  const issues = [];
  if (input.code !== undefined && !unitCodeValid(input.code)) issues.push({ field: 'code', code: 'unit.code_format' });
  if (input.kind !== undefined && !parseUnitKind(input.kind)) issues.push({ field: 'kind', code: 'import.unit_type_unknown', params: { value: input.kind } });
  if (issues.length) throw invalid(issues);
}

export async function create(ctx: RequestCtx, input: UnitInput) {
  const auth = requireAuth(ctx.auth);
  checkFields(input);
  const db = ctx.deps.database.db;
  if (input.parentId === null) {
    // Only a system administrator may start a new tree.
    if (!scopeOf(auth, 'unit.write').global) throw forbidden();
  } else {
    await requireUnitAccess(db, auth, 'unit.write', input.parentId);
    const parent = await repo.findById(db, input.parentId);
    if (!parent) throw notFound();
    if (parent.archived_at) throw unprocessable('error.unit_archived');
  }
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.findByCode(trx, input.code)) throw conflict('error.unit_code_taken', { code: input.code }, [{ field: 'code', code: 'error.unit_code_taken', params: { code: input.code } }]);
    const now = nowIso(ctx.deps);
    const id = await repo.insertUnit(trx, {
      code: input.code,
      name: input.name,
      kind: parseUnitKind(input.kind)!,
      parent_id: input.parentId,
      phone: input.phone ?? null,
      founded_on: input.foundedOn ?? null,
      now,
    });
    if (input.areaCode) await repo.updateUnit(trx, id, { area_code: input.areaCode }, now);
    await recordAudit(trx, ctx, { entityType: 'unit', entityId: id, unitId: id, action: 'unit.create', after: { ...input } });
    return id;
  });
  return detail(ctx, id);
}

export async function update(ctx: RequestCtx, id: number, input: Partial<Omit<UnitInput, 'parentId'>>) {
  checkFields(input);
  const unit = await loadVisible(ctx, id, 'unit.write');
  const db = ctx.deps.database.db;
  await db.transaction().execute(async (trx) => {
    if (input.code && input.code !== unit.code && (await repo.findByCode(trx, input.code))) {
      throw conflict('error.unit_code_taken', { code: input.code }, [{ field: 'code', code: 'error.unit_code_taken', params: { code: input.code } }]);
    }
    const next = {
      code: input.code,
      name: input.name,
      kind: input.kind === undefined ? undefined : parseUnitKind(input.kind)!,
      phone: input.phone,
      founded_on: input.foundedOn,
      area_code: input.areaCode,
    };
    const diff = changedFields(unit, next);
    if (!diff.changed) return;
    await repo.updateUnit(trx, id, diff.after, nowIso(ctx.deps));
    await recordAudit(trx, ctx, { entityType: 'unit', entityId: id, unitId: id, action: 'unit.update', before: diff.before, after: diff.after });
  });
  return detail(ctx, id);
}

export async function move(ctx: RequestCtx, id: number, parentId: number) {
  const unit = await loadVisible(ctx, id, 'unit.write');
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'unit.write', parentId);
  // Write access to the new parent as well: a subtree never moves out of its mover's reach.
  const parent = await repo.findById(db, parentId);
  if (!parent) throw notFound();
  if (parent.archived_at) throw unprocessable('error.unit_archived');
  if (unit.parent_id === parentId) return detail(ctx, id);
  await db.transaction().execute(async (trx) => {
    if (await repo.isDescendant(trx, id, parentId)) throw unprocessable('error.unit_cycle', {}, [{ field: 'parentId', code: 'error.unit_cycle' }]);
    await repo.moveSubtree(trx, id, parentId, nowIso(ctx.deps));
    await recordAudit(trx, ctx, { entityType: 'unit', entityId: id, unitId: id, action: 'unit.move', before: { parentId: unit.parent_id }, after: { parentId } });
  });
  return detail(ctx, id);
}

export async function archive(ctx: RequestCtx, id: number) {
  const unit = await loadVisible(ctx, id, 'unit.write');
  if (unit.archived_at) return detail(ctx, id);
  const db = ctx.deps.database.db;
  await db.transaction().execute(async (trx) => {
    // A unit is archived, never deleted: its members and child units must first be moved away.
    if ((await repo.activeChildCount(trx, id)) > 0) throw unprocessable('error.unit_has_active_children');
    const fresh = await repo.findById(trx, id);
    if ((fresh?.member_count ?? 0) > 0) throw unprocessable('error.unit_has_members');
    const now = nowIso(ctx.deps);
    await repo.updateUnit(trx, id, { archived_at: now }, now);
    await recordAudit(trx, ctx, { entityType: 'unit', entityId: id, unitId: id, action: 'unit.archive', before: { archivedAt: null }, after: { archivedAt: now } });
  });
  return detail(ctx, id);
}
