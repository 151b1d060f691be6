// 落实进度图: for each decided topic, its follow-up actions by status as one stacked bar — how much
// of what the village decided is done, under way, delayed or not yet started.
import { ACTION_STATUSES } from '@xianfeng/domain';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';
import { ACTION_CHART_COLORS, useDeliberationLabels } from '../deliberation/labels.ts';
import type { PublicTopic } from '../deliberation/types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Long titles are cut so the axis stays readable on a phone; the tooltip shows the whole title. */
const short = (s: string) => (s.length > 12 ? `${s.slice(0, 11)}…` : s);

export default function DeliberationChart({ topics }: { topics: PublicTopic[] }) {
  const { actionStatus } = useDeliberationLabels();
  const withActions = topics.filter((t) => t.actions.length > 0).slice(0, 12).reverse();
  const key = JSON.stringify(withActions.map((t) => [t.id, t.actions.map((a) => a.status)]));
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: ACTION_STATUSES.map((s) => actionStatus(s)) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: withActions.map((t) => short(t.title)) },
      series: ACTION_STATUSES.map((s) => ({
        type: 'bar',
        name: actionStatus(s),
        stack: 'actions',
        color: ACTION_CHART_COLORS[s],
        data: withActions.map((t) => t.actions.filter((a) => a.status === s).length),
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized statuses and the labels are the dependency
    [key, actionStatus],
  );
  if (withActions.length === 0) return null;
  return <EChart option={option} height={Math.max(160, 48 + withActions.length * 36)} testId="deliberation-chart" />;
}
