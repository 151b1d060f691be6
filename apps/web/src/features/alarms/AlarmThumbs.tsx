// The first photos of an alarm, small, opening large. A list row carries only the number of photos,
// so the alarm's detail (cached, and shared with its page) is read when there are some.
import { Image } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAlarm } from './hooks.ts';
import type { AlarmPhoto } from './types.ts';

export function PhotoStrip({ photos, size = 44, max = 3 }: { photos: AlarmPhoto[]; size?: number; max?: number }) {
  const { t } = useTranslation();
  const shown = photos.slice(0, max);
  return (
    <Image.PreviewGroup items={photos.map((p) => p.url)}>
      <div style={{ display: 'flex', gap: 4, alignItems: 'center' }} onClick={(e) => e.stopPropagation()} data-testid="alarm-thumbs">
        {shown.map((p, i) => (
          <Image
            key={p.id}
            src={p.url}
            alt={t('alarms.photoAlt', { n: i + 1 })}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
            data-testid="alarm-thumb"
          />
        ))}
        {photos.length > max && <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>+{photos.length - max}</span>}
      </div>
    </Image.PreviewGroup>
  );
}

export function AlarmThumbs({ alarmId, count }: { alarmId: number; count: number }) {
  const { data } = useAlarm(alarmId, count > 0);
  if (count === 0) return null;
  if (!data) return <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{count}</span>;
  return <PhotoStrip photos={data.photos} />;
}
