import { describe, expect, it } from 'vitest';
import { confusionAtThreshold } from '../crossValidation.js';
import { fromRows, matrix, row } from '../matrix.js';
import { averagePrecision } from '../metrics/index.js';
import { GradientBoostedTrees } from './gradientBoostedTrees.js';
import { accuracy, imbalancedProblem, missingnessProblem, xorProblem } from './syntheticData.fixture.js';

describe('GradientBoostedTrees', () => {
  it('learns XOR, which no single split separates, and ranks the two XOR features above the noise', () => {
    const train = xorProblem(2000, 1);
    const test = xorProblem(1000, 2);
    const model = new GradientBoostedTrees();
    model.fit(train.x, train.y);
    expect(accuracy(test.y, model.predictProba(test.x))).toBeGreaterThan(0.95);
    const importance = model.featureImportance();
    const noise = Math.max(importance[2] as number, importance[3] as number);
    expect(importance[0]).toBeGreaterThan(5 * noise);
    expect(importance[1]).toBeGreaterThan(5 * noise);
  });

  it('ranks a rare, overlapping positive class well on held-out data', () => {
    const train = imbalancedProblem(4000, 0.03, 2.5, 3);
    const test = imbalancedProblem(4000, 0.03, 2.5, 4);
    const model = new GradientBoostedTrees({ minSamplesLeaf: 10 });
    model.fit(train.x, train.y);
    const ap = averagePrecision(test.y, model.predictProba(test.x));
    // Base rate is 0.03; the classes overlap, so a perfect score is impossible.
    expect(ap).toBeGreaterThan(0.5);
  });

  it('raises minority recall at 0.5 with balanced or explicit class weights', () => {
    const train = imbalancedProblem(4000, 0.03, 2, 5);
    const test = imbalancedProblem(4000, 0.03, 2, 6);
    const recall = (classWeight?: 'balanced' | { 0: number; 1: number }) => {
      const model = new GradientBoostedTrees({ classWeight: classWeight ?? null, iterations: 50 });
      model.fit(train.x, train.y);
      return confusionAtThreshold(test.y, model.predictProba(test.x), 0.5).recall;
    };
    const plain = recall();
    expect(recall('balanced')).toBeGreaterThan(plain + 0.15);
    expect(recall({ 0: 1, 1: 20 })).toBeGreaterThan(plain + 0.15);
  });

  it('treats sample weights as row multiplicities', () => {
    // Under 256 rows every distinct value gets its own bin, so both fits see the same bin edges.
    const { x, y } = imbalancedProblem(200, 0.2, 1.5, 7);
    const weights = new Float64Array(x.rows);
    const duplicated: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < x.rows; i++) {
      const copies = 1 + (i % 3);
      weights[i] = copies;
      for (let k = 0; k < copies; k++) {
        duplicated.push(Array.from(row(x, i)));
        labels.push(y[i] as number);
      }
    }
    const options = { minSamplesLeaf: 1, minHessianLeaf: 0, maxLeaves: 8, iterations: 20 };
    const weighted = new GradientBoostedTrees(options);
    weighted.fit(x, y, weights);
    const repeated = new GradientBoostedTrees(options);
    repeated.fit(fromRows(duplicated), Uint8Array.from(labels));
    const a = weighted.predictProba(x);
    const b = repeated.predictProba(x);
    for (let i = 0; i < x.rows; i++) expect(a[i]).toBeCloseTo(b[i] as number, 9);
  });

  it('learns a default direction for missing values', () => {
    const train = missingnessProblem(1000, 8);
    const model = new GradientBoostedTrees({ iterations: 30 });
    model.fit(train.x, train.y);
    expect(model.predictRow(Float64Array.of(Number.NaN, 0))).toBeGreaterThan(0.95);
    expect(model.predictRow(Float64Array.of(0.3, 0))).toBeLessThan(0.05);
    // Missing in a feature that never had missing values at fit: follows the majority side, no crash.
    expect(Number.isFinite(model.predictRow(Float64Array.of(0.3, Number.NaN)))).toBe(true);
  });

  it('predicts identically after save, JSON round trip and load', () => {
    const { x, y } = missingnessProblem(500, 9);
    const model = new GradientBoostedTrees({ iterations: 15 });
    model.fit(x, y);
    const saved = model.save();
    expect(saved.kind).toBe('gradient-boosted-trees');
    const loaded = GradientBoostedTrees.load(JSON.parse(JSON.stringify(saved)));
    expect(loaded.predictProba(x)).toEqual(model.predictProba(x));
    expect(loaded.featureImportance()).toEqual(model.featureImportance());
    expect(loaded.options).toEqual(model.options);
  });

  it('refuses a saved model of another kind or with a broken tree', () => {
    const { x, y } = xorProblem(200, 10);
    const model = new GradientBoostedTrees({ iterations: 3, minSamplesLeaf: 5 });
    model.fit(x, y);
    const saved = JSON.parse(JSON.stringify(model.save()));
    expect(() => GradientBoostedTrees.load({ ...saved, kind: 'isolation-forest' })).toThrow(/not a saved/);
    saved.state.trees[0].left[0] = 0;
    expect(() => GradientBoostedTrees.load(saved)).toThrow(/inconsistent tree/);
  });

  it('is deterministic for a seed, and the seed changes the early-stopping split', () => {
    const { x, y } = imbalancedProblem(1500, 0.2, 1, 11);
    const train = (seed: number) => {
      const model = new GradientBoostedTrees({ seed, earlyStopping: true, iterations: 40 });
      model.fit(x, y);
      return model;
    };
    const [a, b, c] = [train(1), train(1), train(2)];
    expect(a.predictProba(x)).toEqual(b.predictProba(x));
    expect(a.validationLosses).toEqual(b.validationLosses);
    expect(a.predictProba(x)).not.toEqual(c.predictProba(x));
  });

  it('stops early when the validation loss stops improving', () => {
    // Pure noise: every tree after the first few only fits the training rows.
    const { x } = xorProblem(1000, 12);
    const y = imbalancedProblem(1000, 0.5, 0, 13).y;
    const model = new GradientBoostedTrees({ earlyStopping: true, patience: 5, iterations: 200 });
    model.fit(x, y);
    expect(model.treeCount).toBeLessThan(200);
    expect(model.validationLosses).toHaveLength(model.treeCount + 1);
  });

  it('explains a row with contributions that sum, with the bias, to its margin', () => {
    const train = xorProblem(1000, 14);
    const model = new GradientBoostedTrees({ iterations: 30 });
    model.fit(train.x, train.y);
    for (let i = 0; i < 20; i++) {
      const r = row(train.x, i);
      const contributions = model.explainRow(r);
      const sum = contributions.reduce((s, v) => s + v, model.bias);
      expect(sum).toBeCloseTo(model.marginRow(r), 9);
      expect(1 / (1 + Math.exp(-sum))).toBeCloseTo(model.predictRow(r), 12);
    }
  });

  it('keeps every leaf at or above minSamplesLeaf rows and within maxDepth when growing depth-wise', () => {
    const { x, y } = xorProblem(400, 15);
    const model = new GradientBoostedTrees({
      growth: 'depth-wise',
      maxDepth: 2,
      maxLeaves: 64,
      minSamplesLeaf: 30,
    });
    model.fit(x, y);
    const saved = model.save().state;
    for (const tree of saved.trees) {
      const depth = new Int32Array(tree.feature.length);
      tree.feature.forEach((f, node) => {
        if (f >= 0) {
          depth[tree.left[node] as number] = (depth[node] as number) + 1;
          depth[tree.right[node] as number] = (depth[node] as number) + 1;
        }
      });
      expect(Math.max(...depth)).toBeLessThanOrEqual(2);
    }
    // Count training rows per leaf of the first tree by walking it.
    const first = saved.trees[0];
    const perLeaf = new Map<number, number>();
    for (let i = 0; i < x.rows; i++) {
      let node = 0;
      while ((first?.feature[node] as number) >= 0) {
        const v = x.data[i * x.cols + (first?.feature[node] as number)] as number;
        node = (
          v <= ((first?.threshold[node] as number | null) ?? Infinity)
            ? first?.left[node]
            : first?.right[node]
        ) as number;
      }
      perLeaf.set(node, (perLeaf.get(node) ?? 0) + 1);
    }
    for (const count of perLeaf.values()) expect(count).toBeGreaterThanOrEqual(30);
  });

  it('rejects bad options, labels and shapes with messages that name them', () => {
    expect(() => new GradientBoostedTrees({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => new GradientBoostedTrees({ maxBins: 300 })).toThrow(/maxBins/);
    const model = new GradientBoostedTrees();
    const x = matrix(3, 1, Float64Array.of(1, 2, 3));
    expect(() => model.fit(x, Uint8Array.of(0, 1))).toThrow(/3 rows but y has 2/);
    expect(() => model.fit(x, Uint8Array.of(0, 2, 1))).toThrow(/expected 0 or 1/);
    expect(() => model.fit(x, Uint8Array.of(1, 1, 1))).toThrow(/both classes/);
    expect(() => model.predictRow(Float64Array.of(1))).toThrow(/not fitted/);
  });
});
