// 比作风、比贡献: the branch compares its members' conduct and contribution for a year — from the
// points ledger and the commitments — in a sortable table, a bar chart and an Excel export. A
// secretary can enter a commitment on behalf of a member from here.
import { DownloadOutlined } from '@ant-design/icons';
import { todayYmd } from '@xianfeng/domain';
import { Alert, App, Button, Card, Col, Empty, Row, Select, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, errorMessage } from '../../api/client.ts';
import { useCan } from '../../auth/session.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { CompareTable } from './compare/CompareTable.tsx';
import { ProxyDrawer } from './compare/ProxyDrawer.tsx';
import { useCompare } from './hooks.ts';
import { COMPARE_SORTS, type CompareRow, type CompareSort } from './types.ts';

const CompareChart = lazy(() => import('./compare/CompareChart.tsx'));

export default function ComparePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { unitId, unit, params, setParam } = useUnitChoice('points.read');
  const thisYear = Number(todayYmd().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const rawSort = params.get('sort') as CompareSort | null;
  const sort: CompareSort = rawSort && (COMPARE_SORTS as readonly string[]).includes(rawSort) ? rawSort : 'score';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Number(params.get('page')) || 1;
  const pageSize = [20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const [proxy, setProxy] = useState<CompareRow | null>(null);
  const [exporting, setExporting] = useState(false);
  const { data, isPending, isFetching, error } = useCompare({ unitId, year, sort, order, page, pageSize });

  const exportXlsx = async () => {
    if (!unitId) return;
    setExporting(true);
    try {
      await download('/api/commitments/compare/export', { unitId, year, sort, order }, `${year}.xlsx`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const rate = data && data.summary.members > 0 ? Math.round((data.summary.committed / data.summary.members) * 100) : 0;
  return (
    <div data-testid="compare-page" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.commitmentsCompare')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('commitments.compare.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]} align="middle">
          <Col xs={24} md={12}>
            <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setParam({ unit: id, page: undefined })} data-testid="compare-unit" />
          </Col>
          <Col xs={12} md={6}>
            <Select
              style={{ width: '100%' }}
              value={year}
              options={[0, 1, 2, 3, 4].map((n) => ({ value: thisYear - n, label: t('commitments.compare.year', { year: thisYear - n }) }))}
              onChange={(y) => setParam({ year: y === thisYear ? undefined : y, page: undefined })}
              data-testid="compare-year"
            />
          </Col>
          <Col xs={12} md={6} style={{ textAlign: 'right' }}>
            <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting} disabled={!unitId} data-testid="compare-export">
              {t('commitments.compare.export')}
            </Button>
          </Col>
        </Row>
      </Card>
      {!unitId ? (
        <Empty description={t('commitments.compare.pickUnit')} />
      ) : isPending ? (
        <Skeleton active />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('commitments.compare.members')} value={data.summary.members} data-testid="compare-members" />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('commitments.compare.committedCount')} value={data.summary.committed} suffix={<span style={{ fontSize: 13 }}>({rate}%)</span>} data-testid="compare-committed-count" />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small">
                <Statistic title={t('commitments.compare.updatesCount')} value={data.summary.updates} data-testid="compare-updates-count" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('commitments.compare.tableTitle', { unit: data.unit.name, year: data.year })} styles={{ body: { padding: 0 } }}>
            <CompareTable
              data={data}
              loading={isFetching}
              sort={sort}
              order={order}
              onSort={(s, o) => setParam({ sort: s === 'score' && o === 'desc' ? undefined : s, order: o === 'desc' ? undefined : o, page: undefined })}
              onPage={(p, size) => setParam({ page: p === 1 ? undefined : p, size: size === 20 ? undefined : size })}
              onProxy={can('points.approve') ? setProxy : undefined}
            />
          </Card>
          <Card size="small" title={t('commitments.compare.chartTitle')}>
            {data.items.length === 0 ? (
              <Empty description={t('commitments.compare.none')} />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <CompareChart
                  rows={data.items}
                  names={{ base: t('commitments.compare.base'), deduction: t('commitments.compare.deduction'), bonus: t('commitments.compare.bonus') }}
                />
              </Suspense>
            )}
          </Card>
        </>
      )}
      <ProxyDrawer member={proxy ? { id: proxy.memberId, name: proxy.name } : null} onClose={() => setProxy(null)} />
    </div>
  );
}
