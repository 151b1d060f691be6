// A hazard as a card, for the phone-sized queue and one's own reports.
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlaceText } from '../../components/PlaceField.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { HazardCategoryTag, HazardStatusTag, OverdueTag } from './HazardTags.tsx';
import type { Hazard } from './types.ts';

export function HazardCard({ hazard: h }: { hazard: Hazard }) {
  const { t } = useTranslation();
  return (
    <Link to={`/hazards/${h.id}`} data-testid="hazard-card">
      <Card size="small" hoverable style={{ borderInlineStart: `4px solid ${h.overdue ? '#cf1322' : h.status === 'reported' ? '#fa8c16' : '#d9d9d9'}`, background: h.overdue ? '#fff1f0' : undefined }}>
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <HazardCategoryTag category={h.category} />
          <HazardStatusTag status={h.status} />
          <OverdueTag overdue={h.overdue} />
        </Space>
        <div style={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>
          <PlaceText place={h.place} latitude={h.latitude} />
        </div>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
          {h.description}
        </Typography.Paragraph>
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
          {h.unitName} · {formatDateTime(h.reportedAt)} · {t('hazards.field.dueAt')} {formatDateTime(h.dueAt)}
        </div>
      </Card>
    </Link>
  );
}
