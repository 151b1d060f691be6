// The charts of the mediation figures: cases by type (pie) and by outcome (bar). Loaded lazily, so
// ECharts is fetched only by the statistics page.
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.tsx';
import { useMediationLabels } from './labels.ts';
import type { MediationStats } from './types.ts';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<PieSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const OUTCOME_COLORS = { agreed: '#52c41a', failed: '#fa8c16', withdrawn: '#8c8c8c', open: '#1677ff' } as const;

export default function StatsCharts({ stats, height }: { stats: MediationStats; height: number }) {
  const { t } = useTranslation();
  const labels = useMediationLabels();
  const key = JSON.stringify(stats);
  const byType = useMemo<Option>(() => ({
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{
      type: 'pie',
      radius: ['35%', '65%'],
      top: 0,
      bottom: 30,
      data: Object.entries(stats.byType).map(([type, n]) => ({ name: labels.type(type), value: n })),
    }],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized figures and the labels are the dependency
  }), [key, labels]);
  const byOutcome = useMemo<Option>(() => {
    const keys = ['agreed', 'failed', 'withdrawn', 'open'] as const;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: keys.map((k) => t(`mediation.stats.outcome.${k}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 48, data: keys.map((k) => ({ value: stats.byOutcome[k], itemStyle: { color: OUTCOME_COLORS[k] } })) }],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized figures and the language are the dependency
  }, [key, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card size="small" title={t('mediation.stats.byType')}><EChart option={byType} height={height} testId="mediation-chart-type" /></Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('mediation.stats.byOutcome')}><EChart option={byOutcome} height={height} testId="mediation-chart-outcome" /></Card>
      </Col>
    </Row>
  );
}
