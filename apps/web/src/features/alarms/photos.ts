// Photos taken on a phone before they are sent: the server takes JPEG, PNG or WebP of at most
// 5 MB, six per alarm (apps/server/src/modules/alarms/photos.ts). A phone camera easily takes
// larger pictures, so those are scaled down here, in the browser, rather than refused.
export const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;
/** The longest side of a scaled-down photo: enough to read a crack in a wall. */
const MAX_SIDE = 2560;

/** The photo as it should be sent: unchanged when the server takes it, else a JPEG of it (or the original, for the server to judge). */
export async function preparePhoto(file: File): Promise<File> {
  if (PHOTO_TYPES.includes(file.type) && file.size <= MAX_PHOTO_BYTES) return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg' });
  } catch {
    return file;
  }
}
