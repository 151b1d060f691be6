// Photos of a hazard: of the hazard as reported (by who reported it, or a triager) and of the fix
// (by the assignee, or a triager). The same checks as an alarm's photos: images only, recognized
// by their first bytes, at most 5 MB each, six per hazard.
import { HAZARD_CLOSED_STATUSES } from '@xianfeng/domain';
import { canAccessUnit, requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../core/errors.ts';
import { checkPhoto, MAX_PHOTOS } from '../alarms/photos.ts';
import { maySee } from './hazards.ts';
import * as repo from './repo.ts';

export async function addPhoto(ctx: RequestCtx, hazardId: number, stage: 'report' | 'fix', data: Buffer) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const h = await repo.getHazard(db, hazardId);
  if (!h || !(await maySee(db, auth, h))) throw notFound();
  const owner = stage === 'report' ? h.reported_by === auth.userId : h.assigned_to === auth.userId;
  if (!owner && !(await canAccessUnit(db, auth, 'hazard.triage', h.unit_id))) throw forbidden();
  const mime = checkPhoto(data);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    // The hazard row is locked, so two uploads at once cannot both slip under the limit.
    const row = await repo.lockHazard(tx, dialect, hazardId);
    if (!row) throw notFound();
    if ((HAZARD_CLOSED_STATUSES as readonly string[]).includes(row.status)) throw conflict('hazard.closed');
    if ((await repo.countPhotos(tx, hazardId)) >= MAX_PHOTOS) throw unprocessable('hazard.too_many_photos', { limit: MAX_PHOTOS });
    const photoId = await repo.insertPhoto(tx, { hazardId, stage, mime, data, userId: auth.userId || null, now });
    await recordAudit(tx, ctx, { entityType: 'hazard', entityId: hazardId, unitId: row.unit_id, action: 'hazards.photo', after: { photoId, stage, mime, size: data.length } });
    return photoId;
  });
  return { id, stage, mime, size: data.length, createdAt: now, url: `/api/hazards/${hazardId}/photos/${id}` };
}

/** A photo, to whoever may see its hazard. */
export async function getPhoto(ctx: RequestCtx, hazardId: number, photoId: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const h = await repo.getHazard(db, hazardId);
  if (!h || !(await maySee(db, auth, h))) throw notFound();
  const photo = await repo.photo(db, hazardId, photoId);
  if (!photo) throw notFound();
  return photo;
}
