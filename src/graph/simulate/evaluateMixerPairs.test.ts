import { describe, expect, it } from 'vitest';
import type { MixerPair } from '../clustering/mixerPairs.js';
import {
  evaluateMixerPairs,
  matchScenarioMixer,
  scenarioMixerEvents,
  scenarioMixerPairOptions,
} from './evaluateMixerPairs.js';
import { DAY, HOUR, handScenario } from './handScenario.fixture.js';
import { generateLaunderingScenario } from './launderingScenario.js';

const pair = (deposit: number, withdrawal: number): MixerPair => ({
  deposit,
  withdrawal,
  reason: 'uniqueMatch',
  gasPriceMatched: false,
  delayMs: HOUR,
});

// a1 deposits twice (notes 0 and 1, redeemed to a2 and a3); a4 once (note 2, redeemed to a5).
const scenario = handScenario(
  [0, 1, 1, 1, 2, 2],
  [],
  [
    { from: 1, at: 0, to: 2, withdrawAt: 2 * HOUR },
    { from: 1, at: HOUR, to: 3, withdrawAt: 5 * HOUR },
    { from: 4, at: 20 * DAY, to: 5, withdrawAt: 20 * DAY + 3 * HOUR },
  ],
);

describe('evaluateMixerPairs', () => {
  it('counts a pair right when it names the true depositor, and exactly right for the very note', () => {
    // Withdrawal 0 (note 0) matched to deposit 1: right depositor a1, wrong note. Withdrawal 2 to deposit 0: wrong.
    const result = evaluateMixerPairs(scenario, [pair(1, 0), pair(2, 2), pair(0, 2)]);
    expect(result).toEqual({
      truePairs: 3,
      predictedPairs: 3,
      correctDepositor: 2,
      correctDeposit: 1,
      precision: 2 / 3,
      recall: 2 / 3,
      byReason: { sameAddress: 0, uniqueMatch: 3 },
      gasPriceMatched: 0,
    });
  });

  it('scores no pairs as nothing found, and rejects a pair outside the events', () => {
    expect(evaluateMixerPairs(scenario, [])).toMatchObject({ predictedPairs: 0, precision: 1, recall: 0 });
    expect(() => evaluateMixerPairs(scenario, [pair(3, 0)])).toThrow(RangeError);
  });
});

describe('matchScenarioMixer', () => {
  it('gives the matcher the events by address and admits the pool fee in the amount', () => {
    const events = scenarioMixerEvents(scenario);
    expect(events.deposits[2]).toEqual({ address: 'a4', amount: 10, time: 20 * DAY });
    expect(events.withdrawals[0]).toEqual({ address: 'a2', amount: 9.9, time: 2 * HOUR });
    expect(scenarioMixerPairOptions(scenario).amountTolerance).toBeCloseTo(0.015, 12);
    expect(scenarioMixerPairOptions(scenario, { amountTolerance: 0.5 }).amountTolerance).toBe(0.5);
  });

  it('pairs only the note that timing isolates', () => {
    // Notes 0 and 1 overlap in time, so each of their withdrawals fits both deposits; note 2 is alone.
    const { pairs, evaluation } = matchScenarioMixer(scenario);
    expect(pairs.map((p) => [p.deposit, p.withdrawal])).toEqual([[2, 2]]);
    expect(evaluation).toMatchObject({ predictedPairs: 1, correctDeposit: 1, recall: 1 / 3, precision: 1 });
  });

  it('finds few pairs in the generated scenario, where only timing can separate the notes', () => {
    const generated = generateLaunderingScenario({ users: 200, seed: 1 });
    const week = matchScenarioMixer(generated).evaluation;
    expect(week.truePairs).toBe(generated.mixer.withdrawals.length);
    expect(week.gasPriceMatched).toBe(0);
    expect(week.byReason.sameAddress).toBe(0);
    // Measured: no pair at the default one-week window; a 6-hour window pairs 6, 1 of them right.
    expect(week.recall).toBeLessThan(0.2);
    const short = matchScenarioMixer(generated, { windowMs: 6 * HOUR }).evaluation;
    expect(short.predictedPairs).toBeGreaterThanOrEqual(week.predictedPairs);
  });
});
