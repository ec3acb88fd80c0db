import type { HistogramLayout } from './histogram.js';

/** Sums over a node's rows. */
export interface NodeTotals {
  gradient: number;
  hessian: number;
  count: number;
}

export interface SplitConstraints {
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l2: number;
}

/** The best split of one node; gain <= 0 means no admissible split was found. */
export interface SplitCandidate {
  gain: number;
  feature: number;
  /** Value bins 0..bin go left. bin = bins[feature] - 1 (every value left) is the "missing or not" split. */
  bin: number;
  missingLeft: boolean;
  left: NodeTotals;
}

export function emptyCandidate(): SplitCandidate {
  return { gain: 0, feature: -1, bin: 0, missingLeft: false, left: { gradient: 0, hessian: 0, count: 0 } };
}

/**
 * Scans every feature's histogram for the split with the largest gain
 * G_L^2 / (H_L + l2) + G_R^2 / (H_R + l2) - G^2 / (H + l2), i.e. the drop in the second-order
 * approximation of the loss. Missing values are tried on both sides; when the node has none, they are
 * sent to the side with more rows, the likelier home for an unseen missing value. Ties keep the first
 * candidate found (lower feature, lower bin, missing right), so results do not depend on anything else.
 */
export function findBestSplit(
  histogram: Float64Array,
  layout: HistogramLayout,
  bins: Uint16Array,
  totals: NodeTotals,
  constraints: SplitConstraints,
  out: SplitCandidate,
): SplitCandidate {
  const { minSamplesLeaf, minHessianLeaf, l2 } = constraints;
  const G = totals.gradient;
  const H = totals.hessian;
  const C = totals.count;
  const parentScore = (G * G) / (H + l2);
  let bestGain = 0;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestG = 0;
  let bestH = 0;
  let bestC = 0;

  for (let f = 0; f < bins.length; f++) {
    const nb = bins[f] as number;
    const base = 3 * (layout.offsets[f] as number);
    const m = base + 3 * nb;
    const gm = histogram[m] as number;
    const hm = histogram[m + 1] as number;
    const cm = histogram[m + 2] as number;
    // Totals over the node's non-missing values.
    const gv = G - gm;
    const hv = H - hm;
    const cv = C - cm;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < nb - 1; b++) {
      const k = base + 3 * b;
      gl += histogram[k] as number;
      hl += histogram[k + 1] as number;
      cl += histogram[k + 2] as number;
      // With no values on the left, the split is "missing or not", tried below.
      if (cl === 0 || cl + cm < minSamplesLeaf) continue;
      const cr = cv - cl;
      // The right side only shrinks from here on.
      if (cr === 0 || cr + cm < minSamplesLeaf) break;
      const gr = gv - gl;
      const hr = hv - hl;
      // Missing values to the right.
      if (cl >= minSamplesLeaf && hl >= minHessianLeaf && hr + hm >= minHessianLeaf) {
        const gain = (gl * gl) / (hl + l2) + ((gr + gm) * (gr + gm)) / (hr + hm + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          // With no missing values in the node, unseen ones follow the larger side.
          bestMissingLeft = cm === 0 && cl >= cr;
          bestG = gl;
          bestH = hl;
          bestC = cl;
        }
      }
      // Missing values to the left.
      if (cm > 0 && cr >= minSamplesLeaf && hr >= minHessianLeaf && hl + hm >= minHessianLeaf) {
        const gain = ((gl + gm) * (gl + gm)) / (hl + hm + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestMissingLeft = true;
          bestG = gl + gm;
          bestH = hl + hm;
          bestC = cl + cm;
        }
      }
    }
    // Missing versus everything else.
    if (cm >= minSamplesLeaf && cv >= minSamplesLeaf && hm >= minHessianLeaf && hv >= minHessianLeaf) {
      const gain = (gv * gv) / (hv + l2) + (gm * gm) / (hm + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = nb - 1;
        bestMissingLeft = false;
        bestG = gv;
        bestH = hv;
        bestC = cv;
      }
    }
  }
  out.gain = bestGain;
  out.feature = bestFeature;
  out.bin = bestBin;
  out.missingLeft = bestMissingLeft;
  out.left.gradient = bestG;
  out.left.hessian = bestH;
  out.left.count = bestC;
  return out;
}
