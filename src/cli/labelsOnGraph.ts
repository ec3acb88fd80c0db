import type { Command } from 'commander';
import type { Chain } from '../core/chain.js';
import type { Label } from '../core/label.js';
import type { TransferGraphView } from '../graph/transferGraphView.js';
import { withStore } from './context.js';

/**
 * The stored labels of a chain whose address is on the graph; the others cannot be reached, so they
 * are counted (`stored`) but not kept.
 */
export async function labelsOnGraph(
  cmd: Command,
  chain: Chain,
  graph: TransferGraphView,
): Promise<{ labels: Label[]; stored: number }> {
  const labels: Label[] = [];
  let stored = 0;
  await withStore(cmd, async ({ store }) => {
    for await (const label of store.labels.all(chain)) {
      stored++;
      if (graph.nodeOf(label.address) >= 0) labels.push(label);
    }
  });
  return { labels, stored };
}
