import type cytoscape from 'cytoscape';
import type { AddressNeighbourhood } from './addressApi.js';
import { categoryColour, shortAddress } from './categoryStyle.js';

/**
 * The neighbourhood as Cytoscape elements. Nodes come in breadth-first order from the centre over
 * the heaviest edges first, so the concentric layout, which fills each ring in element order, puts a
 * node's counterparties next to it rather than across the ring.
 */
export function graphElements(hood: AddressNeighbourhood): cytoscape.ElementDefinition[] {
  const weight = new Map<string, Map<string, number>>();
  const link = (a: string, b: string, value: number) => {
    const m = weight.get(a) ?? new Map<string, number>();
    weight.set(a, m);
    m.set(b, (m.get(b) ?? 0) + value);
  };
  for (const e of hood.edges) {
    link(e.from, e.to, e.value);
    link(e.to, e.from, e.value);
  }
  const center = hood.nodes.find((n) => n.isCenter);
  const order = new Map<string, number>();
  if (center) {
    const queue = [center.address];
    order.set(center.address, 0);
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head] as string;
      const next = [...(weight.get(at) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
      for (const [other] of next) {
        if (order.has(other)) continue;
        order.set(other, order.size);
        queue.push(other);
      }
    }
  }
  const nodes = [...hood.nodes].sort(
    (a, b) => (order.get(a.address) ?? Infinity) - (order.get(b.address) ?? Infinity),
  );
  const maxValue = Math.max(1, ...hood.edges.map((e) => e.value));
  const named = (text: string) => (text.length > 24 ? `${text.slice(0, 23)}…` : text);
  return [
    ...nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.address,
        name: n.labels[0] ? named(n.labels[0].label) : shortAddress(n.address),
        colour: categoryColour(n.category),
        labelled: n.category === undefined ? 0 : 1,
        center: n.isCenter ? 1 : 0,
        // The risk ring: none at 0, 6 px at 1.
        ring: Math.round(n.risk * 6 * 10) / 10,
        level: Math.max(0, hood.hops - n.hops),
      },
    })),
    ...hood.edges.map((e) => ({
      group: 'edges' as const,
      data: {
        id: `${e.from}>${e.to}`,
        source: e.from,
        target: e.to,
        width: 1 + (7 * Math.log1p(Math.max(0, e.value))) / Math.log1p(maxValue),
      },
    })),
  ];
}
