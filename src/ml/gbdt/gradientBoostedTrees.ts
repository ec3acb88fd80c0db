import { stratifiedHoldout, takeRows, takeValues } from '../crossValidation.js';
import type { Matrix } from '../matrix.js';
import { checkSaved, type SavedModel } from '../model.js';
import { BinMapper } from './binMapper.js';
import { baselineMargin, logisticGradients, logisticLoss, sigmoid } from './logisticLoss.js';
import { type GradientBoostedTreesOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { restoreState, type SavedTreesState, saveTree } from './savedState.js';
import { addPathContributions, leafOf, type Tree } from './tree.js';
import { TreeGrower } from './treeGrower.js';

const KIND = 'gradient-boosted-trees';
const VERSION = 1;
/** Above this many rows, earlyStopping 'auto' turns early stopping on (as scikit-learn does). */
const AUTO_EARLY_STOPPING_ROWS = 10_000;

/**
 * Histogram-based gradient-boosted decision trees for binary classification, in the manner of LightGBM
 * and scikit-learn's HistGradientBoostingClassifier.
 *
 * Each feature is cut into at most 255 quantile bins (plus one for missing values), so finding a split
 * is a scan over a small per-node histogram of gradient and hessian sums instead of a sort. Trees fit
 * the gradient of the log loss with Newton leaf values -G / (H + l2), shrunk by the learning rate, and
 * grow leaf-wise (the best split anywhere next) or depth-wise. Missing values learn a default direction
 * at every split. Class weights and sample weights scale each row's gradient and hessian.
 *
 * Prediction uses raw-value thresholds (the bin edges), so it needs no bin mapper and allocates nothing
 * per row. Everything is deterministic: the seed only drives the early-stopping split and the row sample
 * used to place bin edges on inputs above 200,000 rows.
 */
export class GradientBoostedTrees {
  readonly kind = KIND;
  readonly options: ResolvedOptions;
  private trees: Tree[] = [];
  private baseline = 0;
  private features = 0;
  private importance: Float64Array = new Float64Array(0);
  private losses: number[] = [];

  constructor(options: GradientBoostedTreesOptions = {}) {
    this.options = resolveOptions(options);
  }

  get fitted(): boolean {
    return this.features > 0;
  }

  /** Columns the model was fitted on (0 before fit). */
  get featureCount(): number {
    return this.features;
  }

  /** Trees actually built (fewer than `iterations` when early stopping ended the fit). */
  get treeCount(): number {
    return this.trees.length;
  }

  /**
   * Validation log loss before the first tree and after each one, when early stopping was on; empty
   * otherwise.
   */
  get validationLosses(): readonly number[] {
    return this.losses;
  }

  /** The margin every row starts from: the baseline plus each tree's root value. explainRow sums to margin - bias. */
  get bias(): number {
    this.checkFitted();
    let bias = this.baseline;
    for (const tree of this.trees) bias += tree.value[0] as number;
    return bias;
  }

  /**
   * Fits on x (NaN = missing) and labels y in {0, 1}, both classes present. Optional per-row weights
   * multiply the class weights.
   */
  fit(x: Matrix, y: Uint8Array, sampleWeight?: Float64Array): void {
    const weights = this.rowWeights(x, y, sampleWeight);
    const options = this.options;
    const early =
      options.earlyStopping === true ||
      (options.earlyStopping === 'auto' && x.rows > AUTO_EARLY_STOPPING_ROWS);
    let train = { x, y, w: weights };
    let validation: typeof train | undefined;
    if (early) {
      const split = stratifiedHoldout(y, options.validationFraction, options.seed);
      if (split.validation.length > 0 && hasBothClasses(takeValues(y, split.train))) {
        const part = (rows: Uint32Array) => ({
          x: takeRows(x, rows),
          y: takeValues(y, rows),
          w: takeValues(weights, rows),
        });
        train = part(split.train);
        validation = part(split.validation);
      }
    }

    const mapper = BinMapper.fit(train.x, options.maxBins, options.seed);
    const grower = new TreeGrower(mapper.transform(train.x), mapper.edges, options);
    const n = train.x.rows;
    const baseline = baselineMargin(train.y, train.w);
    const margins = new Float64Array(n).fill(baseline);
    const gradients = new Float64Array(n);
    const hessians = new Float64Array(n);
    const importance = new Float64Array(x.cols);
    const trees: Tree[] = [];
    const losses: number[] = [];
    const validationMargins = validation ? new Float64Array(validation.x.rows).fill(baseline) : undefined;
    if (validation && validationMargins)
      losses.push(logisticLoss(validationMargins, validation.y, validation.w));

    for (let round = 0; round < options.iterations; round++) {
      logisticGradients(margins, train.y, train.w, gradients, hessians);
      const { tree, gain } = grower.grow(gradients, hessians);
      trees.push(tree);
      for (let node = 0; node < gain.length; node++) {
        const f = tree.feature[node] as number;
        if (f >= 0) importance[f] = (importance[f] as number) + (gain[node] as number);
      }
      grower.addLeafValues(tree, margins);
      if (validation && validationMargins) {
        const { data, cols, rows } = validation.x;
        for (let i = 0; i < rows; i++) {
          validationMargins[i] =
            (validationMargins[i] as number) + (tree.value[leafOf(tree, data, i * cols)] as number);
        }
        losses.push(logisticLoss(validationMargins, validation.y, validation.w));
        if (noRecentImprovement(losses, options.patience, options.tolerance)) break;
      }
    }
    this.trees = trees;
    this.baseline = baseline;
    this.features = x.cols;
    this.importance = importance;
    this.losses = losses;
  }

  /** Probability of class 1 for every row of x. */
  predictProba(x: Matrix): Float64Array {
    this.checkInput(x.cols);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = sigmoid(this.margin(x.data, i * x.cols));
    return out;
  }

  /** Probability of class 1 for one row; allocates nothing. */
  predictRow(row: Float64Array): number {
    this.checkInput(row.length);
    return sigmoid(this.margin(row, 0));
  }

  /** The raw margin (log-odds) for one row. */
  marginRow(row: Float64Array): number {
    this.checkInput(row.length);
    return this.margin(row, 0);
  }

  /** Total split gain per feature over all trees (LightGBM's 'gain' importance), unnormalised. */
  featureImportance(): Float64Array {
    this.checkFitted();
    return this.importance.slice();
  }

  /**
   * Per-feature contributions to one row's margin (Saabas): at every split on the row's path, the change
   * in node value is credited to the split feature. bias + the sum of the contributions = the margin.
   * Cheap and exact in sum, but order-dependent for interacting features (unlike SHAP values).
   */
  explainRow(row: Float64Array): Float64Array {
    this.checkInput(row.length);
    const contributions = new Float64Array(this.features);
    for (const tree of this.trees) addPathContributions(tree, row, 0, contributions);
    return contributions;
  }

  save(): SavedModel<SavedTreesState> {
    this.checkFitted();
    return {
      format: 'argus-model',
      kind: KIND,
      version: VERSION,
      params: { ...this.options },
      state: {
        features: this.features,
        baseline: this.baseline,
        importance: Array.from(this.importance),
        trees: this.trees.map(saveTree),
      },
    };
  }

  static load(saved: unknown): GradientBoostedTrees {
    const s = checkSaved(saved, KIND, VERSION);
    const model = new GradientBoostedTrees(s.params as GradientBoostedTreesOptions);
    const state = restoreState(s.state);
    model.trees = state.trees;
    model.baseline = state.baseline;
    model.features = state.features;
    model.importance = state.importance;
    return model;
  }

  private margin(data: Float64Array, offset: number): number {
    let margin = this.baseline;
    const trees = this.trees;
    for (let t = 0; t < trees.length; t++) {
      const tree = trees[t] as Tree;
      margin += tree.value[leafOf(tree, data, offset)] as number;
    }
    return margin;
  }

  private rowWeights(x: Matrix, y: Uint8Array, sampleWeight: Float64Array | undefined): Float64Array {
    if (x.rows < 1 || x.cols < 1)
      throw new RangeError('gradient-boosted trees need at least one row and column');
    if (y.length !== x.rows) throw new RangeError(`x has ${x.rows} rows but y has ${y.length} labels`);
    if (sampleWeight && sampleWeight.length !== x.rows) {
      throw new RangeError(`x has ${x.rows} rows but sampleWeight has ${sampleWeight.length} values`);
    }
    let positives = 0;
    for (let i = 0; i < y.length; i++) {
      const label = y[i];
      if (label !== 0 && label !== 1) throw new RangeError(`label ${i} is ${label}, expected 0 or 1`);
      positives += label;
    }
    if (positives === 0 || positives === y.length) {
      throw new RangeError(
        `gradient-boosted trees need both classes; got ${positives} of ${y.length} positive`,
      );
    }
    const { classWeight } = this.options;
    const classWeights =
      classWeight === 'balanced'
        ? { 0: y.length / (2 * (y.length - positives)), 1: y.length / (2 * positives) }
        : (classWeight ?? { 0: 1, 1: 1 });
    const weights = new Float64Array(x.rows);
    let total = 0;
    for (let i = 0; i < x.rows; i++) {
      const given = sampleWeight ? (sampleWeight[i] as number) : 1;
      if (!(given >= 0 && Number.isFinite(given))) {
        throw new RangeError(`sampleWeight ${i} is ${given}, expected a finite number >= 0`);
      }
      const w = given * (y[i] === 1 ? classWeights[1] : classWeights[0]);
      weights[i] = w;
      total += w;
    }
    if (!(total > 0)) throw new RangeError('sample weights sum to 0: nothing to fit');
    return weights;
  }

  private checkFitted(): void {
    if (!this.fitted) {
      throw new Error('gradient-boosted trees are not fitted; call fit() or GradientBoostedTrees.load()');
    }
  }

  private checkInput(cols: number): void {
    this.checkFitted();
    if (cols !== this.features) {
      throw new RangeError(`gradient-boosted trees were fitted on ${this.features} features, got ${cols}`);
    }
  }
}

function hasBothClasses(y: Uint8Array): boolean {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] as number;
  return positives > 0 && positives < y.length;
}

/**
 * scikit-learn's rule: stop when none of the last `patience` losses beat the one just before them by
 * more than `tolerance`.
 */
function noRecentImprovement(losses: readonly number[], patience: number, tolerance: number): boolean {
  if (losses.length < patience + 1) return false;
  const reference = (losses[losses.length - patience - 1] as number) - tolerance;
  for (let k = losses.length - patience; k < losses.length; k++) {
    if ((losses[k] as number) < reference) return false;
  }
  return true;
}
