import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import type { ClusteringRun } from './clusteringRun.js';

/** One UTXO transaction, reduced to what the multi-input heuristic reads. */
export interface UtxoTransaction {
  /** Addresses whose outputs this transaction spends (repeats allowed). */
  inputs: readonly string[];
  /** Output values in the chain's unit (satoshi or coin: only equality matters). */
  outputValues: readonly number[];
}

export const utxoTransactionSchema = z.object({
  inputs: z.array(z.string().min(1)).min(1),
  outputValues: z.array(z.number().finite().nonnegative()),
});

/** Checks transactions read from a file or a request; throws ValidationError naming the bad ones. */
export function parseUtxoTransactions(input: unknown): UtxoTransaction[] {
  const parsed = z.array(utxoTransactionSchema).safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'INPUT_INVALID',
    'UTXO transactions',
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    'each transaction needs inputs (addresses) and outputValues (numbers)',
  );
}

export interface MultiInputOptions {
  /** CoinJoin guard: a transaction with at least this many distinct input addresses… */
  coinJoinMinInputs?: number;
  /** …and at least this many outputs of one equal value mixes strangers' coins: skipped. */
  coinJoinMinEqualOutputs?: number;
  /** Relative difference under which two output values count as equal. */
  equalValueTolerance?: number;
}

export interface MultiInputResult {
  /** Indexes (into the caller's list) of transactions skipped as CoinJoin-like. */
  coinJoins: number[];
  /** Input addresses the graph did not know; they cannot be clustered. */
  unknownAddresses: number;
  linksAdded: number;
}

/**
 * The multi-input (common-input-ownership) heuristic: spending several addresses' outputs in one
 * transaction needs every key, so the inputs belong to one entity. CoinJoins break that premise,
 * and are recognised by many inputs paying many outputs of the same value.
 */
export function linkMultiInput(
  transactions: readonly UtxoTransaction[],
  nodeOf: (address: string) => number,
  run: ClusteringRun,
  options: MultiInputOptions = {},
): MultiInputResult {
  const minInputs = options.coinJoinMinInputs ?? 3;
  const minEqual = options.coinJoinMinEqualOutputs ?? 3;
  const tolerance = options.equalValueTolerance ?? 1e-9;
  const before = run.links.length;
  const coinJoins: number[] = [];
  let unknownAddresses = 0;
  const nodes: number[] = [];
  transactions.forEach((tx, index) => {
    nodes.length = 0;
    for (const address of tx.inputs) {
      const node = nodeOf(address);
      if (node < 0) unknownAddresses++;
      else if (!nodes.includes(node)) nodes.push(node);
    }
    if (nodes.length < 2) return;
    if (nodes.length >= minInputs && largestEqualGroup(tx.outputValues, tolerance) >= minEqual) {
      coinJoins.push(index);
      return;
    }
    const first = nodes[0] as number;
    for (let k = 1; k < nodes.length; k++) {
      const other = nodes[k] as number;
      run.unions.union(first, other);
      run.links.add('multiInput', first, other, index, nodes.length);
    }
  });
  return { coinJoins, unknownAddresses, linksAdded: run.links.length - before };
}

/** Size of the largest set of outputs whose values are equal within the relative tolerance. */
function largestEqualGroup(values: readonly number[], tolerance: number): number {
  const sorted = Float64Array.from(values).sort();
  let best = sorted.length > 0 ? 1 : 0;
  let start = 0;
  for (let i = 1; i < sorted.length; i++) {
    const base = sorted[start] as number;
    if ((sorted[i] as number) - base > tolerance * Math.max(Math.abs(base), 1)) start = i;
    best = Math.max(best, i - start + 1);
  }
  return best;
}
