import { describe, expect, it } from 'vitest';
import { features } from './rules.fixture.js';
import { usualOutgoingValue } from './usualValue.js';

describe('usualOutgoingValue', () => {
  it('is the decayed mean of the earlier outgoing transfers, this one taken out', () => {
    // Earlier transfers weigh 0.5 in total and sum to 100 (decayed): a usual transfer of 200.
    const row = features({ out_count_7d: 1.5, out_sum_7d: Math.log1p(100 + 5_000) });
    expect(usualOutgoingValue(row, 5_000)).toBeCloseTo(200, 6);
  });

  it('stays exact for an account whose history has decayed to almost nothing', () => {
    const weight = 0.5 ** (90 / 7);
    const row = features({ out_count_7d: 1 + weight, out_sum_7d: Math.log1p(weight * 250 + 40_000) });
    expect(usualOutgoingValue(row, 40_000)).toBeCloseTo(250, 3);
  });

  it('is NaN for an account that never sent', () => {
    expect(usualOutgoingValue(features({ out_count_7d: 1, out_sum_7d: Math.log1p(700) }), 700)).toBeNaN();
  });
});
