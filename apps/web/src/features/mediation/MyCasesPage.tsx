// 我的调解案件: a mediator's queue on the phone — the cases they are assigned to, by default those not yet
// closed. Only their own: the server answers from the assignment.
import { Alert, Empty, Pagination, Result, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { CaseCard } from './CaseCard.tsx';
import { useMyCases } from './hooks.ts';

const PAGE_SIZE = 20;
type Filter = 'open' | 'mediating' | 'all';

export default function MyCasesPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = useState(1);
  const { data, isFetching, error } = useMyCases({ status: filter === 'all' ? undefined : filter, page, pageSize: PAGE_SIZE });

  if (data && data.mediator === null) return <Result status="info" title={t('mediation.mine.notMediator')} subTitle={t('mediation.mine.notMediatorHint')} />;
  const items = data?.items ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mediation-mine-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('mediation.mine.title')}</Typography.Title>
      <Segmented<Filter>
        block
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[{ value: 'open', label: t('mediation.mine.open') }, { value: 'mediating', label: t('mediation.status.mediating') }, { value: 'all', label: t('mediation.list.all') }]}
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Spin spinning={isFetching}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="mediation-mine-list">
          {items.length === 0 && !isFetching && <Empty description={t('mediation.mine.none')} />}
          {items.map((c) => <CaseCard key={c.id} c={c} />)}
          {(data?.total ?? 0) > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onChange={setPage} size="small" style={{ textAlign: 'center' }} />}
        </div>
      </Spin>
    </Space>
  );
}
