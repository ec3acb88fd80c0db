import { describe, expect, it } from 'vitest';
import { zeroMissFalseAlarmRate } from './zeroMissFalseAlarmRate.js';

describe('zeroMissFalseAlarmRate', () => {
  it('is 0 when every impostor scores above every genuine sample', () => {
    expect(zeroMissFalseAlarmRate([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.9])).toBe(0);
  });

  it('is the share of genuine samples at or above the lowest impostor score', () => {
    // Lowest impostor 0.4: genuine 0.5 and 0.4 (tie) are false alarms, 0.1 and 0.3 are not.
    expect(zeroMissFalseAlarmRate([0, 0, 0, 0, 1, 1], [0.1, 0.3, 0.4, 0.5, 0.4, 2])).toBe(0.5);
  });

  it('is 1 when an impostor scores below every genuine sample', () => {
    expect(zeroMissFalseAlarmRate([0, 0, 1], [5, 6, 1])).toBe(1);
  });

  it('handles infinite scores', () => {
    expect(zeroMissFalseAlarmRate([0, 0, 1], [1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).toBe(
      0.5,
    );
  });

  it('rejects a single class and bad labels', () => {
    expect(() => zeroMissFalseAlarmRate([0, 0], [1, 2])).toThrow(/both classes/);
    expect(() => zeroMissFalseAlarmRate([0, 2], [1, 2])).toThrow(/0 or 1/);
  });
});
