// 隐患分布: open and overdue hazards per village, side by side, so the village falling behind
// stands out. Loaded lazily with ECharts.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.tsx';
import type { HazardStats } from './types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export default function HazardChart({ villages, onPick }: { villages: HazardStats['villages']; onPick?: (unitId: number) => void }) {
  const { t } = useTranslation();
  const key = JSON.stringify(villages);
  const option = useMemo<Option>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [t('hazards.chart.open'), t('hazards.chart.awaiting'), t('hazards.chart.overdue')] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: villages.map((v) => v.name), axisLabel: { interval: 0, rotate: villages.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: t('hazards.chart.open'), data: villages.map((v) => v.open - v.overdue), stack: 'work', color: '#fa8c16' },
      { type: 'bar', name: t('hazards.chart.overdue'), data: villages.map((v) => v.overdue), stack: 'work', color: '#cf1322' },
      { type: 'bar', name: t('hazards.chart.awaiting'), data: villages.map((v) => v.active - v.open), color: '#1677ff' },
    ],
  }), [key, t]); // `key` stands for `villages`: a new array with the same figures redraws nothing.
  return <EChart option={option} height={260} testId="hazard-chart" onItemClick={(i) => onPick?.(villages[i].unitId)} />;
}
