// Photos of a topic (议题配图): the broken street light, the blocked lane. They are part of what is
// proposed, so whoever may correct the topic adds and removes them — its author before anyone has
// responded, a manager of its place until the vote opens (the domain's topicEditCheck) — and they
// are checked like an alarm's photos: images only, recognized by their first bytes, at most 5 MB
// each, six per topic. Whoever may see the topic sees them; the public page shows those of the
// topics it shows (public.ts).
import { requirePermission } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { AppError, notFound, unprocessable } from '../../core/errors.ts';
import { checkPhoto, MAX_PHOTOS } from '../alarms/photos.ts';
import * as repo from './repo.ts';
import { editorStanding, lockForEdit, visibleTopic } from './topics.ts';

export async function addPhoto(ctx: RequestCtx, topicId: number, data: Buffer) {
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const { db, dialect } = ctx.deps.database;
  const { topic, rights } = await visibleTopic(db, auth, topicId);
  // Someone who may never change the topic hears so whatever they sent; the rest is checked under the lock.
  if (editorStanding(topic, auth, rights).length === 0) throw new AppError(403, 'deliberation.not_editor');
  const mime = checkPhoto(data);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    // The topic row is locked, so two uploads at once cannot both slip under the limit.
    const row = await lockForEdit(tx, dialect, topicId, auth, rights);
    if ((await repo.countPhotos(tx, topicId)) >= MAX_PHOTOS) throw unprocessable('deliberation.too_many_photos', { limit: MAX_PHOTOS });
    const photoId = await repo.insertPhoto(tx, { topicId, mime, data, userId: auth.userId || null, now });
    await recordAudit(tx, ctx, { entityType: 'deliberation_topic', entityId: topicId, unitId: row.unit_id, action: 'deliberation.photo', after: { photoId, mime, size: data.length } });
    return photoId;
  });
  return { id, mime, size: data.length, createdAt: now, url: `/api/deliberation/topics/${topicId}/photos/${id}` };
}

/** Removes a photo; the audit log keeps what it was (not its bytes). */
export async function removePhoto(ctx: RequestCtx, topicId: number, photoId: number) {
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const { db, dialect } = ctx.deps.database;
  const { rights } = await visibleTopic(db, auth, topicId);
  await db.transaction().execute(async (tx) => {
    const row = await lockForEdit(tx, dialect, topicId, auth, rights);
    const gone = await repo.deletePhoto(tx, topicId, photoId);
    if (!gone) throw notFound();
    await recordAudit(tx, ctx, {
      entityType: 'deliberation_topic', entityId: topicId, unitId: row.unit_id, action: 'deliberation.photo_remove',
      before: { photoId, mime: gone.mime, size: gone.size, addedBy: gone.created_by, addedAt: gone.created_at },
    });
  });
}

/** A photo, to whoever may see its topic. */
export async function getPhoto(ctx: RequestCtx, topicId: number, photoId: number) {
  const auth = requirePermission(ctx.auth, 'deliberation.participate');
  const db = ctx.deps.database.db;
  await visibleTopic(db, auth, topicId);
  const photo = await repo.photo(db, topicId, photoId);
  if (!photo) throw notFound();
  return photo;
}
