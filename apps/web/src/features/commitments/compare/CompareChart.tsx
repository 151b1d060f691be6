// The comparison as bars, loaded lazily with ECharts: for each member of the page, 作风 (base points,
// deductions) beside 贡献 (bonus points).
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface CompareChartProps {
  rows: { name: string; base: number; deduction: number; bonus: number }[];
  names: { base: string; deduction: string; bonus: string };
  height?: number;
}

export default function CompareChart({ rows, names, height = 300 }: CompareChartProps) {
  const key = JSON.stringify([rows, names]);
  const option = useMemo<Option>(
    () => ({
      color: ['#1677ff', '#cf1322', '#389e0d'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: names.base, data: rows.map((r) => r.base), barMaxWidth: 18 },
        { type: 'bar', name: names.deduction, data: rows.map((r) => r.deduction), barMaxWidth: 18 },
        { type: 'bar', name: names.bonus, data: rows.map((r) => r.bonus), barMaxWidth: 18 },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized data is the dependency
    [key],
  );
  return <EChart option={option} height={height} testId="compare-chart" />;
}
