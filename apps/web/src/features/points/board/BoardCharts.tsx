// The board's two charts, loaded lazily with ECharts: how the period's scores spread (ten-point bins)
// and how the unit did over recent periods (average and best score).
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface BoardChartsProps {
  kind: 'distribution' | 'trend';
  /** Bins already labelled ("90–99"). */
  distribution: { label: string; count: number }[];
  /** Periods already labelled. */
  trend: { label: string; average: number; best: number }[];
  names: { members: string; average: string; best: string };
  height?: number;
}

export default function BoardCharts({ kind, distribution, trend, names, height = 260 }: BoardChartsProps) {
  const key = JSON.stringify([kind, distribution, trend, names]);
  const option = useMemo<Option>(
    () =>
      kind === 'distribution'
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: distribution.map((d) => d.label) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: names.members, data: distribution.map((d) => d.count), barMaxWidth: 28, itemStyle: { color: '#c8161d' } }],
          }
        : {
            color: ['#1677ff', '#c8161d'],
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
            xAxis: { type: 'category', data: trend.map((p) => p.label), boundaryGap: false },
            yAxis: { type: 'value' },
            series: [
              { type: 'line', name: names.average, data: trend.map((p) => p.average), smooth: true },
              { type: 'line', name: names.best, data: trend.map((p) => p.best), smooth: true },
            ],
          },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized data is the dependency
    [key],
  );
  return <EChart option={option} height={height} testId={`board-chart-${kind}`} />;
}
