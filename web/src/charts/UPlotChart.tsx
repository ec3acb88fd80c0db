import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One uPlot chart that follows its container's width. uPlot draws on canvas and keeps no React state,
 * so the chart is rebuilt when the options change and only fed new data otherwise.
 */
export function UPlotChart(props: {
  options: Omit<uPlot.Options, 'width'>;
  data: uPlot.AlignedData;
  label: string;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const { options, data } = props;
  const latestData = useRef(data);
  latestData.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot({ ...options, width: Math.max(200, el.clientWidth) }, latestData.current, el);
    chart.current = plot;
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, el.clientWidth), height: options.height }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [options]);

  // Data changes are fed to the existing chart without rebuilding it.
  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={box} className={props.className ?? 'chart'} role="img" aria-label={props.label} />;
}

/** Bars for uPlot series (histograms, counts per bucket). */
export const barPaths = (): uPlot.Series.PathBuilder => {
  const bars = uPlot.paths.bars;
  if (!bars) throw new Error('uPlot was built without bar paths');
  return bars({ size: [0.8, 64] });
};
