import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import {
  deriveFeatures,
  featureCount,
  featureNames,
  parseKeystrokeSample,
  timingIssues,
} from './keystrokeSample.js';

const events = [
  { key: 'a', down: 1000, up: 1090 },
  { key: 'b', down: 1150, up: 1230 },
  // Pressed before 'b' is released: overlapping keys are normal typing.
  { key: 'c', down: 1200, up: 1300 },
];

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseKeystrokeSample(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('keystroke samples', () => {
  it('derives hold, down-down and up-down per key, interleaved as named', () => {
    const sample = parseKeystrokeSample(events);
    expect(sample.keys).toEqual(['a', 'b', 'c']);
    expect(featureNames(3)).toEqual([
      'hold-0',
      'down-down-0-1',
      'up-down-0-1',
      'hold-1',
      'down-down-1-2',
      'up-down-1-2',
      'hold-2',
    ]);
    expect(Array.from(sample.features)).toEqual([90, 150, 60, 80, 50, -30, 100]);
    expect(sample.features.length).toBe(featureCount(3));
  });

  it('derives the same vector from press/release arrays (the raw-timings CSV path)', () => {
    const down = [0, 150, 200];
    const up = [90, 230, 300];
    expect(Array.from(deriveFeatures(down, up))).toEqual([90, 150, 60, 80, 50, -30, 100]);
  });

  it('rejects a key released before it was pressed, naming the index', () => {
    const issues = issuesOf([events[0], { key: 'b', down: 1150, up: 1100 }]);
    expect(issues).toEqual([
      { path: '1.up', message: expect.stringMatching(/key 1: released at 1100 ms, before/) },
    ]);
  });

  it('rejects out-of-order events', () => {
    const issues = issuesOf([events[0], events[2], events[1]]);
    expect(issues[0]?.path).toBe('2.down');
    expect(issues[0]?.message).toMatch(/key 2: pressed at 1150 ms, before key 1 .*out of order/);
  });

  it('rejects negative and non-finite times', () => {
    expect(issuesOf([{ key: 'a', down: -5, up: 10 }, events[1]])[0]).toMatchObject({ path: '0.down' });
    expect(timingIssues([0, Number.NaN], [10, 20])[0]?.message).toMatch(/key 1: down time is not a finite/);
    expect(timingIssues([0, 5], [10, Number.POSITIVE_INFINITY])[0]?.path).toBe('1.up');
  });

  it('rejects malformed shapes with the zod path', () => {
    expect(issuesOf([{ key: 'a', down: '1', up: 2 }, events[1]])[0]?.path).toBe('0.down');
    expect(issuesOf([events[0]])[0]?.message).toMatch(/2/);
    expect(issuesOf('abc')).toHaveLength(1);
  });
});
