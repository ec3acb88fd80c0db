import type uPlot from 'uplot';
import { barPaths } from '../charts/UPlotChart.js';
import { type AuthDecisionKind, DECISION_KINDS } from './authDecisionsApi.js';
import { OUTCOME_COLOR, OUTCOME_LABEL } from './outcomeStyle.js';

/**
 * Counts per outcome as stacked uPlot bars: uPlot has no stacking, so each series holds the running
 * total up to its outcome and they are drawn tallest first (deny on top of challenge on top of allow).
 * The legend still shows each outcome's own count.
 */
export function stackedOutcomes(
  x: number[],
  counts: Record<AuthDecisionKind, number[]>,
): { data: uPlot.AlignedData; series: uPlot.Series[] } {
  const running = DECISION_KINDS.map((_, k) =>
    x.map((_, i) => DECISION_KINDS.slice(0, k + 1).reduce((sum, kind) => sum + (counts[kind][i] ?? 0), 0)),
  );
  const order = [...DECISION_KINDS.keys()].reverse();
  const series: uPlot.Series[] = order.map((k) => {
    const kind = DECISION_KINDS[k] as AuthDecisionKind;
    return {
      label: OUTCOME_LABEL[kind],
      stroke: OUTCOME_COLOR[kind],
      fill: OUTCOME_COLOR[kind],
      width: 0,
      paths: barPaths(),
      points: { show: false },
      value: (_u, _v, _s, i) => (i == null ? '' : String(counts[kind][i] ?? 0)),
    };
  });
  return { data: [x, ...order.map((k) => running[k] as number[])], series };
}
