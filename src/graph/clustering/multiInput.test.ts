import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { newClusteringRun } from './clusteringRun.js';
import { linkMultiInput, parseUtxoTransactions } from './multiInput.js';

const addresses = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const nodeOf = (address: string) => addresses.indexOf(address);

describe('linkMultiInput', () => {
  it('joins the inputs of a transaction, transitively across transactions', () => {
    const run = newClusteringRun(addresses.length);
    const result = linkMultiInput(
      [
        { inputs: ['a', 'b'], outputValues: [5, 1.2] },
        { inputs: ['b', 'c', 'c'], outputValues: [3] },
        { inputs: ['d'], outputValues: [1, 1, 1] },
      ],
      nodeOf,
      run,
    );
    expect(run.unions.connected(0, 2)).toBe(true);
    expect(run.unions.connected(0, 3)).toBe(false);
    expect(result.linksAdded).toBe(2);
    expect(run.links.at(1)).toEqual({ heuristic: 'multiInput', a: 1, b: 2, via: 1, detail: 2 });
  });

  it('skips CoinJoin-like transactions: many inputs, many equal outputs', () => {
    const run = newClusteringRun(addresses.length);
    const result = linkMultiInput(
      [
        { inputs: ['d', 'e', 'f', 'g'], outputValues: [0.1, 0.1, 0.1, 0.1, 0.037, 0.052] },
        { inputs: ['d', 'e', 'f'], outputValues: [0.1, 0.2, 0.3] },
      ],
      nodeOf,
      run,
    );
    expect(result.coinJoins).toEqual([0]);
    expect(run.unions.connected(3, 6)).toBe(false);
    expect(run.unions.connected(3, 5)).toBe(true);
  });

  it('counts addresses the graph does not know', () => {
    const run = newClusteringRun(addresses.length);
    const result = linkMultiInput([{ inputs: ['a', 'zz', 'h'], outputValues: [1] }], nodeOf, run);
    expect(result.unknownAddresses).toBe(1);
    expect(run.unions.connected(0, 7)).toBe(true);
  });

  it('validates transactions at the boundary', () => {
    expect(parseUtxoTransactions([{ inputs: ['a'], outputValues: [1] }])).toHaveLength(1);
    expect(() => parseUtxoTransactions([{ inputs: [], outputValues: [-1] }])).toThrow(ValidationError);
  });
});
