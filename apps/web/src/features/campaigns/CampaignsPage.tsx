// 评选活动: the five-star evaluations and commendation rounds in the user's scope (and those above
// their units that their candidates go through), by year; managers set up new ones here.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { CampaignFormDrawer, yearOptions } from './CampaignFormDrawer.tsx';
import { CampaignStatusTag } from './CampaignStatusTag.tsx';
import { useCampaignLabels } from './format.ts';
import { useCampaigns } from './hooks.ts';
import type { Campaign } from './types.ts';

const rowProps = (navigate: (to: string) => void, c: Campaign) =>
  ({ 'data-testid': 'campaign-row', style: { cursor: 'pointer' }, onClick: () => navigate(`/campaigns/${c.id}`) }) as HTMLAttributes<HTMLElement>;

export default function CampaignsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { kind } = useCampaignLabels();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const [creating, setCreating] = useState(false);
  const { data, isPending, isFetching, error } = useCampaigns({ period });

  const columns: ColumnsType<Campaign> = [
    { title: t('campaigns.list.title'), dataIndex: 'title', render: (v: string, c) => <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()}>{v}</Link> },
    { title: t('campaigns.list.kind'), dataIndex: 'kind', width: 120, render: (k: Campaign['kind']) => <Tag color="red">{kind(k)}</Tag> },
    { title: t('campaigns.list.period'), dataIndex: 'period', width: 80 },
    { title: t('campaigns.list.organizer'), key: 'unit', ellipsis: true, render: (_, c) => c.unit.name },
    { title: t('campaigns.list.candidates'), dataIndex: 'candidates', width: 90, align: 'right' },
    { title: t('campaigns.list.status'), key: 'status', width: 140, render: (_, c) => <CampaignStatusTag campaign={c} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="campaigns-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.campaigns')}
        </Typography.Title>
        <Space wrap>
          <Select
            allowClear
            style={{ width: 140 }}
            value={period}
            placeholder={t('campaigns.list.allYears')}
            options={yearOptions().map((y) => ({ value: y, label: y }))}
            onChange={(v?: string) => setParams(v ? { period: v } : {}, { replace: true })}
            data-testid="campaigns-period"
          />
          {can('evaluation.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
              {t('campaigns.list.create')}
            </Button>
          )}
        </Space>
      </div>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : isPhone ? (
        !isPending && (data?.items.length ?? 0) === 0 ? (
          <Empty description={t('campaigns.list.none')} />
        ) : (
          <Row gutter={[12, 12]}>
            {(data?.items ?? []).map((c) => (
              <Col xs={24} key={c.id}>
                <Card size="small" hoverable onClick={() => navigate(`/campaigns/${c.id}`)} data-testid="campaign-row">
                  <Typography.Text strong>{c.title}</Typography.Text>
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6, alignItems: 'center' }}>
                    <Tag color="red">{kind(c.kind)}</Tag>
                    <CampaignStatusTag campaign={c} />
                    <Typography.Text type="secondary">{t('campaigns.list.candidateCount', { count: c.candidates ?? 0 })}</Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.unit.name}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        )
      ) : (
        <Table<Campaign>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          pagination={false}
          onRow={(c) => rowProps(navigate, c)}
          locale={{ emptyText: <Empty description={t('campaigns.list.none')} /> }}
        />
      )}
      <CampaignFormDrawer open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
