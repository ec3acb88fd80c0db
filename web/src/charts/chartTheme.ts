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

/** Series colours that stay apart on light and dark backgrounds. */
const PALETTE = [
  '#2f5bea',
  '#e0602b',
  '#2e9d5b',
  '#b53fc4',
  '#c9a100',
  '#1597a8',
  '#d23a6e',
  '#6f7d16',
  '#8a5a2b',
  '#5b6bd6',
  '#d97a00',
  '#4a9e9e',
];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** A colour as rgba with this opacity (for #rrggbb colours). */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
