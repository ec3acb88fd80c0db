import { describe, expect, it } from 'vitest';
import { TrainingWindow } from './trainingWindow.js';

const rowFor = (i: number) => Float64Array.from([i, -i]);

describe('TrainingWindow', () => {
  it('keeps the last rows, oldest first, in sliding mode', () => {
    const window = new TrainingWindow({ capacity: 4, cols: 2 });
    for (let i = 0; i < 3; i++) window.push(rowFor(i));
    expect(Array.from(window.snapshot().data)).toEqual([0, -0, 1, -1, 2, -2]);
    for (let i = 3; i < 10; i++) window.push(rowFor(i));
    const snap = window.snapshot();
    expect(snap.rows).toBe(4);
    expect(Array.from(snap.data)).toEqual([6, -6, 7, -7, 8, -8, 9, -9]);
    expect(window.size).toBe(4);
    expect(window.seen).toBe(10);
  });

  it('hands out copies: later pushes do not change a snapshot', () => {
    const window = new TrainingWindow({ capacity: 2, cols: 2 });
    window.push(rowFor(1));
    const snap = window.snapshot();
    window.push(rowFor(2));
    window.push(rowFor(3));
    expect(Array.from(snap.data)).toEqual([1, -1]);
  });

  it('keeps a uniform sample of everything seen in reservoir mode', () => {
    const window = new TrainingWindow({ capacity: 1_000, cols: 2, mode: 'reservoir', seed: 5 });
    for (let i = 0; i < 20_000; i++) window.push(rowFor(i));
    const snap = window.snapshot();
    expect(snap.rows).toBe(1_000);
    let mean = 0;
    let early = 0;
    for (let r = 0; r < snap.rows; r++) {
      const v = snap.data[r * 2] as number;
      mean += v / snap.rows;
      if (v < 10_000) early++;
    }
    // A sliding window would hold only rows 19,000 and up.
    expect(mean).toBeGreaterThan(8_500);
    expect(mean).toBeLessThan(11_500);
    expect(early).toBeGreaterThan(400);
    expect(early).toBeLessThan(600);
  });

  it('clears, and refuses rows of the wrong width or a bad configuration', () => {
    const window = new TrainingWindow({ capacity: 2, cols: 2 });
    window.push(rowFor(1));
    window.clear();
    expect(window.size).toBe(0);
    expect(window.snapshot().rows).toBe(0);
    expect(() => window.push(Float64Array.from([1, 2, 3]))).toThrow(/2 features/);
    expect(() => new TrainingWindow({ capacity: 0 })).toThrow(/capacity/);
    expect(() => new TrainingWindow({ mode: 'fifo' as 'sliding' })).toThrow(/mode/);
  });
});
