// The mediator pool (金牌和事佬): members chosen by a village or town as mediators, with the
// specialties they bring and the units they cover. Kept by those who supervise mediation there.
import { canAccessUnit, requireUnitAccess } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { nowIso, type Auth, type Db, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound, unprocessable } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import * as repo from './repo.ts';
import type { MediatorBody, MediatorPatch } from './schemas.ts';

export async function presentMediators(db: Db, rows: repo.MediatorRow[]) {
  const ids = rows.map((r) => r.id);
  const [areas, open] = await Promise.all([repo.areasOf(db, ids), repo.openCaseCounts(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    memberUnitName: r.member_unit_name,
    phoneMasked: r.mobile_masked ?? '',
    unitId: r.unit_id,
    unitName: r.unit_name,
    specialties: r.specialties ? r.specialties.split('|') : [],
    areas: areas.filter((a) => a.mediator_id === r.id).map((a) => ({ id: a.id, name: a.name })),
    note: r.note,
    status: r.status as 'active' | 'ended',
    openCases: open.get(r.id) ?? 0,
    createdAt: r.created_at,
    endedAt: r.ended_at,
  }));
}

export async function listMediators(ctx: RequestCtx, q: { unitId: number; covers?: number; status?: 'active' | 'ended' }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'mediation.manage', q.unitId);
  return { items: await presentMediators(db, await repo.listMediators(db, q)) };
}

async function getOne(db: Db, id: number) {
  const row = await repo.getMediator(db, id);
  if (!row) throw notFound();
  return (await presentMediators(db, [row]))[0];
}

/** Each area must be a unit the caller supervises mediation in. */
async function checkAreas(db: Db, auth: Auth, unitIds: number[]) {
  for (const unitId of unitIds) if (!(await canAccessUnit(db, auth, 'mediation.manage', unitId))) throw notFound();
}

export async function addMediator(ctx: RequestCtx, body: MediatorBody) {
  const db = ctx.deps.database.db;
  const auth = await requireUnitAccess(db, ctx.auth, 'mediation.manage', body.unitId);
  const member = await repo.memberForPool(db, body.memberId);
  if (!member || !(await canAccessUnit(db, auth, 'mediation.manage', member.unit_id))) throw notFound();
  // Mediators come from the members of the unit that keeps this part of the pool.
  if (!(await repo.isWithin(db, member.unit_id, body.unitId))) throw unprocessable('mediation.member_outside');
  const areas = [...new Set(body.areaUnitIds)];
  await checkAreas(db, auth, areas);
  const specialties = [...new Set(body.specialties)];
  const now = nowIso(ctx.deps);
  try {
    const id = await db.transaction().execute(async (tx) => {
      if (await repo.mediatorOfMember(tx, member.id)) throw conflict('mediation.mediator_exists');
      const newId = await repo.insertMediator(tx, { memberId: member.id, unitId: body.unitId, specialties, note: body.note, userId: auth.userId || null, now });
      await repo.setAreas(tx, newId, areas);
      await recordAudit(tx, ctx, { entityType: 'mediator', entityId: newId, unitId: body.unitId, action: 'mediation.mediator_add', after: { memberId: member.id, specialties, areaUnitIds: areas, note: body.note } });
      return newId;
    });
    return getOne(db, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('mediation.mediator_exists');
    throw e;
  }
}

export async function updateMediator(ctx: RequestCtx, id: number, patch: MediatorPatch) {
  const db = ctx.deps.database.db;
  const row = await repo.getMediator(db, id);
  if (!row) throw notFound();
  const auth = await requireUnitAccess(db, ctx.auth, 'mediation.manage', row.unit_id);
  const areas = patch.areaUnitIds ? [...new Set(patch.areaUnitIds)] : undefined;
  if (areas) await checkAreas(db, auth, areas);
  const before = await getOne(db, id);
  const now = nowIso(ctx.deps);
  const next = {
    specialties: patch.specialties ? [...new Set(patch.specialties)] : undefined,
    note: patch.note,
    status: patch.status,
    areaUnitIds: areas,
  };
  const diff = changedFields({ specialties: before.specialties, note: before.note, status: before.status, areaUnitIds: before.areas.map((a) => a.id) }, next);
  if (!diff.changed) return before;
  await db.transaction().execute(async (tx) => {
    await repo.updateMediator(tx, id, {
      specialties: next.specialties?.join('|'),
      note: next.note,
      status: next.status,
      // Ending a mediator ends their way into the cases they were assigned to (policy.ts checks the status).
      ...(next.status ? { ended_at: next.status === 'ended' ? now : null } : {}),
      updated_at: now,
    });
    if (areas) await repo.setAreas(tx, id, areas);
    await recordAudit(tx, ctx, { entityType: 'mediator', entityId: id, unitId: row.unit_id, action: 'mediation.mediator_update', before: diff.before, after: diff.after });
  });
  return getOne(db, id);
}
