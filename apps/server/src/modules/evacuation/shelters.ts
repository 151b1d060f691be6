// The shelters (安置点) of villages, communities and grids: kept by the village's own people
// (warning.ack on the unit), seen by whoever reads the unit's warnings.
import { requireUnitAccess } from '../../core/access.ts';
import { changedFields, recordAudit } from '../../core/audit.ts';
import { nowIso, type Db, type RequestCtx } from '../../core/context.ts';
import { conflict, notFound, unprocessable } from '../../core/errors.ts';
import { FIELD_UNIT_KINDS, unitById } from '../households/repo.ts';
import * as repo from './repo.ts';
import type { ShelterBody, ShelterPatch } from './schemas.ts';

export function presentShelter(s: repo.ShelterRow) {
  return { id: s.id, unitId: s.unit_id, unitName: s.unit_name, name: s.name, address: s.address, capacity: s.capacity, createdAt: s.created_at, archivedAt: s.archived_at };
}

export async function listShelters(ctx: RequestCtx, q: { unitId: number; archived: boolean }) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'warning.read', q.unitId);
  const rows = await repo.sheltersUnder(db, q.unitId, q.archived);
  return { items: rows.map(presentShelter) };
}

export async function createShelter(ctx: RequestCtx, body: ShelterBody) {
  const db = ctx.deps.database.db;
  await requireUnitAccess(db, ctx.auth, 'warning.ack', body.unitId);
  const unit = (await unitById(db, body.unitId))!;
  if (!FIELD_UNIT_KINDS.includes(unit.kind)) throw unprocessable('shelter.not_village');
  if (unit.archived_at) throw unprocessable('error.unit_archived');
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await repo.insertShelter(tx, body, now);
    await recordAudit(tx, ctx, { entityType: 'shelter', entityId: newId, unitId: unit.id, action: 'shelters.create', after: { name: body.name, address: body.address, capacity: body.capacity } });
    return newId;
  });
  return presentShelter((await repo.getShelter(db, id))!);
}

/** A shelter the caller keeps; an archived one can no longer change. */
async function loadWritable(db: Db, ctx: RequestCtx, id: number) {
  const s = await repo.getShelter(db, id);
  if (!s) throw notFound();
  await requireUnitAccess(db, ctx.auth, 'warning.ack', s.unit_id);
  return s;
}

export async function updateShelter(ctx: RequestCtx, id: number, body: ShelterPatch) {
  const db = ctx.deps.database.db;
  const s = await loadWritable(db, ctx, id);
  if (s.archived_at) throw conflict('shelter.archived');
  const now = nowIso(ctx.deps);
  const diff = changedFields({ name: s.name, address: s.address, capacity: s.capacity }, body);
  if (diff.changed) {
    await db.transaction().execute(async (tx) => {
      // Capacity may shrink (a room flooded), but not below the people sheltered there now.
      if (body.capacity !== undefined) {
        const occupants = await repo.occupantsNow(tx, id, now);
        if (body.capacity < occupants) throw unprocessable('shelter.capacity_below_occupants', { name: s.name, occupants });
      }
      await repo.updateShelter(tx, id, diff.after as ShelterPatch);
      await recordAudit(tx, ctx, { entityType: 'shelter', entityId: id, unitId: s.unit_id, action: 'shelters.update', before: diff.before, after: diff.after });
    });
  }
  return presentShelter((await repo.getShelter(db, id))!);
}

export async function archiveShelter(ctx: RequestCtx, id: number) {
  const db = ctx.deps.database.db;
  const s = await loadWritable(db, ctx, id);
  if (!s.archived_at) {
    const now = nowIso(ctx.deps);
    await db.transaction().execute(async (tx) => {
      const result = await repo.archiveShelter(tx, id, now);
      if (Number(result.numUpdatedRows) === 1) await recordAudit(tx, ctx, { entityType: 'shelter', entityId: id, unitId: s.unit_id, action: 'shelters.archive', after: { archivedAt: now } });
    });
  }
  return presentShelter((await repo.getShelter(db, id))!);
}
