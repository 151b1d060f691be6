// 我的隐患: what I reported, and what I was asked to fix — for residents and members, on phones.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Pagination, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { HazardCard } from './HazardCard.tsx';
import { useMyHazards } from './hooks.ts';

export default function MyHazardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [role, setRole] = useState<'reported' | 'assigned'>('reported');
  const [page, setPage] = useState(1);
  const { data, isFetching, error } = useMyHazards(role, page);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640, margin: '0 auto', display: 'flex' }} data-testid="my-hazards-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('hazards.mine.title')}
        </Typography.Title>
        {can('hazard.report') && (
          <Link to="/hazards/new">
            <Button type="primary" icon={<PlusOutlined />}>{t('hazards.report.title')}</Button>
          </Link>
        )}
      </div>
      <Segmented<'reported' | 'assigned'>
        block
        value={role}
        onChange={(v) => {
          setRole(v);
          setPage(1);
        }}
        options={[
          { value: 'reported', label: <span data-testid="my-hazards-reported">{t('hazards.mine.reported')}</span> },
          { value: 'assigned', label: <span data-testid="my-hazards-assigned">{t('hazards.mine.assigned')}</span> },
        ]}
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Spin spinning={isFetching}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="my-hazards-list">
          {data && data.items.length === 0 && <Empty description={t(role === 'reported' ? 'hazards.mine.noneReported' : 'hazards.mine.noneAssigned')} />}
          {data?.items.map((h) => <HazardCard key={h.id} hazard={h} />)}
          {(data?.total ?? 0) > 20 && <Pagination current={page} pageSize={20} total={data!.total} onChange={setPage} size="small" style={{ textAlign: 'center' }} />}
        </div>
      </Spin>
    </Space>
  );
}
