import type uPlot from 'uplot';
import { strokeReferenceLine } from '../charts/referenceLine.js';
import { LEVEL_COLOR } from './levelColor.js';
import { PSI_MODERATE, PSI_SIGNIFICANT } from './modelHealthSeries.js';

export interface PsiMarkers {
  /** New generations: time (s), generation and why. */
  retrains: { x: number; generation: number; reason: string }[];
  /** Checks that raised a drift alert: time (s) and PSI. */
  drifted: { x: number; psi: number }[];
  /** The check whose distribution is shown, if any (s). */
  selected: () => number | undefined;
  muted: string;
  accent: string;
}

/**
 * What the PSI line is read against: dashed lines at the 0.1 and 0.2 readings, a vertical line where
 * each new generation went in (labelled g<n>), a ring on every check that raised a drift alert, and
 * the check selected for the distribution chart.
 */
export function psiMarkers(m: PsiMarkers): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          const dpr = devicePixelRatio || 1;
          const { top, height, left, width } = u.bbox;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.font = `600 ${11 * dpr}px system-ui, sans-serif`;
          for (const [value, color, label] of [
            [PSI_MODERATE, LEVEL_COLOR.moderate, 'moderate 0.1'],
            [PSI_SIGNIFICANT, LEVEL_COLOR.significant, 'significant 0.2'],
          ] as const) {
            const y = strokeReferenceLine(u, 'y', value, { color, width: 1.5, dash: [6, 4] });
            ctx.fillStyle = color;
            ctx.textAlign = 'left';
            ctx.fillText(label, left + 4 * dpr, y - 4 * dpr);
          }
          ctx.textAlign = 'left';
          for (const r of m.retrains) {
            const x = strokeReferenceLine(u, 'x', r.x, { color: m.muted, width: 1.5, dash: [2, 3] });
            ctx.fillStyle = m.muted;
            ctx.fillText(`g${r.generation}`, x + 3 * dpr, top + 11 * dpr);
          }
          const selected = m.selected();
          if (selected !== undefined) {
            strokeReferenceLine(u, 'x', selected, { color: m.accent, width: 2, dash: [] });
          }
          ctx.setLineDash([]);
          ctx.strokeStyle = LEVEL_COLOR.significant;
          ctx.lineWidth = 2 * dpr;
          for (const d of m.drifted) {
            ctx.beginPath();
            ctx.arc(u.valToPos(d.x, 'x', true), u.valToPos(d.psi, 'y', true), 6 * dpr, 0, 2 * Math.PI);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
