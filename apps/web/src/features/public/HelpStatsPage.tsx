// A village's help statistics, public: how many asked, how fast members accepted and resolved,
// how residents rated it, month by month. Figures only — nothing about any person.
import { Card, Col, Result, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { PageSpin } from '../../components/PageSpin.tsx';
import { usePublicStats } from '../help/hooks.ts';
import { useHelpLabels } from '../help/labels.ts';

const StatsChart = lazy(() => import('../help/StatsChart.tsx').then((m) => ({ default: m.StatsChart })));

export default function HelpStatsPage() {
  const { t } = useTranslation();
  const labels = useHelpLabels();
  const { villageCode = '' } = useParams();
  const [months, setMonths] = useState(12);
  const { data, error } = usePublicStats(villageCode, months);
  if (error) return <Result status="404" title={errorMessage(error)} />;
  if (!data) return <PageSpin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="help-stats-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('help.stats.title', { village: data.village.name })}
        </Typography.Title>
        <Segmented value={months} onChange={(v) => setMonths(Number(v))} options={[3, 6, 12].map((m) => ({ value: m, label: t('help.stats.months', { n: m }) }))} />
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('help.stats.total')} value={data.total} data-testid="help-stats-total" /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('help.stats.medianAccept')} value={labels.minutes(data.medianMinutesToAccept)} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('help.stats.medianResolve')} value={labels.minutes(data.medianMinutesToResolve)} /></Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small"><Statistic title={t('help.stats.rating')} value={data.averageRating ?? '—'} /></Card>
        </Col>
      </Row>
      <Card size="small" title={t('help.stats.perMonth')}>
        <Suspense fallback={<PageSpin />}>
          <StatsChart months={data.months} />
        </Suspense>
      </Card>
      <Card size="small" title={t('help.stats.perCategory')}>
        <Row gutter={[12, 12]}>
          {data.byCategory.map((c) => (
            <Col key={c.value} xs={8} md={4}>
              <Statistic title={labels.category(c.value)} value={c.count} />
            </Col>
          ))}
        </Row>
      </Card>
      <Link to={`/public/help/${encodeURIComponent(villageCode)}`}>{t('help.stats.ask')}</Link>
    </Space>
  );
}
