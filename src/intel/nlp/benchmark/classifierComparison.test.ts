import { describe, expect, it } from 'vitest';
import { ARGUS_NAME, BASELINE_NAME, compareClassifiers } from './classifierComparison.js';

describe('compareClassifiers', () => {
  it('runs majority, baseline and Argus on the same folds and reports the paired difference', () => {
    const words = {
      reentrancy: 'reentrancy callback withdraw',
      oracle: 'oracle price twap',
      access: 'access owner role',
    };
    const texts: string[] = [];
    const labels: string[] = [];
    for (const [label, vocabulary] of Object.entries(words)) {
      const w = vocabulary.split(' ');
      for (let i = 0; i < 6; i++) {
        texts.push(`${w[i % 3]} issue number ${i}`);
        labels.push(label);
      }
    }
    const result = compareClassifiers({ texts, labels }, { folds: 3, seed: 1 });
    expect(result.models.map((m) => m.name)).toEqual(['majority class', BASELINE_NAME, ARGUS_NAME]);
    expect(result.classCounts).toEqual({ reentrancy: 6, oracle: 6, access: 6 });
    expect(result.models[2]?.macroF1.mean).toBe(1);
    expect(result.models[0]?.macroF1.mean).toBeLessThan(0.5);
    const argus = result.models[2]?.folds.map((f) => f.macroF1) ?? [];
    const baseline = result.models[1]?.folds.map((f) => f.macroF1) ?? [];
    expect(result.argusMinusBaseline.perFold).toEqual(argus.map((v, i) => v - (baseline[i] as number)));
  });
});
