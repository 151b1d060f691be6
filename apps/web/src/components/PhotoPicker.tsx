// Photos taken on a phone for a report (an alarm, a hazard and its fix, a help request): one big
// button that opens the camera or the gallery, square previews three to a row that fit a phone,
// each removable until it is sent, and after that its own progress and the server's verdict.
//
// The server takes JPEG, PNG or WebP of at most 5 MB, six per record (apps/server/src/modules/
// alarms/photos.ts, shared by hazards and help). A phone camera easily takes larger pictures, or
// HEIC ones, so those are scaled down to a JPEG here, in the browser, just before they are sent,
// rather than refused. Photos go up one at a time after the record exists, so a slow village
// uplink never holds the report itself up.
import { CameraOutlined, CheckCircleFilled, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Progress } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client.ts';

export const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;
/** The longest side of a scaled-down photo: enough to read a crack in a wall. */
const MAX_SIDE = 2560;
const BIG = { height: 52, fontSize: 17 } as const;

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

/** An image, or a file the phone did not label (some galleries): the server judges it by its bytes. */
const looksLikePhoto = (f: File) => f.type === '' || f.type.startsWith('image/');

export interface PickedPhoto {
  key: string;
  file: File;
  preview: string;
  state: 'ready' | 'uploading' | 'done' | 'error';
  percent: number;
  error?: string;
  /** A network or server failure, worth another try; the server's verdict on the photo is not. */
  retryable?: boolean;
}

/** Sends one prepared photo, reporting progress in percent. */
export type SendPhoto = (file: File, onProgress: (percent: number) => void) => Promise<unknown>;

export interface PhotoList {
  photos: PickedPhoto[];
  /** How many may be picked in all. */
  max: number;
  /** Why some of the last picked files were left out, or null. */
  notice: string | null;
  add(files: FileList | File[] | null): void;
  remove(key: string): void;
  clear(): void;
  /** Prepares and sends the given photos one after the other, in order; resolves to how many failed. */
  upload(which: PickedPhoto[], send: SendPhoto): Promise<number>;
}

/** The photos picked for one record, and what became of each. Previews are released when dropped. */
export function usePhotoList(max: number = MAX_PHOTOS): PhotoList {
  const { t } = useTranslation();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const previews = useRef(new Set<string>());

  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  const release = useCallback((url: string) => {
    URL.revokeObjectURL(url);
    previews.current.delete(url);
  }, []);

  const add = (list: FileList | File[] | null) => {
    if (!list) return;
    const files = [...list];
    const images = files.filter(looksLikePhoto);
    const accepted = images.slice(0, Math.max(0, max - photos.length));
    const notices = [
      images.length < files.length && t('photoPicker.notImage', { names: files.filter((f) => !looksLikePhoto(f)).map((f) => f.name).join(t('common.separator')) }),
      accepted.length < images.length && t('photoPicker.tooMany', { max }),
    ].filter((n): n is string => !!n);
    setNotice(notices.length ? notices.join(' ') : null);
    const stamp = Date.now();
    const added = accepted.map((file, i): PickedPhoto => {
      const preview = URL.createObjectURL(file);
      previews.current.add(preview);
      return { key: `${stamp}-${i}-${file.name}`, file, preview, state: 'ready', percent: 0 };
    });
    setPhotos((p) => [...p, ...added]);
  };

  const remove = useCallback(
    (key: string) => {
      setPhotos((list) => {
        const gone = list.find((p) => p.key === key);
        if (gone) release(gone.preview);
        return list.filter((p) => p.key !== key);
      });
      setNotice(null);
    },
    [release],
  );

  const clear = useCallback(() => {
    setPhotos((list) => {
      list.forEach((p) => release(p.preview));
      return [];
    });
    setNotice(null);
  }, [release]);

  const patch = useCallback((key: string, change: Partial<PickedPhoto>) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p))), []);

  // One after the other: a village's uplink is thin, and the order of the photos is kept.
  const upload = async (which: PickedPhoto[], send: SendPhoto) => {
    let failed = 0;
    for (const photo of which) {
      patch(photo.key, { state: 'uploading', percent: 0, error: undefined, retryable: undefined });
      try {
        await send(await preparePhoto(photo.file), (percent) => patch(photo.key, { percent }));
        patch(photo.key, { state: 'done', percent: 100 });
      } catch (e) {
        failed++;
        patch(photo.key, { state: 'error', error: errorMessage(e), retryable: !(e instanceof ApiError) || e.status === 0 || e.status >= 500 });
      }
    }
    return failed;
  };

  return { photos, max, notice, add, remove, clear, upload };
}

/** Previews three to a row, whatever the screen: each with its state once sending began. */
export function PhotoGrid({ photos, onRemove, testIdPrefix }: { photos: PickedPhoto[]; onRemove?: (key: string) => void; testIdPrefix: string }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8, marginTop: 8 }} data-testid={`${testIdPrefix}-photo-previews`}>
      {photos.map((p) => (
        <div key={p.key} style={{ position: 'relative', minWidth: 0 }} data-testid={`${testIdPrefix}-photo-preview`}>
          <img
            src={p.preview}
            alt={p.file.name}
            onError={(e) => {
              // A format the browser cannot show (HEIC on most): the tile stays, empty; the photo is still sent.
              e.currentTarget.style.visibility = 'hidden';
            }}
            style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0', display: 'block', background: '#fafafa' }}
          />
          {onRemove && p.state !== 'uploading' && p.state !== 'done' && (
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={t('photoPicker.remove')}
              onClick={() => onRemove(p.key)}
              style={{ position: 'absolute', top: 4, right: 4 }}
              data-testid={`${testIdPrefix}-photo-remove`}
            />
          )}
          {p.state === 'uploading' && <Progress percent={p.percent} size="small" showInfo={false} style={{ margin: 0 }} />}
          {p.state === 'done' && (
            <div style={{ color: '#389e0d', fontSize: 12 }} data-testid={`${testIdPrefix}-photo-done`}>
              <CheckCircleFilled /> {t('photoPicker.done')}
            </div>
          )}
          {p.state === 'error' && (
            <div style={{ color: '#cf1322', fontSize: 12, wordBreak: 'break-word' }} data-testid={`${testIdPrefix}-photo-error`}>
              {p.error}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/**
 * The photo field of a form: its label, the button (showing how many of how many), the hint or
 * why some files were left out, and the previews. Not a form value: the page sends the photos
 * from `list` once the record exists.
 */
export function PhotoPicker({ list, label, testIdPrefix }: { list: PhotoList; label: ReactNode; testIdPrefix: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const { photos, max } = list;
  const sending = photos.some((p) => p.state === 'uploading');
  const hint = max > 0 ? t('photoPicker.hint', { max, mb: MAX_PHOTO_BYTES / 1024 / 1024 }) : t('photoPicker.full', { max: MAX_PHOTOS });
  return (
    <Form.Item label={label} extra={<span data-testid={`${testIdPrefix}-photo-hint`}>{list.notice ?? hint}</span>}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid={`${testIdPrefix}-photo-input`}
        onChange={(e) => {
          list.add(e.target.files);
          // The same photo may be picked again after it was removed.
          e.target.value = '';
        }}
      />
      <Button block icon={<CameraOutlined />} onClick={() => input.current?.click()} disabled={photos.length >= max || sending} style={BIG} data-testid={`${testIdPrefix}-photo-add`}>
        {t('photoPicker.add', { count: photos.length, max })}
      </Button>
      <PhotoGrid photos={photos} onRemove={list.remove} testIdPrefix={testIdPrefix} />
    </Form.Item>
  );
}

/**
 * The photos of a record just filed, while they go up: progress, the server's verdict on each, and
 * one button to send again those that failed on the way (not those the server refused).
 */
export function SentPhotos({ list, title, testIdPrefix, onRetry }: { list: PhotoList; title: ReactNode; testIdPrefix: string; onRetry: (failed: PickedPhoto[]) => void }) {
  const { t } = useTranslation();
  const { photos } = list;
  if (photos.length === 0) return null;
  const sending = photos.some((p) => p.state === 'uploading' || p.state === 'ready');
  const failed = photos.filter((p) => p.state === 'error' && p.retryable);
  return (
    <Card size="small" title={sending ? t('photoPicker.uploading') : title} style={{ marginBottom: 12 }}>
      <PhotoGrid photos={photos} testIdPrefix={testIdPrefix} />
      {failed.length > 0 && !sending && (
        <Button block icon={<ReloadOutlined />} style={{ marginTop: 12, ...BIG }} onClick={() => onRetry(failed)} data-testid={`${testIdPrefix}-photo-retry`}>
          {t('photoPicker.retry', { count: failed.length })}
        </Button>
      )}
    </Card>
  );
}
