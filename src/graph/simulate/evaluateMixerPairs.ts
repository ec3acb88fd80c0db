import {
  type MixerEvent,
  type MixerPair,
  type MixerPairOptions,
  matchMixerPairs,
} from '../clustering/mixerPairs.js';
import type { LaunderingScenario } from './launderingScenario.js';

/** The scenario's mixer events as an observer of the pool sees them: addresses, amounts, times. */
export interface ScenarioMixerEvents {
  deposits: MixerEvent[];
  withdrawals: MixerEvent[];
}

export function scenarioMixerEvents(scenario: LaunderingScenario): ScenarioMixerEvents {
  const event = (e: { address: number; amount: number; time: number }): MixerEvent => ({
    address: scenario.addresses[e.address] as string,
    amount: e.amount,
    time: e.time,
  });
  return {
    deposits: scenario.mixer.deposits.map(event),
    withdrawals: scenario.mixer.withdrawals.map(event),
  };
}

/**
 * The matcher's options for this scenario: the caller's, with an amount tolerance that admits the
 * pool's fee unless the caller set one. The fee is a public parameter of a pool, so an analyst allows
 * for it; without that no withdrawal would match its deposit on amount at all.
 */
export function scenarioMixerPairOptions(
  scenario: LaunderingScenario,
  options: MixerPairOptions = {},
): MixerPairOptions {
  return { ...options, amountTolerance: options.amountTolerance ?? scenario.mixer.fee * 1.5 };
}

export interface MixerPairEvaluation {
  /** Withdrawals in the scenario: each truly belongs to one deposit, so each is a pair to find. */
  truePairs: number;
  predictedPairs: number;
  /** Predicted pairs whose deposit was made by the address that truly funded the withdrawal. */
  correctDepositor: number;
  /** Predicted pairs that name the very deposit the withdrawal redeems. */
  correctDeposit: number;
  /** correctDepositor / predictedPairs (1 when nothing was predicted). */
  precision: number;
  /** correctDepositor / truePairs. */
  recall: number;
  byReason: { sameAddress: number; uniqueMatch: number };
  /** Pairs that a gas price singled out: always 0 here, since the scenario has no gas prices. */
  gasPriceMatched: number;
}

/**
 * Scores mixer pairs (indexes into scenarioMixerEvents' deposits and withdrawals) against the
 * scenario's truth. "Which depositor" is the question a pair answers for an investigator, so a pair
 * counts as correct when its deposit came from the withdrawal's true depositor, even if it names
 * another of that depositor's notes; correctDeposit is the stricter count.
 */
export function evaluateMixerPairs(
  scenario: LaunderingScenario,
  pairs: readonly MixerPair[],
): MixerPairEvaluation {
  const { deposits, withdrawals } = scenario.mixer;
  let correctDepositor = 0;
  let correctDeposit = 0;
  let gasPriceMatched = 0;
  const byReason = { sameAddress: 0, uniqueMatch: 0 };
  for (const pair of pairs) {
    const withdrawal = withdrawals[pair.withdrawal];
    const deposit = deposits[pair.deposit];
    if (withdrawal === undefined || deposit === undefined) {
      throw new RangeError(
        `mixer pair ${pair.deposit} → ${pair.withdrawal} is outside the scenario's events`,
      );
    }
    const truth = deposits[withdrawal.deposit] as (typeof deposits)[number];
    if (truth.address === deposit.address) correctDepositor++;
    if (withdrawal.deposit === pair.deposit) correctDeposit++;
    byReason[pair.reason]++;
    if (pair.gasPriceMatched) gasPriceMatched++;
  }
  return {
    truePairs: withdrawals.length,
    predictedPairs: pairs.length,
    correctDepositor,
    correctDeposit,
    precision: pairs.length === 0 ? 1 : correctDepositor / pairs.length,
    recall: withdrawals.length === 0 ? 1 : correctDepositor / withdrawals.length,
    byReason,
    gasPriceMatched,
  };
}

/** Runs the matcher on the scenario's events (see scenarioMixerPairOptions) and scores it. */
export function matchScenarioMixer(
  scenario: LaunderingScenario,
  options: MixerPairOptions = {},
): { pairs: MixerPair[]; evaluation: MixerPairEvaluation } {
  const events = scenarioMixerEvents(scenario);
  const pairs = matchMixerPairs(
    events.deposits,
    events.withdrawals,
    scenarioMixerPairOptions(scenario, options),
  );
  return { pairs, evaluation: evaluateMixerPairs(scenario, pairs) };
}
