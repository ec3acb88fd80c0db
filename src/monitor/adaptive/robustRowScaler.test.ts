import { describe, expect, it } from 'vitest';
import { fromRows } from '../../ml/matrix.js';
import { RobustRowScaler, SCALED_LIMIT } from './robustRowScaler.js';

describe('RobustRowScaler', () => {
  it('centres on the median and scales by IQR / 1.349, unmoved by a huge outlier', () => {
    // Column 0: 1..9 plus one absurd value; median 5.5, IQR 7.75 - 3.25 = 4.5 (type-7 quantiles).
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1e9].map((v) => [v]);
    const scaler = RobustRowScaler.fit(fromRows(rows));
    expect(scaler.center[0]).toBeCloseTo(5.5, 12);
    expect(scaler.scale[0]).toBeCloseTo(4.5 / 1.3489795003921634, 12);
  });

  it('falls back to the standard deviation when the IQR is 0, and to 1 for a constant column', () => {
    // A flag set on 1 row in 10: IQR 0, std 0.3.
    const rows = Array.from({ length: 10 }, (_, i) => [i === 0 ? 1 : 0, 4]);
    const scaler = RobustRowScaler.fit(fromRows(rows));
    expect(scaler.scale[0]).toBeCloseTo(0.3, 12);
    expect(scaler.scale[1]).toBe(1);
    const out = new Float64Array(2);
    scaler.transformRow(Float64Array.from([1, 4]), out);
    expect(out[0]).toBeCloseTo(1 / 0.3, 12);
    expect(out[1]).toBe(0);
  });

  it('maps NaN to 0 (typical) and clamps infinities', () => {
    const scaler = new RobustRowScaler(Float64Array.from([0, 0, 0]), Float64Array.from([1, 1, 1]));
    const out = new Float64Array(3);
    scaler.transformRow(
      Float64Array.from([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
      out,
    );
    expect(Array.from(out)).toEqual([0, SCALED_LIMIT, -SCALED_LIMIT]);
  });

  it('transforms a matrix row by row like transformRow, and round-trips its state', () => {
    const x = fromRows([
      [1, 10],
      [2, 30],
      [3, 20],
      [4, 50],
    ]);
    const scaler = RobustRowScaler.fit(x);
    const restored = RobustRowScaler.load(JSON.parse(JSON.stringify(scaler.save())), 2);
    const batch = restored.transform(x);
    const out = new Float64Array(2);
    scaler.transformRow(x.data.subarray(2, 4), out);
    expect(Array.from(batch.data.subarray(2, 4))).toEqual(Array.from(out));
    expect(() => RobustRowScaler.load(scaler.save(), 3)).toThrow(/3/);
    expect(() => RobustRowScaler.load({ center: [0, 0], scale: [1, 0] }, 2)).toThrow(/scale/);
  });
});
