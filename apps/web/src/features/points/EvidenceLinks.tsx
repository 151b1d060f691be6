// Evidence files shown small: photos as thumbnails that open large, PDFs as links to a new tab.
import { FilePdfOutlined } from '@ant-design/icons';
import { Image } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Evidence } from './types.ts';

export const evidenceUrl = (id: number) => `/api/points/evidence/${id}`;

const BOX = 64;

export function EvidenceThumb({ file }: { file: Evidence }) {
  const { t } = useTranslation();
  if (file.mime.startsWith('image/')) {
    return (
      <Image
        src={evidenceUrl(file.id)}
        alt={file.filename}
        width={BOX}
        height={BOX}
        style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
        data-testid="evidence-thumb"
      />
    );
  }
  return (
    <a
      href={evidenceUrl(file.id)}
      target="_blank"
      rel="noopener noreferrer"
      title={t('points.evidence.open', { name: file.filename })}
      data-testid="evidence-link"
      style={{
        width: BOX, height: BOX, display: 'inline-flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center',
        border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff', color: '#cf1322', overflow: 'hidden', padding: 2,
      }}
    >
      <FilePdfOutlined style={{ fontSize: 22 }} />
      <span className="xf-ellipsis" style={{ fontSize: 11, maxWidth: BOX - 6, color: 'rgba(0,0,0,0.65)' }}>
        {file.filename}
      </span>
    </a>
  );
}

export function EvidenceLinks({ evidence }: { evidence: Evidence[] }) {
  const { t } = useTranslation();
  if (evidence.length === 0) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('points.evidence.none')}</span>;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="evidence-list">
        {evidence.map((f) => (
          <EvidenceThumb key={f.id} file={f} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
