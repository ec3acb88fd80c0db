import { parseTransferEvent } from '../core/transferEvent.js';
import { openGraphWatch } from '../graph/watch/openGraphWatch.js';
import { demoGraphData } from './demoGraphTransfers.js';
import type { DemoSeeder } from './seedDemoData.js';

/**
 * The demo's transfer graph, built the way `argus monitor` builds and saves one: the demo labels go
 * into the store, a month of demo transfers goes through the graph watch, and the watch saves the
 * graph under the name the API's screening service reads. The exposure alerts the watch raises are
 * counted, not sent: the scripted scenario already plays the graph alerts, and sending these would
 * fire the demo policy's holds a second time.
 */
export const seedDemoGraph: DemoSeeder = async ({ app, config, now }) => {
  if (!config.graph.enabled) return 'skipped (graph.enabled is false)';
  const data = demoGraphData(now);
  await app.store.labels.upsertMany(data.labels);
  const graph = await openGraphWatch(app.store, config.graph);
  let alerts = 0;
  for (const raw of data.transfers) {
    const parsed = parseTransferEvent(raw);
    if (!parsed.ok) throw new Error(`demo transfer ${raw.from} → ${raw.to} is invalid: ${parsed.reason}`);
    for (const observer of graph.observers) alerts += observer.observe(parsed.event).length;
  }
  const saved = await graph.save(now);
  const ethereum = graph.watch.graphs().get('ethereum');
  if (!ethereum || saved.length === 0) return 'no ethereum graph kept (graph.chains leaves it out)';
  return `ethereum transfer graph of ${data.transfers.length} transfers (${ethereum.nodeCount} addresses, ${ethereum.edgeCount} edges), ${data.labels.length} labels; the graph watch found ${alerts} exposures`;
};
