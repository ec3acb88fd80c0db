import type { SmallEdge } from '../smallGraph.fixture.js';

/** Every pair within names joined once, value 1, direction by list order. */
export function clique(names: readonly string[], value = 1): SmallEdge[] {
  const edges: SmallEdge[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      edges.push({ from: names[i] as string, to: names[j] as string, value });
    }
  }
  return edges;
}

export const LEFT = ['a1', 'a2', 'a3', 'a4'];
export const RIGHT = ['b1', 'b2', 'b3', 'b4'];

/** Two 4-cliques joined through one middle address x (a1 -> x -> b1). */
export function twoCliquesThroughBridge(): SmallEdge[] {
  return [
    ...clique(LEFT),
    ...clique(RIGHT),
    { from: 'a1', to: 'x', value: 1 },
    { from: 'x', to: 'b1', value: 1 },
  ];
}
