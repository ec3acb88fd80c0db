import { describe, expect, it } from 'vitest';
import { smallGraph } from '../smallGraph.fixture.js';
import { pageRank } from './pageRank.js';

describe('pageRank', () => {
  it('matches the closed form of a three-node example weighted by value', () => {
    // a sends 1/4 of its rank to b and 3/4 to c; b and c pass everything on. With d = 0.85, n = 3:
    //   rb = 0.05 + 0.2125 ra, rc = 0.0925 + 0.818125 ra, ra = 0.05 + 0.85 rc
    //   => ra = 0.128625 / 0.30459375.
    const g = smallGraph([
      { from: 'a', to: 'b', value: 1 },
      { from: 'a', to: 'c', value: 3 },
      { from: 'b', to: 'c', value: 1 },
      { from: 'c', to: 'a', value: 1 },
    ]);
    const { scores, converged } = pageRank(g);
    const ra = 0.128625 / 0.30459375;
    expect(converged).toBe(true);
    expect(scores[g.nodeOf('a')]).toBeCloseTo(ra, 9);
    expect(scores[g.nodeOf('b')]).toBeCloseTo(0.05 + 0.2125 * ra, 9);
    expect(scores[g.nodeOf('c')]).toBeCloseTo(0.0925 + 0.818125 * ra, 9);
  });

  it('spreads a dangling node rank evenly so the total stays one', () => {
    // b has no out-edges: rb = 0.925 / 1.425, ra = 0.5 / 1.425.
    const g = smallGraph([{ from: 'a', to: 'b', value: 10 }]);
    const { scores } = pageRank(g);
    expect(scores[0]).toBeCloseTo(0.5 / 1.425, 9);
    expect(scores[1]).toBeCloseTo(0.925 / 1.425, 9);
  });

  it('weighs by transfer count when asked', () => {
    const edges = [
      { from: 'a', to: 'b', value: 100, transfers: 1 },
      { from: 'a', to: 'c', value: 1, transfers: 5 },
    ];
    const g = smallGraph(edges);
    const byValue = pageRank(g).scores;
    const byCount = pageRank(g, { weighting: 'transfers' }).scores;
    expect(byValue[1]).toBeGreaterThan(byValue[2] as number);
    expect(byCount[2]).toBeGreaterThan(byCount[1] as number);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const g = smallGraph([
      { from: 'a', to: 'b', value: 1 },
      { from: 'b', to: 'a', value: 1 },
      { from: 'b', to: 'c', value: 1 },
    ]);
    const result = pageRank(g, { maxIterations: 2, tolerance: 0 });
    expect(result.iterations).toBe(2);
    expect(result.converged).toBe(false);
    expect(result.scores.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});
