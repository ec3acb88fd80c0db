import { type Chain, isKnownChain } from '../../core/chain.js';
import type { ArgusConfig } from '../../core/config/schema.js';
import type { TransferObserver } from '../../core/transferObserver.js';
import type { GraphSnapshotRepository, LabelRepository } from '../../store/types.js';
import { chainOfSnapshotName, graphSnapshotName } from '../graph/graphSnapshotName.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { LabelIndex } from '../labels/labelIndex.js';
import { GraphWatch } from './graphWatch.js';
import { PrivacyWatch } from './privacyWatch.js';

export interface StoredGraphWatch {
  watch: GraphWatch;
  /** Linkability of the operator's own addresses (graph.privacy.watch); absent when none are listed. */
  privacy: PrivacyWatch | undefined;
  /** What the monitor calls per transfer, in order: the graph first, so a privacy check sees the transfer. */
  observers: TransferObserver[];
  labels: number;
  /** Chains whose saved graph was restored, with their sizes. */
  restored: { chain: Chain; nodes: number; edges: number }[];
  /** Writes every chain's graph to the store (one snapshot per chain, replacing the previous one). */
  save(at: number): Promise<{ chain: Chain; bytes: number }[]>;
}

export interface GraphWatchStore {
  graphs: GraphSnapshotRepository;
  labels: Pick<LabelRepository, 'all'>;
}

/**
 * The live graph as the monitor runs it: every stored label in an index, the graphs saved by the last
 * run restored, and a save() that puts them back through the store.
 */
export async function openGraphWatch(
  store: GraphWatchStore,
  config: ArgusConfig['graph'],
): Promise<StoredGraphWatch> {
  const index = new LabelIndex();
  for await (const label of store.labels.all()) index.add(label);
  const allowed = new Set(config.chains.map((c) => c.trim().toLowerCase()));
  const graphs = new Map<Chain, TransferGraph>();
  const restored: StoredGraphWatch['restored'] = [];
  for (const meta of await store.graphs.list()) {
    const chain = chainOfSnapshotName(meta.name);
    if (chain === undefined || !isKnownChain(chain) || (allowed.size > 0 && !allowed.has(chain))) continue;
    const saved = await store.graphs.load(meta.name);
    if (!saved) continue;
    const graph = TransferGraph.load(saved.data);
    graphs.set(chain, graph);
    restored.push({ chain, nodes: graph.nodeCount, edges: graph.edgeCount });
  }
  const watch = new GraphWatch(
    index,
    {
      chains: config.chains,
      directExposure: config.directExposure,
      indirectExposure: config.indirectExposure,
      hubInDegree: config.hubInDegree,
    },
    graphs,
  );
  const privacy =
    config.privacy.watch.length > 0 ? new PrivacyWatch(() => watch.graphs(), config.privacy) : undefined;
  return {
    watch,
    privacy,
    observers: privacy ? [watch, privacy] : [watch],
    labels: index.size,
    restored,
    async save(at) {
      const saved: { chain: Chain; bytes: number }[] = [];
      for (const [chain, graph] of watch.graphs()) {
        const data = graph.save();
        await store.graphs.save({
          name: graphSnapshotName(chain),
          data,
          nodes: graph.nodeCount,
          edges: graph.edgeCount,
          at,
        });
        saved.push({ chain, bytes: data.length });
      }
      return saved;
    },
  };
}
