// How far the warning has pierced each level of the tree (县/镇/村/支部/网格): per level, the units
// that acknowledged, those still within their deadline and those overdue, as stacked bars.
// ECharts is loaded only with the dashboard that shows this chart.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.tsx';
import type { DashboardFigures } from './types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export default function TierChart({ tiers }: { tiers: DashboardFigures['tiers'] }) {
  const { t } = useTranslation();
  const key = JSON.stringify(tiers);
  const option = useMemo<Option>(() => {
    const labels = tiers.map((x) => `${t(`warnings.tier.${x.tier}`)}  ${x.percent}%`);
    const series = (name: string, color: string, values: number[]): BarSeriesOption => ({
      name,
      type: 'bar',
      stack: 'units',
      barMaxWidth: 22,
      itemStyle: { color },
      label: { show: true, formatter: (p) => (Number(p.value) > 0 ? String(p.value) : ''), color: '#fff', fontSize: 11 },
      data: values,
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: labels },
      series: [
        series(t('warnings.chart.acknowledged'), '#52c41a', tiers.map((x) => x.acknowledged)),
        series(t('warnings.chart.pending'), '#91a7c1', tiers.map((x) => Math.max(0, x.units - x.acknowledged - x.overdue))),
        series(t('warnings.chart.overdue'), '#d9001b', tiers.map((x) => x.overdue)),
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized tiers are the dependency
  }, [key, t]);
  return <EChart option={option} height={Math.max(160, 48 + tiers.length * 40)} testId="warning-tier-chart" />;
}
