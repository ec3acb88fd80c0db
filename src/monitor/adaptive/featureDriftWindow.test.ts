import { describe, expect, it } from 'vitest';
import { featureBaselines } from './featureBaselines.js';
import { FeatureDriftWindow } from './featureDriftWindow.js';
import { normalRows, rowOf } from './syntheticRows.fixture.js';

const COLS = 4;
const training = featureBaselines(normalRows(5_000, COLS, 1));

function fill(window: FeatureDriftWindow, seed: number, rows: number, shiftColumn?: number) {
  const m = normalRows(rows, COLS, seed);
  for (let i = 0; i < rows; i++) {
    const row = rowOf(m, i);
    if (shiftColumn !== undefined) row[shiftColumn] = (row[shiftColumn] as number) + 3;
    window.observe(row);
  }
}

describe('FeatureDriftWindow', () => {
  it('reads near zero while traffic looks like training, and points at the one feature that moved', () => {
    const window = new FeatureDriftWindow({ window: 5_000, sampleEvery: 5 });
    window.setBaseline(training);
    fill(window, 2, 5_000);
    const before = Array.from(window.psi() ?? []);
    expect(before).toHaveLength(COLS);
    for (const psi of before) expect(psi).toBeLessThan(0.05);

    fill(window, 3, 5_000, 2);
    const after = Array.from(window.psi() ?? []);
    expect(after[2]).toBeGreaterThan(1);
    for (const j of [0, 1, 3]) expect(after[j]).toBeLessThan(0.05);
  });

  it('samples every sampleEvery-th row into a ring as long as the window', () => {
    const window = new FeatureDriftWindow({ window: 1_000, sampleEvery: 10 });
    expect(window.capacity).toBe(100);
    window.setBaseline(training);
    fill(window, 4, 999);
    expect(window.sampled).toBe(99);
    fill(window, 5, 5_000);
    expect(window.sampled).toBe(100);
  });

  it('says nothing without a baseline or a sample, and starts over on a new baseline', () => {
    const window = new FeatureDriftWindow({ window: 100, sampleEvery: 1 });
    fill(window, 6, 50);
    expect(window.psi()).toBeUndefined();
    window.setBaseline(training);
    expect(window.psi()).toBeUndefined();
    fill(window, 7, 50);
    expect(window.sampled).toBe(50);
    window.setBaseline(training);
    expect(window.sampled).toBe(0);
    window.setBaseline(undefined);
    fill(window, 8, 50);
    expect(window.psi()).toBeUndefined();
  });

  it('refuses bad sizes and rows of the wrong width', () => {
    expect(() => new FeatureDriftWindow({ window: 0 })).toThrow(/window/);
    expect(() => new FeatureDriftWindow({ window: 10, sampleEvery: 1.5 })).toThrow(/sampleEvery/);
    const window = new FeatureDriftWindow({ window: 10, sampleEvery: 1 });
    window.setBaseline(training);
    expect(() => window.observe(new Float64Array(COLS + 1))).toThrow(/4 features/);
  });
});
