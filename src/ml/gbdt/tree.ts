/**
 * One regression tree as parallel flat arrays indexed by node id; node 0 is the root. Every node has a
 * value (the Newton step -G / (H + l2) times the learning rate, over the rows that reached it), so
 * internal nodes carry what the tree would output had it stopped there; explanations walk those.
 */
export interface Tree {
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array;
  /** `value <= threshold` goes left; +Infinity sends every non-missing value left (a missing-or-not split). */
  threshold: Float64Array;
  /** 1 when a missing (NaN) value goes left. */
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/** The leaf a row reaches; the row is data[offset .. offset + features). */
export function leafOf(tree: Tree, data: Float64Array, offset: number): number {
  const { feature, threshold, missingLeft, left, right } = tree;
  let node = 0;
  let f = feature[0] as number;
  while (f >= 0) {
    const v = data[offset + f] as number;
    const goLeft = Number.isNaN(v) ? missingLeft[node] === 1 : v <= (threshold[node] as number);
    node = (goLeft ? left[node] : right[node]) as number;
    f = feature[node] as number;
  }
  return node;
}

/**
 * Adds to `contributions` each split's change in node value along the row's path, credited to the
 * split feature (Saabas). They telescope: their sum is the leaf value minus the root value.
 */
export function addPathContributions(
  tree: Tree,
  data: Float64Array,
  offset: number,
  contributions: Float64Array,
): void {
  const { feature, threshold, missingLeft, left, right, value } = tree;
  let node = 0;
  let f = feature[0] as number;
  while (f >= 0) {
    const v = data[offset + f] as number;
    const goLeft = Number.isNaN(v) ? missingLeft[node] === 1 : v <= (threshold[node] as number);
    const child = (goLeft ? left[node] : right[node]) as number;
    contributions[f] = (contributions[f] as number) + (value[child] as number) - (value[node] as number);
    node = child;
    f = feature[node] as number;
  }
}
