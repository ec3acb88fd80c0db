import type uPlot from 'uplot';

export interface ReferenceLineStyle {
  color: string;
  /** In CSS pixels; scaled by the device pixel ratio. */
  width: number;
  /** Dash and gap in CSS pixels; [] for a solid line. */
  dash: readonly number[];
}

/**
 * Strokes a line across the plot at one value: vertical at an x value, horizontal at a y value
 * (thresholds, retrains, a selected point). Returns its position in canvas pixels so the caller can
 * place a label beside it. Leaves the stroke style and dash set, as a caller inside save/restore expects.
 */
export function strokeReferenceLine(
  u: uPlot,
  axis: 'x' | 'y',
  value: number,
  style: ReferenceLineStyle,
): number {
  const ctx = u.ctx;
  const dpr = devicePixelRatio || 1;
  const { top, height, left, width } = u.bbox;
  const at = Math.round(u.valToPos(value, axis, true));
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.width * dpr;
  ctx.setLineDash(style.dash.map((d) => d * dpr));
  ctx.beginPath();
  if (axis === 'x') {
    ctx.moveTo(at, top);
    ctx.lineTo(at, top + height);
  } else {
    ctx.moveTo(left, at);
    ctx.lineTo(left + width, at);
  }
  ctx.stroke();
  return at;
}
