// The photos of a topic: small squares that open large, one after the other (the topic's page and
// the public accountability page); and, in the edit dialog, the same squares each with a button to
// remove it.
import { CloseOutlined } from '@ant-design/icons';
import { Button, Image } from 'antd';
import { useTranslation } from 'react-i18next';

const THUMB = { objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' } as const;

export function TopicPhotos({ photos, size = 96 }: { photos: Array<{ id: number; url: string }>; size?: number }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup items={photos.map((p) => p.url)}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="topic-photos">
        {photos.map((p, i) => (
          <Image key={p.id} src={p.url} alt={t('deliberation.photos.alt', { n: i + 1 })} width={size} height={size} style={THUMB} data-testid="topic-photo" />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/** The topic's photos as they stand, three to a row, each removable (the removal happens on saving). */
export function RemovablePhotos({ photos, onRemove }: { photos: Array<{ id: number; url: string }>; onRemove: (id: number) => void }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8, marginBottom: 8 }} data-testid="topic-edit-photos">
      {photos.map((p, i) => (
        <div key={p.id} style={{ position: 'relative', minWidth: 0 }} data-testid="topic-edit-photo">
          <img src={p.url} alt={t('deliberation.photos.alt', { n: i + 1 })} style={{ ...THUMB, width: '100%', aspectRatio: '1', display: 'block', background: '#fafafa' }} />
          <Button
            size="small"
            shape="circle"
            icon={<CloseOutlined />}
            aria-label={t('deliberation.photos.remove')}
            onClick={() => onRemove(p.id)}
            style={{ position: 'absolute', top: 4, right: 4 }}
            data-testid="topic-edit-photo-remove"
          />
        </div>
      ))}
    </div>
  );
}
