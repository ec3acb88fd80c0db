import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { smallGraph } from '../smallGraph.fixture.js';
import { undirectedProjection } from './undirectedProjection.js';

function neighboursOf(p: ReturnType<typeof undirectedProjection>, node: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = p.offsets[node] as number; i < (p.offsets[node + 1] as number); i++) {
    out.push([p.neighbors[i] as number, p.weights[i] as number]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

describe('undirectedProjection', () => {
  const graph = smallGraph([
    { from: 'a', to: 'b', value: 2, transfers: 3 },
    { from: 'b', to: 'a', value: 5, transfers: 1 },
    { from: 'b', to: 'c', value: 1 },
    { from: 'c', to: 'c', value: 4 },
  ]);

  it('merges both directions of a pair and keeps self-transfers as loops', () => {
    const p = undirectedProjection(graph, 'value');
    expect(neighboursOf(p, 0)).toEqual([[1, 7]]);
    expect(neighboursOf(p, 1)).toEqual([
      [0, 7],
      [2, 1],
    ]);
    expect(neighboursOf(p, 2)).toEqual([[1, 1]]);
    expect(Array.from(p.loops)).toEqual([0, 0, 4]);
    expect(p.totalWeight).toBe(12);
  });

  it('weighs by transfer count or one per pair on request', () => {
    expect(neighboursOf(undirectedProjection(graph, 'transfers'), 0)).toEqual([[1, 4]]);
    const unit = undirectedProjection(graph, 'unit');
    expect(neighboursOf(unit, 0)).toEqual([[1, 2]]);
    expect(unit.totalWeight).toBe(4);
  });

  it('rejects negative weights', () => {
    const bad = smallGraph([{ from: 'a', to: 'b', value: -1 }]);
    expect(() => undirectedProjection(bad)).toThrow(ValidationError);
  });
});
