// One help request as a card (members' and secretaries' queues on phones): what, where, who,
// its state and whether it is overdue. Resident-supplied text is rendered as text.
import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates.ts';
import { STATUS_COLOR, useHelpLabels } from './labels.ts';
import type { HelpRequestRow } from './types.ts';

export function RequestCard({ r, actions }: { r: HelpRequestRow; actions?: ReactNode }) {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  return (
    <Card
      size="small"
      data-testid={`help-card-${r.id}`}
      style={r.overdue ? { borderColor: '#ff4d4f', background: '#fff1f0' } : undefined}
      title={
        <Space wrap size={4}>
          <Tag color="red">{labels.category(r.category)}</Tag>
          <Tag color={STATUS_COLOR[r.status]} data-testid={`help-status-${r.id}`}>{labels.status(r.status)}</Tag>
          {r.overdue && <Tag color="error" data-testid={`help-overdue-${r.id}`}>{t('help.overdue')}</Tag>}
        </Space>
      }
      extra={<Link to={`/help/requests/${r.id}`}>{t('help.details')}</Link>}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{r.description}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {r.unitName}
        {r.place ? ` · ${r.place}` : ''}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {r.residentName} {r.phone} · {formatDateTime(r.createdAt)}
      </Typography.Text>
      {r.helperName && <Typography.Text type="secondary" style={{ display: 'block' }}>{t('help.labelled', { label: t('help.fields.helper'), value: r.helperName })}</Typography.Text>}
      {actions && <div style={{ marginTop: 8 }}>{actions}</div>}
    </Card>
  );
}
