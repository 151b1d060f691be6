// Photos of an alarm: images only (checked by their first bytes, never by the file name), at most
// six of 5 MB each. The one who raised the alarm adds them, or a duty officer or secretary above.
import { sniffEvidenceType } from '@xianfeng/domain';
import { canAccessUnit, requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../core/errors.ts';
import { maySee } from './alarms.ts';
import * as repo from './repo.ts';

export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * The photo's type, read from its first bytes; 413 when too large, 415 when not a JPEG, PNG or
 * WebP (with the help module's own words for residents).
 */
export function checkPhoto(data: Buffer, words: 'alarm' | 'help' = 'alarm'): string {
  if (data.length > MAX_PHOTO_BYTES) throw new AppError(413, `${words}.photo_too_large`, undefined, { limitMb: MAX_PHOTO_BYTES / 1024 / 1024 });
  const mime = sniffEvidenceType(data);
  if (!mime || !IMAGE_TYPES.includes(mime)) throw new AppError(415, `${words}.photo_not_image`);
  return mime;
}

export async function addPhoto(ctx: RequestCtx, alarmId: number, data: Buffer) {
  const auth = requireAuth(ctx.auth);
  const { db, dialect } = ctx.deps.database;
  const alarm = await repo.getAlarm(db, alarmId);
  if (!alarm || !(await maySee(db, auth, alarm))) throw notFound();
  if (alarm.raised_by !== auth.userId && !(await canAccessUnit(db, auth, 'warning.issue', alarm.unit_id))) throw forbidden();
  const mime = checkPhoto(data);
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    // The alarm row is locked, so two uploads at once cannot both slip under the limit.
    const row = await repo.lockAlarm(tx, dialect, alarmId);
    if (!row) throw notFound();
    if (row.status === 'closed') throw conflict('alarm.closed');
    if ((await repo.countPhotos(tx, alarmId)) >= MAX_PHOTOS) throw unprocessable('alarm.too_many_photos', { limit: MAX_PHOTOS });
    const photoId = await repo.insertPhoto(tx, { alarmId, mime, data, now });
    await recordAudit(tx, ctx, { entityType: 'alarm', entityId: alarmId, unitId: row.unit_id, action: 'alarms.photo', after: { photoId, mime, size: data.length } });
    return photoId;
  });
  return { id, mime, size: data.length, createdAt: now, url: `/api/alarms/${alarmId}/photos/${id}` };
}

/** A photo, to whoever may see its alarm. */
export async function getPhoto(ctx: RequestCtx, alarmId: number, photoId: number) {
  const auth = requireAuth(ctx.auth);
  const db = ctx.deps.database.db;
  const alarm = await repo.getAlarm(db, alarmId);
  if (!alarm || !(await maySee(db, auth, alarm))) throw notFound();
  const photo = await repo.photo(db, alarmId, photoId);
  if (!photo) throw notFound();
  return photo;
}
