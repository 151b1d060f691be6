// One case as a card on phones (the mediator's queue, the register on a small screen).
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates.ts';
import { STATUS_COLORS, useMediationLabels } from './labels.ts';
import type { CaseListItem } from './types.ts';

export function CaseCard({ c }: { c: CaseListItem }) {
  const { t } = useTranslation();
  const labels = useMediationLabels();
  return (
    <Link to={`/mediation/cases/${c.id}`} data-testid="mediation-case-card">
      <Card size="small" hoverable>
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{c.number}</Typography.Text>
            <Tag color={STATUS_COLORS[c.status]}>{labels.status(c.status)}</Tag>
          </Space>
          <Typography.Text>{labels.type(c.type)} · {c.unitName}</Typography.Text>
          <Typography.Text type="secondary">
            {t('mediation.list.accepted')} {formatDateTime(c.acceptedAt)}
            {c.mediators.length > 0 && ` · ${c.mediators.map((m) => m.name).join(t('common.separator'))}`}
          </Typography.Text>
        </Space>
      </Card>
    </Link>
  );
}
