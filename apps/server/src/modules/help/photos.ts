// Photos of a help request, checked like an alarm's: images only (by their first bytes, never by
// the file name), at most six of 5 MB each. The resident adds them — with the receipt code from
// the public page, or logged in — within an hour of filing and while the request is still open;
// whoever may see the request sees them.
import { HELP_OPEN_STATUSES, type HelpStatus } from '@xianfeng/domain';
import { requireAuth } from '../../core/access.ts';
import { recordAudit } from '../../core/audit.ts';
import { nowIso, type RequestCtx } from '../../core/context.ts';
import { AppError, conflict, notFound, unprocessable } from '../../core/errors.ts';
import { checkPhoto, MAX_PHOTOS } from '../alarms/photos.ts';
import * as repo from './repo.ts';
import { getHelpRequest } from './requests.ts';

const PHOTO_WINDOW_MS = 3_600_000;

async function addPhoto(ctx: RequestCtx, requestId: number, data: Buffer) {
  const mime = checkPhoto(data, 'help');
  const { db, dialect } = ctx.deps.database;
  const now = nowIso(ctx.deps);
  const id = await db.transaction().execute(async (tx) => {
    // The request row is locked, so two uploads at once cannot both slip under the limit.
    const row = await repo.lockRequest(tx, dialect, requestId);
    if (!row) throw notFound();
    if (!HELP_OPEN_STATUSES.includes(row.status as HelpStatus) || Date.parse(now) - Date.parse(row.created_at) > PHOTO_WINDOW_MS) throw conflict('help.photos_closed');
    if ((await repo.countPhotos(tx, requestId)) >= MAX_PHOTOS) throw unprocessable('help.too_many_photos', { limit: MAX_PHOTOS });
    const photoId = await repo.insertPhoto(tx, { requestId, mime, data, now });
    await recordAudit(tx, ctx, { entityType: 'help_request', entityId: requestId, unitId: row.unit_id, action: 'help.photo', after: { photoId, mime, size: data.length } });
    return photoId;
  });
  return { id, mime, size: data.length, createdAt: now };
}

/** From the public page: the receipt code proves it is the resident's own request. */
export async function addPhotoByReceipt(ctx: RequestCtx, receipt: string, data: Buffer) {
  const r = await repo.requestByReceipt(ctx.deps.database.db, receipt.trim().toUpperCase());
  if (!r) throw new AppError(404, 'help.receipt_unknown');
  return addPhoto(ctx, r.id, data);
}

/** Logged in: only the one who filed it. */
export async function addPhotoByAccount(ctx: RequestCtx, requestId: number, data: Buffer) {
  const auth = requireAuth(ctx.auth);
  const r = await repo.getRequest(ctx.deps.database.db, requestId);
  if (!r || r.filed_by !== auth.userId) throw notFound();
  return addPhoto(ctx, requestId, data);
}

/** A photo, to whoever may see its request. */
export async function getPhoto(ctx: RequestCtx, requestId: number, photoId: number) {
  await getHelpRequest(ctx, requestId);
  const photo = await repo.photo(ctx.deps.database.db, requestId, photoId);
  if (!photo) throw notFound();
  return photo;
}
