// Requests filed and resolved per month, as bars (loaded only with the statistics page).
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.tsx';
import type { HelpStats } from './types.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

export function StatsChart({ months }: { months: HelpStats['months'] }) {
  const { t } = useTranslation();
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 32, right: 12, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('help.stats.filed'), data: months.map((m) => m.filed), itemStyle: { color: '#c8161d' } },
        { type: 'bar', name: t('help.stats.resolved'), data: months.map((m) => m.resolved), itemStyle: { color: '#52c41a' } },
      ],
    }),
    [months, t],
  );
  return <EChart option={option} height={260} testId="help-stats-chart" />;
}
