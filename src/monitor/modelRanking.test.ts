import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '../core/transferEvent.js';
import { ModelRankingCollector } from './modelRanking.js';
import type { GroundTruth } from './simulate/groundTruth.js';

const truth = {
  incidents: [
    { typology: 'structuring', id: 's1', accounts: ['a'], eventKeys: ['k1', 'k2'], start: 0, end: 1 },
    { typology: 'peel-chain', id: 'p1', accounts: ['b'], eventKeys: ['k3'], start: 0, end: 1 },
  ],
} as unknown as GroundTruth;

const event = (key: string) => ({ key }) as TransferEvent;

describe('ModelRankingCollector', () => {
  it('measures how well the score alone ranks each typology above normal traffic', () => {
    const collector = new ModelRankingCollector(truth);
    // Structuring scores above all normal transfers; the peel-chain hop below all of them.
    for (const [key, score] of [
      ['n1', 0.5],
      ['n2', 0.6],
      ['n3', 0.4],
      ['k1', 0.9],
      ['k2', 0.95],
      ['k3', 0.1],
    ] as const) {
      collector.observe(event(key), score);
    }
    const result = collector.result();
    expect(result).toMatchObject({ scored: 6, malicious: 3 });
    expect(result.byTypology).toEqual([
      { typology: 'peel-chain', transfers: 1, rocAuc: 0 },
      { typology: 'structuring', transfers: 2, rocAuc: 1 },
    ]);
    expect(result.rocAuc).toBeCloseTo(6 / 9, 10);
  });

  it('says nothing rather than a number when there is nothing to separate', () => {
    const collector = new ModelRankingCollector(truth);
    collector.observe(event('n1'), 0.3);
    expect(collector.result()).toMatchObject({ rocAuc: null, averagePrecision: null, byTypology: [] });
  });
});
