import { describe, expect, it } from 'vitest';
import { sparseFromRows } from './sparseMatrix.js';
import { nmf, topicModel } from './topics.js';

describe('nmf', () => {
  it('recovers an exact rank-2 non-negative factorisation', () => {
    // X = W H with W = [[1,0],[2,0],[0,1],[0,3]] and H = [[1,1,0,0],[0,0,2,1]].
    const rows = [
      [1, 1, 0, 0],
      [2, 2, 0, 0],
      [0, 0, 2, 1],
      [0, 0, 6, 3],
    ].map((r) => new Map(r.map((v, j) => [j, v] as [number, number])));
    const result = nmf(sparseFromRows(rows, 4), {
      topics: 2,
      maxIterations: 2000,
      tolerance: 1e-12,
      seed: 3,
    });
    expect(result.error).toBeLessThan(1e-6);
    for (const v of [...result.w, ...result.h]) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('is repeatable for a seed and refuses negative input', () => {
    const x = sparseFromRows(
      [
        new Map([
          [0, 1],
          [1, 2],
        ]),
        new Map([[1, 1]]),
      ],
      2,
    );
    expect(nmf(x, { topics: 1, seed: 7 }).h).toEqual(nmf(x, { topics: 1, seed: 7 }).h);
    expect(() => nmf(sparseFromRows([new Map([[0, -1]])], 1), { topics: 1 })).toThrow(RangeError);
  });
});

describe('topicModel', () => {
  const reentrancy = [
    'reentrancy in withdraw lets the attacker re-enter before the balance update',
    'the callback re-enters withdraw: a classic reentrancy drains the vault balance',
    'reentrancy guard missing on withdraw, attacker callback drains balance',
    'withdraw sends ether before updating balance, allowing reentrancy through the callback',
  ];
  const oracle = [
    'the oracle price can be manipulated with a flash loan on the spot pool',
    'spot price oracle manipulated through pool reserves and a flash loan',
    'attacker manipulated the oracle price by skewing pool reserves',
    'lending market used the pool spot price as its oracle, so the price was manipulated',
  ];

  it('finds the two obvious topics and puts each document in its own', () => {
    const model = topicModel([...reentrancy, ...oracle], { topics: 2, seed: 1, topTerms: 4 });
    const termsOf = (t: number) => model.topics[t]?.terms.map((e) => e.term) ?? [];
    const reentrancyTopic = termsOf(0).includes('reentranc') ? 0 : 1;
    const oracleTopic = 1 - reentrancyTopic;
    expect(termsOf(reentrancyTopic)).toEqual(expect.arrayContaining(['reentranc', 'withdraw']));
    expect(termsOf(oracleTopic)).toEqual(expect.arrayContaining(['price', 'oracl']));
    expect(termsOf(reentrancyTopic)).not.toContain('oracl');
    reentrancy.forEach((_, i) => {
      expect(model.documentTopics[i * 2 + reentrancyTopic]).toBeGreaterThan(0.8);
    });
    oracle.forEach((_, i) => {
      expect(model.documentTopics[(reentrancy.length + i) * 2 + oracleTopic]).toBeGreaterThan(0.8);
    });
    const shares = model.topics.map((t) => t.share);
    expect(shares[0]).toBeGreaterThanOrEqual(shares[1] as number);
    expect((shares[0] as number) + (shares[1] as number)).toBeCloseTo(1, 12);
  });
});
