import { describe, expect, it } from 'vitest';
import { checkDetectionTargets, type DetectionMeasurements } from './detectionTargets.js';

const all: DetectionMeasurements = {
  argusEnsembleAuc: { name: 'ensemble', value: 0.77 },
  sklearnBestAuc: { name: 'IsolationForest', value: 0.75 },
  argusGbdt: { f1: 0.9, averagePrecision: 0.95 },
  sklearnHgb: { f1: 0.9, averagePrecision: 0.95 },
  argusIforestSeconds: 0.5,
  sklearnIforestSeconds: 0.6,
};

const results = (m: DetectionMeasurements) => checkDetectionTargets(m).map((c) => c.result);

describe('checkDetectionTargets', () => {
  it('meets every target at the thresholds', () => {
    expect(results(all)).toEqual(['met', 'met', 'met']);
    expect(checkDetectionTargets(all)[0]?.actual).toBe(
      'ensemble 0.770 vs IsolationForest 0.750 (needs 0.770)',
    );
  });

  it('misses each target just past its threshold', () => {
    expect(results({ ...all, argusEnsembleAuc: { name: 'ensemble', value: 0.7699 } })[0]).toBe('not met');
    expect(results({ ...all, argusGbdt: { f1: 0.91, averagePrecision: 0.9499 } })[1]).toBe('not met');
    expect(results({ ...all, argusGbdt: { f1: 0.8999, averagePrecision: 0.99 } })[1]).toBe('not met');
    expect(results({ ...all, argusIforestSeconds: 0.6 })[2]).toBe('not met');
  });

  it('says not measured when a side did not run', () => {
    expect(results({})).toEqual(['not measured', 'not measured', 'not measured']);
    const { sklearnHgb: _, sklearnIforestSeconds: __, ...noSklearnSupervised } = all;
    expect(results(noSklearnSupervised)).toEqual(['met', 'not measured', 'not measured']);
  });
});
