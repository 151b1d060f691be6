// 隐患排查 triage queue: the hazards of one's units, overdue ones first and in red, with the counts
// per village (open, overdue, awaiting verification) as figures and a chart. A grid worker or a
// secretary opens one to assign, verify, reopen or reject it.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { PlaceText } from '../../components/PlaceField.tsx';
import { ListFilters, ResponsiveList, useListParams } from '../../components/ResponsiveList.tsx';
import { formatDateTime } from '../../lib/dates.ts';
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
  const params = useListParams(FILTERS, 'active');
  const { status, unitId, page, set } = params;
  const { data, isFetching, error } = useHazards({ status, unitId, page, pageSize: PAGE_SIZE });
  const stats = useHazardStats(unitId);

  const columns: ColumnsType<Hazard> = [
    { title: t('hazards.field.category'), dataIndex: 'category', render: (c: string) => <HazardCategoryTag category={c} /> },
    { title: t('hazards.field.place'), dataIndex: 'place', render: (place: string, h) => <PlaceText place={place} latitude={h.latitude} /> },
    { title: t('hazards.field.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('hazards.field.reportedAt'), dataIndex: 'reportedAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('hazards.field.dueAt'), dataIndex: 'dueAt', width: 190, render: (v: string, h) => <Space size={4}>{formatDateTime(v)}<OverdueTag overdue={h.overdue} /></Space> },
    { title: t('hazards.field.assignee'), dataIndex: ['assignee', 'name'], ellipsis: true, render: (v: string | undefined) => v ?? '—' },
    { title: t('hazards.field.status'), dataIndex: 'status', render: (s: string) => <HazardStatusTag status={s} /> },
  ];

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
      <ListFilters params={params} filters={FILTERS} label={(f) => <span data-testid={`hazard-filter-${f}`}>{t(`hazards.filter.${f}`)}</span>} unitPlaceholder={t('hazards.list.allUnits')} />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <ResponsiveList<Hazard>
        data={data}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: p })}
        loading={isFetching}
        empty={t('hazards.list.none')}
        card={(h) => <HazardCard hazard={h} />}
        columns={columns}
        onOpen={(h) => navigate(`/hazards/${h.id}`)}
        row={(h) => ({ testId: h.overdue ? 'hazard-row-overdue' : 'hazard-row', background: h.overdue ? '#fff1f0' : undefined })}
        testId="hazards"
      />
    </Space>
  );
}
