// One ECharts canvas that follows its container's size. Each chart module registers the chart
// types it draws (`echarts.use`) and builds its option; only those modules import this, and they
// are loaded lazily, so pages without charts never load ECharts.
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

export interface EChartProps {
  option: echarts.EChartsCoreOption;
  height: number;
  testId?: string;
  /** Called with the index of the clicked data item. */
  onItemClick?: (dataIndex: number) => void;
}

export function EChart({ option, height, testId, onItemClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p.dataIndex));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
