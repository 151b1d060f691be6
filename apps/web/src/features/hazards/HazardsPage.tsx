// 隐患排查 triage queue: the hazards of one's units, overdue ones first and in red, with the counts
// per village (open, overdue, awaiting verification) as figures and a chart. A grid worker or a
// secretary opens one to assign, verify, reopen or reject it.
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Pagination, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { HazardCard } from './HazardCard.tsx';
import { HazardCategoryTag, HazardStatusTag, OverdueTag } from './HazardTags.tsx';
import { useHazards, useHazardStats } from './hooks.ts';
import type { Hazard, HazardFilter } from './types.ts';

const HazardChart = lazy(() => import('./HazardChart.tsx'));
const FILTERS: HazardFilter[] = ['active', 'overdue', 'reported', 'assigned', 'fixed', 'reopened', 'verified', 'rejected', 'all'];
const PAGE_SIZE = 20;

export default function HazardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const status = (FILTERS as string[]).includes(params.get('status') ?? '') ? (params.get('status') as HazardFilter) : 'active';
  const unitId = Number(params.get('unit')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    if (!('page' in patch)) next.delete('page');
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'status' && v === 'active')) next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const { data, isFetching, error } = useHazards({ status, unitId, page, pageSize: PAGE_SIZE });
  const stats = useHazardStats(unitId);
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: () => api.get<UnitDetail>(`/api/units/${unitId}`), enabled: !!unitId });

  const columns: ColumnsType<Hazard> = [
    { title: t('hazards.field.category'), dataIndex: 'category', render: (c: string) => <HazardCategoryTag category={c} /> },
    {
      title: t('hazards.field.place'),
      dataIndex: 'place',
      render: (place: string, h) => (
        <span>
          {place || t('hazards.coordsOnly')}
          {h.latitude !== null && <EnvironmentOutlined style={{ color: '#389e0d', marginInlineStart: 6 }} />}
        </span>
      ),
    },
    { title: t('hazards.field.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('hazards.field.reportedAt'), dataIndex: 'reportedAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('hazards.field.dueAt'), dataIndex: 'dueAt', width: 190, render: (v: string, h) => <Space size={4}>{formatDateTime(v)}<OverdueTag overdue={h.overdue} /></Space> },
    { title: t('hazards.field.assignee'), dataIndex: ['assignee', 'name'], ellipsis: true, render: (v: string | undefined) => v ?? '—' },
    { title: t('hazards.field.status'), dataIndex: 'status', render: (s: string) => <HazardStatusTag status={s} /> },
  ];

  const items = data?.items ?? [];
  const pagination = { current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showTotal: (n: number) => t('hazards.total', { count: n }), onChange: (p: number) => set({ page: p }) };
  const totals = stats.data?.totals;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="hazards-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('hazards.list.title')}
        </Typography.Title>
        {can('hazard.report') && (
          <Link to="/hazards/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="hazards-report">
              {t('hazards.report.title')}
            </Button>
          </Link>
        )}
      </div>
      <Row gutter={[8, 8]}>
        <Col xs={8}>
          <Card size="small" hoverable onClick={() => set({ status: 'open' })}>
            <Statistic title={t('hazards.stats.open')} value={totals?.open ?? '—'} data-testid="hazard-stat-open" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small" hoverable onClick={() => set({ status: 'overdue' })} style={{ background: totals?.overdue ? '#fff1f0' : undefined }}>
            <Statistic title={t('hazards.stats.overdue')} value={totals?.overdue ?? '—'} styles={{ content: { color: totals?.overdue ? '#cf1322' : undefined } }} data-testid="hazard-stat-overdue" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small" hoverable onClick={() => set({ status: 'fixed' })}>
            <Statistic title={t('hazards.stats.awaiting')} value={totals ? totals.active - totals.open : '—'} data-testid="hazard-stat-awaiting" />
          </Card>
        </Col>
      </Row>
      {(stats.data?.villages.length ?? 0) > 0 && (
        <Card size="small" title={t('hazards.chart.title')}>
          <Suspense fallback={<Spin />}>
            <HazardChart villages={stats.data!.villages} onPick={(id) => set({ unit: id })} />
          </Suspense>
        </Card>
      )}
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={14}>
            <div style={{ overflowX: 'auto' }}>
              <Segmented<HazardFilter>
                value={status}
                onChange={(v) => set({ status: v })}
                options={FILTERS.map((f) => ({ value: f, label: <span data-testid={`hazard-filter-${f}`}>{t(`hazards.filter.${f}`)}</span> }))}
              />
            </div>
          </Col>
          <Col xs={24} md={10}>
            <UnitPicker value={unitId ?? null} initialUnit={unit.data} placeholder={t('hazards.list.allUnits')} onChange={(id) => set({ unit: id })} />
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPhone ? (
        <Spin spinning={isFetching}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="hazards-list">
            {items.length === 0 && !isFetching && <Empty description={t('hazards.list.none')} />}
            {items.map((h) => <HazardCard key={h.id} hazard={h} />)}
            {(data?.total ?? 0) > PAGE_SIZE && <Pagination {...pagination} size="small" style={{ textAlign: 'center' }} />}
          </div>
        </Spin>
      ) : (
        <Table<Hazard>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          onRow={(h) => ({
            onClick: () => navigate(`/hazards/${h.id}`),
            style: { cursor: 'pointer', background: h.overdue ? '#fff1f0' : undefined },
            'data-testid': h.overdue ? 'hazard-row-overdue' : 'hazard-row',
          }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t('hazards.list.none')} /> }}
          data-testid="hazards-table"
        />
      )}
    </Space>
  );
}
