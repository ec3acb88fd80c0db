import type uPlot from 'uplot';
import { strokeReferenceLine } from '../charts/referenceLine.js';

export interface ThresholdLine {
  value: number;
  color: string;
  label: string;
}

/** Dashed vertical lines at x values (the challenge and deny cut-offs), labelled at the top. */
export function thresholdLines(lines: readonly ThresholdLine[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          const dpr = devicePixelRatio || 1;
          const { top, left, width } = u.bbox;
          for (const line of lines) {
            ctx.save();
            const x = strokeReferenceLine(u, 'x', line.value, { color: line.color, width: 2, dash: [6, 4] });
            ctx.fillStyle = line.color;
            ctx.font = `600 ${11 * dpr}px system-ui, sans-serif`;
            // Labels near the right edge go to the line's left so they stay inside the plot.
            const rightHalf = x > left + width * 0.7;
            ctx.textAlign = rightHalf ? 'right' : 'left';
            ctx.fillText(line.label, x + (rightHalf ? -5 : 5) * dpr, top + 12 * dpr);
            ctx.restore();
          }
        },
      ],
    },
  };
}
