/**
 * Unsupervised choice and weighting of ensemble members. With no labels, the best available stand-in
 * for the truth is what the members agree on: the consensus of their rank-normalised scores. A
 * member that disagrees with the others is more likely to be measuring something irrelevant (or to
 * be inverted on this data) than to be the one right detector, so it is dropped or down-weighted.
 *
 * - 'correlation': every member with a positive correlation is kept, weighted by that correlation;
 *   an inverted or unrelated member gets weight 0. The default: it never drops a member the others
 *   agree with, which matters for small pools.
 * - 'select': the vertical selection of SELECT (Rayana & Akoglu, "Less is More: Building Selective
 *   Anomaly Ensembles", TKDD 2016). Members are sorted by their correlation with the consensus; the
 *   most correlated starts the ensemble and each next one joins only if the average with it
 *   correlates better with the consensus than the average without it. Kept members weigh equally.
 *   It also prunes members that are merely noisier than the rest, so it suits pools of many
 *   detectors; with three or four, the kept members make up much of each candidate's target and it
 *   tends to keep just one.
 * - 'none': every member, equal weights.
 *
 * One departure from the paper: a member is always judged against the consensus of the OTHER
 * members (leave-one-out). The paper's target includes the candidate itself, which rewards adding
 * anything, noise included: the average of all members correlates perfectly with a target that is
 * the average of all members. Against the others' consensus, a noisy or inverted member lowers the
 * correlation and is left out.
 *
 * Correlation is Pearson's between rank vectors, weighted so the consensus' top share (the pseudo
 * anomalies) weighs as much as the rest, as SELECT weights its pseudo ground truth: agreement on
 * which rows are anomalous matters, agreement on how the bulk of normal rows is ordered mostly not.
 */
export const SELECTION_METHODS = ['correlation', 'select', 'none'] as const;
export type SelectionMethod = (typeof SELECTION_METHODS)[number];

export interface MemberSelection {
  /** Weight per member (summing to 1); 0 for a dropped member. */
  weights: Float64Array;
  /** Each member's weighted correlation with the consensus of the other members. */
  correlations: Float64Array;
}

/** Share of rows the consensus ranks highest that act as pseudo anomalies. */
export const PSEUDO_ANOMALY_SHARE = 0.1;

/**
 * @param ranks one array per member: its rank-normalised scores on the same rows (higher = more
 *   anomalous), e.g. RankNormalizer applied to the member's training scores.
 */
export function selectMembers(ranks: readonly Float64Array[], method: SelectionMethod): MemberSelection {
  const members = ranks.length;
  if (members === 0) throw new RangeError('selection needs at least one member');
  const n = (ranks[0] as Float64Array).length;
  if (ranks.some((r) => r.length !== n)) throw new RangeError('every member must score the same rows');
  const all = Array.from({ length: members }, (_, k) => k);
  // Leave-one-out targets (see the file comment); with one member it can only be its own target.
  const targets = all.map((k) => {
    const others = members > 1 ? all.filter((m) => m !== k) : all;
    const target = average(ranks, others);
    return { target, rowWeights: pseudoLabelWeights(target, PSEUDO_ANOMALY_SHARE) };
  });
  const correlationWith = (scores: Float64Array, k: number): number => {
    const { target, rowWeights } = targets[k] as { target: Float64Array; rowWeights: Float64Array };
    return weightedCorrelation(scores, target, rowWeights);
  };
  const correlations = Float64Array.from(all, (k) => correlationWith(ranks[k] as Float64Array, k));
  const weights = new Float64Array(members);
  if (method === 'none') {
    weights.fill(1 / members);
  } else if (method === 'correlation') {
    let total = 0;
    for (let k = 0; k < members; k++) total += Math.max(0, correlations[k] as number);
    for (let k = 0; k < members; k++) {
      weights[k] = total > 0 ? Math.max(0, correlations[k] as number) / total : 1 / members;
    }
  } else {
    const order = [...all].sort((a, b) => (correlations[b] as number) - (correlations[a] as number) || a - b);
    const kept = [order[0] as number];
    for (const k of order.slice(1)) {
      // Judged on k's own leave-one-out target: does adding k bring the ensemble closer to the others?
      const without = correlationWith(average(ranks, kept), k);
      const withIt = correlationWith(average(ranks, [...kept, k]), k);
      if (withIt > without) kept.push(k);
    }
    for (const k of kept) weights[k] = 1 / kept.length;
  }
  return { weights, correlations };
}

/** Element-wise mean of the listed members' rank vectors. */
function average(ranks: readonly Float64Array[], members: readonly number[]): Float64Array {
  const n = (ranks[0] as Float64Array).length;
  const out = new Float64Array(n);
  for (const k of members) {
    const r = ranks[k] as Float64Array;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (r[i] as number);
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / members.length;
  return out;
}

/**
 * Row weights that give the top `share` of the target (the pseudo anomalies) and the rest half the
 * total weight each. Ties at the cut go to the anomalies, so a block of equal scores is not split.
 */
export function pseudoLabelWeights(target: Float64Array, share: number): Float64Array {
  const n = target.length;
  const weights = new Float64Array(n);
  if (n === 0) return weights;
  const sorted = Float64Array.from(target).sort();
  const cut = sorted[Math.min(n - 1, Math.max(0, Math.floor(n * (1 - share))))] as number;
  let anomalies = 0;
  for (let i = 0; i < n; i++) if ((target[i] as number) >= cut) anomalies++;
  const normal = n - anomalies;
  for (let i = 0; i < n; i++) {
    const isAnomaly = (target[i] as number) >= cut;
    // With no normal rows (all tied) both classes collapse into one: plain equal weights.
    weights[i] = normal === 0 ? 1 / n : isAnomaly ? 0.5 / anomalies : 0.5 / normal;
  }
  return weights;
}

/** Pearson correlation of a and b under row weights w (which need not sum to 1); 0 if either is constant. */
export function weightedCorrelation(a: Float64Array, b: Float64Array, w: Float64Array): number {
  let sw = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    const wi = w[i] as number;
    sw += wi;
    ma += wi * (a[i] as number);
    mb += wi * (b[i] as number);
  }
  if (!(sw > 0)) return 0;
  ma /= sw;
  mb /= sw;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    const wi = w[i] as number;
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    cov += wi * da * db;
    va += wi * da * da;
    vb += wi * db * db;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}
