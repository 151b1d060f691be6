// How many candidates stand at each stage of the pipeline, as a bar chart (ECharts, loaded lazily
// with the page that shows it). Refused and withdrawn candidates come last, in grey and red.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface StageChartProps {
  /** Stages in pipeline order, already labelled. */
  bars: { label: string; count: number; color: string }[];
  height?: number;
}

export default function StageChart({ bars, height = 240 }: StageChartProps) {
  const key = JSON.stringify(bars);
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          label: { show: true, position: 'right' },
          data: bars.map((b) => ({ value: b.count, itemStyle: { color: b.color } })),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized bars are the dependency
    [key],
  );
  return <EChart option={option} height={height} testId="campaign-stage-chart" />;
}
