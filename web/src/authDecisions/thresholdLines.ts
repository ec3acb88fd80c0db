import type uPlot from 'uplot';

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
          const { top, height, left, width } = u.bbox;
          for (const line of lines) {
            const x = Math.round(u.valToPos(line.value, 'x', true));
            ctx.save();
            ctx.strokeStyle = line.color;
            ctx.lineWidth = 2 * dpr;
            ctx.setLineDash([6 * dpr, 4 * dpr]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
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
