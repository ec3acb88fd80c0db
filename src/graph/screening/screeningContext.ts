import type { Label } from '../../core/label.js';
import type { ExposureSources } from '../exposure/exposureScreener.js';
import { categoryWeight, DEFAULT_CATEGORY_WEIGHTS } from '../exposure/riskScore.js';
import type { TransferGraphView } from '../transferGraphView.js';

export interface ScreeningContextInput {
  graph: TransferGraphView;
  /** Labels of the graph's chain, addresses in canonical form (as the store keeps them). */
  labels: Iterable<Label>;
  /** Category → severity; the default table when absent (see riskScore.ts). */
  categoryWeights?: Readonly<Record<string, number>>;
}

export interface ScreeningContext {
  /** Labelled nodes of the graph → the category the screener weighs them by. */
  sources: ExposureSources;
  /** Every label of every labelled address in the graph, so a report can name them. */
  labelsByAddress: ReadonlyMap<string, readonly Label[]>;
}

/**
 * Turns stored labels into the screener's exposure sources. Labels of addresses the graph never saw
 * are dropped (they cannot be reached). An address with several labels counts under its heaviest
 * category, so a sanctioned address also listed as a scam is screened as sanctioned; one whose labels
 * all weigh 0 (an exchange) is named but not a source.
 */
export function buildScreeningContext(input: ScreeningContextInput): ScreeningContext {
  const weights = input.categoryWeights ?? DEFAULT_CATEGORY_WEIGHTS;
  const sources = new Map<number, string>();
  const labelsByAddress = new Map<string, Label[]>();
  for (const label of input.labels) {
    const node = input.graph.nodeOf(label.address);
    if (node < 0) continue;
    const list = labelsByAddress.get(label.address);
    if (list === undefined) labelsByAddress.set(label.address, [label]);
    else list.push(label);
    const weight = categoryWeight(label.category, weights);
    // A weightless label (an exchange) names the address in reports but is no source of risk.
    if (weight <= 0) continue;
    const current = sources.get(node);
    if (current === undefined || weight > categoryWeight(current, weights)) {
      sources.set(node, label.category);
    }
  }
  return { sources, labelsByAddress };
}
