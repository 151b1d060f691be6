// 调解统计: the figures of a unit's subtree without a single name — cases, agreement rate, median
// days to agreement, by type and by outcome (charts), and by village.
import { Alert, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsPhone } from '../../lib/useIsPhone.ts';
import { useUnitChoice } from '../points/useUnitChoice.ts';
import { useMediationStats } from './hooks.ts';

const StatsCharts = lazy(() => import('./StatsCharts.tsx'));

export default function StatsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { unitId, unit, params, setParam } = useUnitChoice('mediation.read');
  const year = params.get('year') ?? undefined;
  const { data: s, error, isFetching } = useMediationStats(unitId, year);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="mediation-stats-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('mediation.stats.title')}</Typography.Title>
      <Card size="small">
        <Space wrap>
          <UnitPicker value={unitId ?? null} initialUnit={unit} allowClear={false} onChange={(id) => setParam({ unit: id })} style={{ minWidth: 240 }} />
          <Select<string> allowClear value={year} onChange={(v) => setParam({ year: v })} placeholder={t('mediation.stats.allYears')} options={years.map((y) => ({ value: y, label: y }))} style={{ width: 140 }} />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {!s ? (isFetching ? <Skeleton active /> : <Empty />) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('mediation.stats.total')} value={s.total} data-testid="mediation-stats-total" /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('mediation.stats.agreementRate')} value={s.agreementRate === null ? '—' : (s.agreementRate * 100).toFixed(1)} suffix={s.agreementRate === null ? undefined : '%'} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('mediation.stats.medianDays')} value={s.medianDaysToAgreement ?? '—'} suffix={s.medianDaysToAgreement === null ? undefined : t('mediation.stats.days')} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('mediation.stats.open')} value={s.byOutcome.open} /></Card></Col>
          </Row>
          {s.total === 0 ? <Empty description={t('mediation.stats.none')} /> : (
            <Suspense fallback={<Skeleton active />}>
              <StatsCharts stats={s} height={isPhone ? 240 : 300} />
            </Suspense>
          )}
          <Card size="small" title={t('mediation.stats.byUnit')}>
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={s.byUnit}
              columns={[
                { title: t('mediation.list.village'), dataIndex: 'unitName' },
                { title: t('mediation.stats.total'), dataIndex: 'cases' },
                { title: t('mediation.stats.outcome.agreed'), dataIndex: 'agreed' },
              ]}
              data-testid="mediation-stats-units"
            />
          </Card>
        </>
      )}
    </Space>
  );
}
