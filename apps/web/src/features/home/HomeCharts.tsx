// The home page's charts, imported lazily by the home page with just the two chart
// types it draws, so no other page pays for it.
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<PieSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface HomeChartsProps {
  /** Members by status: already labelled. */
  byStatus: { name: string; value: number }[];
  /** Units by kind: already labelled. */
  byKind: { name: string; value: number }[];
  kind: 'status' | 'unitKind';
  height?: number;
}

const PALETTE = ['#c8161d', '#fa8c16', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#faad14', '#2f54eb', '#a0d911'];

export default function HomeCharts({ byStatus, byKind, kind, height = 260 }: HomeChartsProps) {
  const key = JSON.stringify([kind, byStatus, byKind]);
  const option = useMemo<Option>(() =>
    kind === 'status'
      ? {
          color: PALETTE,
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0 },
          series: [{ type: 'pie', radius: ['45%', '70%'], center: ['50%', '45%'], data: byStatus, label: { formatter: '{b}\n{c}' } }],
        }
      : {
          color: PALETTE,
          tooltip: { trigger: 'axis' },
          grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: byKind.map((k) => k.name), inverse: true },
          series: [{ type: 'bar', data: byKind.map((k) => k.value), barMaxWidth: 18, itemStyle: { color: '#c8161d' } }],
        },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized data is the dependency
    [key],
  );
  return <EChart option={option} height={height} />;
}
