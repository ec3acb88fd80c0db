import { describe, expect, it } from 'vitest';
import { argmaxRows, SoftmaxRegression } from './softmaxRegression.js';
import { sparseFromRows } from './sparseMatrix.js';

const rows = (values: number[][]) =>
  sparseFromRows(
    values.map((r) => new Map(r.map((v, j) => [j, v] as [number, number]))),
    values[0]?.length ?? 0,
  );

describe('SoftmaxRegression', () => {
  it('reaches the stationary point of the regularised objective (gradient zero)', () => {
    const x = rows([
      [1, 0],
      [0.9, 0.2],
      [0, 1],
      [0.1, 0.8],
      [0.5, 0.5],
    ]);
    const y = [0, 0, 1, 1, 2];
    const c = 2;
    const model = new SoftmaxRegression({ c, gradientTolerance: 1e-10 }).fit(x, y, 3);
    const p = model.predictProba(x);
    // dL/dW[m][j] = C * sum_i (p_im - [y_i = m]) x_ij + W[m][j]; dL/db[m] = C * sum_i (p_im - [y_i = m]).
    const dense = [
      [1, 0],
      [0.9, 0.2],
      [0, 1],
      [0.1, 0.8],
      [0.5, 0.5],
    ];
    for (let m = 0; m < 3; m++) {
      let gb = 0;
      const gw = [0, 0];
      dense.forEach((r, i) => {
        const residual = c * ((p[i * 3 + m] as number) - (y[i] === m ? 1 : 0));
        gb += residual;
        r.forEach((v, j) => {
          gw[j] = (gw[j] as number) + residual * v;
        });
      });
      expect(Math.abs(gb)).toBeLessThan(1e-6);
      gw.forEach((g, j) => {
        expect(Math.abs(g + (model.weights[m * 2 + j] as number))).toBeLessThan(1e-6);
      });
    }
    expect(Array.from(argmaxRows(p, 3).slice(0, 4))).toEqual([0, 0, 1, 1]);
  });

  it('with balanced weights, a rare class gets more probability than without', () => {
    const x = rows([[1], [1], [1], [1], [1], [1], [0.9]]);
    const y = [0, 0, 0, 0, 0, 0, 1];
    const plain = new SoftmaxRegression().fit(x, y, 2).predictProba(rows([[1]]));
    const balanced = new SoftmaxRegression({ classWeight: 'balanced' })
      .fit(x, y, 2)
      .predictProba(rows([[1]]));
    expect(balanced[1]).toBeGreaterThan(plain[1] as number);
  });

  it('saves and loads, and refuses labels out of range or empty classes', () => {
    const x = rows([
      [1, 0],
      [0, 1],
    ]);
    const model = new SoftmaxRegression().fit(x, [0, 1], 2);
    const copy = SoftmaxRegression.load(JSON.parse(JSON.stringify(model.save())));
    expect(copy.predictProba(x)).toEqual(model.predictProba(x));
    expect(() => SoftmaxRegression.load({ ...model.save(), intercepts: [0] })).toThrow(/match/);
    expect(() => new SoftmaxRegression().fit(x, [0, 2], 2)).toThrow(RangeError);
    expect(() => new SoftmaxRegression().fit(x, [0, 0], 2)).toThrow(/no training rows/);
    expect(() => new SoftmaxRegression({ c: 0 })).toThrow(RangeError);
  });
});
