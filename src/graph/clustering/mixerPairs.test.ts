import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { matchMixerPairs, parseMixerEvents } from './mixerPairs.js';

const H = 3_600_000;

describe('matchMixerPairs', () => {
  it('links a withdrawal back to the deposit it is the only fit for', () => {
    const deposits = [
      { address: 'alice', amount: 1.37, time: 0 },
      { address: 'bob', amount: 10, time: 0 },
      { address: 'carol', amount: 10, time: H },
    ];
    const withdrawals = [
      { address: 'x1', amount: 1.3695, time: 2 * H },
      { address: 'x2', amount: 10, time: 3 * H },
      { address: 'x3', amount: 10, time: 4 * H },
    ];
    const pairs = matchMixerPairs(deposits, withdrawals);
    // alice's odd amount has one fit; bob and carol share a denomination and stay hidden.
    expect(pairs).toEqual([
      { deposit: 0, withdrawal: 0, reason: 'uniqueMatch', gasPriceMatched: false, delayMs: 2 * H },
    ]);
  });

  it('uses gas price to single out a fixed-denomination pair', () => {
    const deposits = [
      { address: 'bob', amount: 10, time: 0, gasPrice: 13.37e9 },
      { address: 'carol', amount: 10, time: 0, gasPrice: 20e9 },
    ];
    const withdrawals = [
      { address: 'x2', amount: 10, time: H, gasPrice: 20e9 },
      { address: 'x3', amount: 10, time: H, gasPrice: 13.37e9 },
    ];
    const pairs = matchMixerPairs(deposits, withdrawals);
    expect(pairs.map((p) => [p.deposit, p.withdrawal, p.gasPriceMatched])).toEqual([
      [0, 1, true],
      [1, 0, true],
    ]);
  });

  it('respects the window and links withdrawals to the depositing address', () => {
    const deposits = [{ address: 'dave', amount: 1, time: 0 }];
    const late = [{ address: 'x', amount: 1, time: 30 * 24 * H }];
    expect(matchMixerPairs(deposits, late)).toEqual([]);
    const early = [{ address: 'x', amount: 1, time: -H }];
    expect(matchMixerPairs(deposits, early)).toEqual([]);
    const reuse = [
      { address: 'y', amount: 1, time: H },
      { address: 'dave', amount: 1, time: 2 * H },
    ];
    expect(matchMixerPairs(deposits, reuse)[0]).toMatchObject({ withdrawal: 1, reason: 'sameAddress' });
  });

  it('validates events at the boundary', () => {
    expect(() => parseMixerEvents([{ address: 'a', amount: -1, time: 0 }])).toThrow(ValidationError);
    expect(parseMixerEvents([{ address: 'a', amount: 1, time: 0, gasPrice: 1 }])).toHaveLength(1);
  });
});
