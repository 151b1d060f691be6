// 恢复曲线: hour by hour, how many outages of each kind were still open — the shape of Pingtian's
// "roads in 24 hours, power in 36, water in 48". Stacked steps: a count changes at an event, and the
// bands add up to everything still out.
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, TooltipComponent,
  type DataZoomComponentOption, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { OUTAGE_KIND_VALUES } from '@xianfeng/domain';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';
import { OUTAGE_COLORS, useFieldLabels } from '../field/labels.ts';
import type { CurvePoint } from './types.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | DataZoomComponentOption>;

export default function RestorationChart({ curve, height = 300 }: { curve: CurvePoint[]; height?: number }) {
  const { outageKind } = useFieldLabels();
  const key = JSON.stringify(curve);
  const option = useMemo<Option>(() => {
    const sameYear = curve.every((p) => dayjs(p.at).year() === dayjs().year());
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: OUTAGE_KIND_VALUES.map((k) => outageKind(k)) },
      grid: { left: 8, right: 16, top: 36, bottom: curve.length > 48 ? 48 : 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: curve.map((p) => dayjs(p.at).format(sameYear ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm')) },
      yAxis: { type: 'value', minInterval: 1 },
      dataZoom: curve.length > 48 ? [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 8 }] : [],
      series: OUTAGE_KIND_VALUES.map((k) => ({
        type: 'line',
        name: outageKind(k),
        step: 'end',
        stack: 'open',
        symbol: 'none',
        color: OUTAGE_COLORS[k],
        lineStyle: { width: 1 },
        areaStyle: { opacity: 0.45 },
        data: curve.map((p) => p.open[k] ?? 0),
      })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the serialized curve and the labels are the dependency
  }, [key, outageKind]);
  return <EChart option={option} height={height} testId="restoration-chart" />;
}
