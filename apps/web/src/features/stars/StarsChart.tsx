// Members per number of stars (0–5), a bar chart loaded lazily with ECharts. A click on a bar
// filters the preview to that number.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface StarsChartProps {
  /** Members with 0, 1, … 5 stars. */
  counts: number[];
  labels: string[];
  seriesName: string;
  /** The bar shown as chosen (a filter), if any. */
  selected?: number;
  onPick?: (stars: number) => void;
  height?: number;
}

export default function StarsChart({ counts, labels, seriesName, selected, onPick, height = 220 }: StarsChartProps) {
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: seriesName,
          barMaxWidth: 36,
          data: counts.map((value, i) => ({ value, itemStyle: { color: selected === undefined || selected === i ? '#c8161d' : '#f4a9a8' } })),
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [counts, labels, seriesName, selected],
  );
  return <EChart option={option} height={height} testId="preview-chart" onItemClick={onPick} />;
}
