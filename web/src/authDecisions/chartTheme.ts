import type uPlot from 'uplot';

/** The page's CSS colours for canvas drawing, which cannot read CSS variables itself. */
export function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** An axis in the dashboard's colours (muted labels, faint grid), light or dark. */
export function themedAxis(extra: uPlot.Axis = {}): uPlot.Axis {
  const line = cssColor('--line', '#dde1e8');
  return {
    stroke: cssColor('--muted', '#6b7280'),
    grid: { stroke: line, width: 1 },
    ticks: { stroke: line, width: 1 },
    ...extra,
  };
}
