import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix } from './matrix.js';
import { LogScaler, quantileSorted, RobustScaler, StandardScaler } from './scalers.js';

const rowsOf = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

/** Through JSON, as a model store would persist it. */
const roundTrip = <T>(saved: T): unknown => JSON.parse(JSON.stringify(saved));

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics', () => {
    const s = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    expect(quantileSorted(s, 0.75)).toBe(3.25);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('RobustScaler', () => {
  // Column 0: 1,2,3,4,100 -> median 3, q25 2, q75 4, IQR 2 (the 100 moves neither).
  // Column 1: constant 5 -> IQR 0 -> scale 1 (shift only).
  // Column 2: NaN in the data is skipped at fit: 0,10,20,30 -> median 15, q25 7.5, q75 22.5, IQR 15.
  const x = fromRows([
    [1, 5, 0],
    [2, 5, 10],
    [3, 5, Number.NaN],
    [4, 5, 20],
    [100, 5, 30],
  ]);

  it('centres on the median and divides by the IQR', () => {
    const s = new RobustScaler();
    s.fit(x);
    expect(rowsOf(s.transform(x))).toEqual([
      [-1, 0, -1],
      [-0.5, 0, -1 / 3],
      [0, 0, Number.NaN],
      [0.5, 0, 1 / 3],
      [48.5, 0, 1],
    ]);
  });

  it('does not modify its input', () => {
    const s = new RobustScaler();
    s.fit(x);
    const before = Float64Array.from(x.data);
    s.transform(x);
    expect(x.data).toEqual(before);
  });

  it('round-trips through save/load exactly', () => {
    const s = new RobustScaler();
    s.fit(x);
    const saved = roundTrip(s.save());
    const t = RobustScaler.load(saved);
    expect(t.save()).toEqual(s.save());
    expect(t.transform(x).data).toEqual(s.transform(x).data);
  });

  it('refuses other kinds, use before fit and a column mismatch', () => {
    expect(() => RobustScaler.load(new LogScaler().save())).toThrow(/not a saved robust-scaler/);
    expect(() => new RobustScaler().transform(x)).toThrow(/not fitted/);
    const s = new RobustScaler();
    s.fit(x);
    expect(() => s.transform(fromRows([[1, 2]]))).toThrow(/3 columns, got 2/);
  });

  it('gives an all-NaN column centre 0 and scale 1', () => {
    const s = new RobustScaler();
    s.fit(fromRows([[Number.NaN], [Number.NaN]]));
    expect(rowsOf(s.transform(fromRows([[7], [Number.NaN]])))).toEqual([[7], [Number.NaN]]);
  });
});

describe('StandardScaler', () => {
  // Column 0: 1,3,5,7 (NaN skipped) -> mean 4, population variance (9+1+1+9)/4 = 5.
  // Column 1: constant -> std 0 -> scale 1.
  const x = fromRows([
    [1, 2],
    [3, 2],
    [Number.NaN, 2],
    [5, 2],
    [7, 2],
  ]);

  it('standardises with the population std', () => {
    const s = new StandardScaler();
    s.fit(x);
    const r5 = Math.sqrt(5);
    expect(rowsOf(s.transform(x))).toEqual([
      [-3 / r5, 0],
      [-1 / r5, 0],
      [Number.NaN, 0],
      [1 / r5, 0],
      [3 / r5, 0],
    ]);
  });

  it('round-trips through save/load exactly', () => {
    const s = new StandardScaler();
    s.fit(fromRows([[0.1], [0.2], [0.7]]));
    const t = StandardScaler.load(roundTrip(s.save()));
    expect(t.save()).toEqual(s.save());
    const probe = fromRows([[0.3], [-1e9], [Number.NaN]]);
    expect(t.transform(probe).data).toEqual(s.transform(probe).data);
  });
});

describe('LogScaler', () => {
  it('applies a signed log1p and keeps NaN', () => {
    const s = new LogScaler();
    s.fit(fromRows([[0]]));
    const out = s.transform(fromRows([[0, Math.E - 1, -(Math.E - 1), Number.NaN, 99]]));
    expect(Array.from(out.data)).toEqual([
      0,
      Math.log1p(Math.E - 1),
      -Math.log1p(Math.E - 1),
      Number.NaN,
      Math.log(100),
    ]);
    expect(out.data[1]).toBeCloseTo(1, 15);
  });

  it('is monotone through zero', () => {
    const v = [-1000, -1, -1e-9, 0, 1e-9, 1, 1000];
    const out = Array.from(new LogScaler().transform(fromRows([v])).data);
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1] as number);
  });

  it('saves and loads', () => {
    const saved = roundTrip(new LogScaler().save());
    expect(LogScaler.load(saved).save()).toEqual(new LogScaler().save());
    expect(() => LogScaler.load({ ...(saved as object), version: 2 })).toThrow(/layout version 2/);
  });
});
