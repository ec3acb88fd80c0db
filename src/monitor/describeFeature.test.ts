import { describe, expect, it } from 'vitest';
import { describeFeature } from './describeFeature.js';
import { FEATURE_INDEX } from './features/featureNames.js';

const I = FEATURE_INDEX;

describe('describeFeature', () => {
  it('shows log-scaled values and durations in the units people use, against the baseline', () => {
    expect(describeFeature(I.amount_log, Math.log1p(120_000), Math.log1p(310))).toBe(
      'value 120,000 (usual 310)',
    );
    expect(describeFeature(I.since_last_in_log, Math.log1p(90))).toBe('time since last transfer in 90 s');
  });

  it('shows counts as whole numbers, and the sketch estimates as approximate', () => {
    expect(describeFeature(I.activity_log, Math.log1p(12))).toBe('transfers so far 12');
    expect(describeFeature(I.fan_out_log, Math.log1p(62.8))).toBe('distinct recipients about 63');
  });

  it('shows flags as yes or no and their baseline as how often they were set', () => {
    expect(describeFeature(I.new_counterparty, 1, 0.08)).toBe('new recipient yes (usual 8% of transfers)');
    expect(describeFeature(I.to_contract, 0)).toBe('to a contract no');
    expect(describeFeature(I.contract_share, 0.35)).toBe('share to contracts 35%');
  });

  it('shows days as durations and the hour deviation in hours', () => {
    expect(describeFeature(I.dormancy_days, 45)).toBe('dormant for 45.0 d');
    expect(describeFeature(I.account_age_days, 0.5)).toBe('account age 12.0 h');
    expect(describeFeature(I.hour_deviation, 7.25, 0.5)).toBe('off its usual hour by 7.3 h (usual 0.5 h)');
  });
});
