import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../ml/matrix.js';
import type { KeystrokeDetector } from './detectors/keystrokeDetector.js';
import { readKeystrokeCsv } from './keystrokeCsv.js';
import { evaluateKeystrokes } from './keystrokeEval.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('evaluateKeystrokes', () => {
  it('trains on the first N genuine samples only and tests on the rest plus K of every other subject', () => {
    // A spy detector that records what it was trained on and what it scored.
    const fitted: number[][] = [];
    const scored: number[] = [];
    const spy: KeystrokeDetector = {
      name: 'spy',
      description: 'records its inputs',
      fit(train) {
        fitted.push(Array.from(train.data));
        const mean = train.data.reduce((a, b) => a + b, 0) / train.rows;
        return (x) => {
          scored.push(x[0] as number);
          return Math.abs((x[0] as number) - mean);
        };
      },
    };
    // Subject a: 1,2,3,4; b: 10..13; c: 20..22. Values encode subject and sample order.
    const subjects = [
      { id: 'a', samples: fromRows([[1], [2], [3], [4]]) },
      { id: 'b', samples: fromRows([[10], [11], [12], [13]]) },
      { id: 'c', samples: fromRows([[20], [21], [22]]) },
    ];
    const result = evaluateKeystrokes(subjects, { train: 3, impostorReps: 2, detectors: [spy] });
    expect(fitted).toEqual([
      [1, 2, 3],
      [10, 11, 12],
    ]);
    // a: genuine 4, impostors b's first 2 and c's first 2; b: genuine 13, impostors a 1,2 and c 20,21.
    expect(scored).toEqual([4, 10, 11, 20, 21, 13, 1, 2, 20, 21]);
    expect(result.subjects).toBe(2);
    expect(result.skipped).toEqual(['c']);
    const spyResult = result.detectors[0];
    expect(spyResult?.perSubject.map((s) => s.subject)).toEqual(['a', 'b']);
    // a: genuine 4 scores 2 below every impostor → EER 0; b: genuine 13 scores 2, impostor 2 (from a)
    // scores 9 and 20/21 score 9, 10 → also separable.
    expect(spyResult?.meanEER).toBe(0);
    expect(spyResult?.zeroMissFAR).toBe(0);
  });

  it('runs every registered detector on the CMU-layout fixture, with rates in [0, 1]', () => {
    const data = readKeystrokeCsv(fixture('cmu-layout-synthetic.csv'));
    const result = evaluateKeystrokes(data.subjects, { train: 6, impostorReps: 2 });
    expect(result.subjects).toBe(5);
    expect(result.detectors.map((d) => d.name)).toEqual([
      'scaled-manhattan',
      'manhattan',
      'euclidean',
      'mahalanobis',
      'nn-mahalanobis',
      'outlier-count',
      'argus',
    ]);
    for (const d of result.detectors) {
      for (const v of [d.meanEER, d.sdEER, d.zeroMissFAR]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(d.perSubject).toHaveLength(5);
    }
  });

  it('explains what to change when no subject has samples left to test', () => {
    const subjects = [
      { id: 'a', samples: fromRows([[1], [2]]) },
      { id: 'b', samples: fromRows([[3], [4]]) },
    ];
    expect(() => evaluateKeystrokes(subjects, { train: 2, impostorReps: 1 })).toThrow(
      /no subject has more than 2 samples/,
    );
    expect(() => evaluateKeystrokes(subjects, { train: 1, impostorReps: 1 })).toThrow(/--train/);
    expect(() => evaluateKeystrokes(subjects, { train: 2, impostorReps: 0 })).toThrow(/--impostor-reps/);
    expect(() => evaluateKeystrokes(subjects.slice(0, 1), { train: 2, impostorReps: 1 })).toThrow(
      /2 subjects/,
    );
  });
});
