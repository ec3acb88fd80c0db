import type { TransferGraphView } from '../transferGraphView.js';
import { newClusteringRun } from './clusteringRun.js';
import { type CommonFundingOptions, linkCommonFunding } from './commonFunding.js';
import { type DepositReuseOptions, linkDepositAddressReuse } from './depositAddressReuse.js';
import type { LinkLog } from './linkLog.js';
import { linkMultiInput, type MultiInputOptions, type UtxoTransaction } from './multiInput.js';
import type { Clusters } from './unionFind.js';

export interface ClusterEntitiesOptions {
  depositReuse?: DepositReuseOptions | false;
  commonFunding?: CommonFundingOptions | false;
  /** UTXO chains: the transactions whose inputs are joined. */
  utxo?: { transactions: readonly UtxoTransaction[]; options?: MultiInputOptions };
}

export interface EntityClustering {
  clusters: Clusters;
  links: LinkLog;
  hotWallets: Int32Array;
  depositAddresses: Int32Array;
  coinJoins: number[];
}

/**
 * Runs every enabled heuristic into one union-find. Hot wallets found by the deposit heuristic are
 * also kept out of the funders, since an exchange withdrawal is not a common owner.
 */
export function clusterEntities(
  graph: TransferGraphView,
  options: ClusterEntitiesOptions = {},
): EntityClustering {
  const run = newClusteringRun(graph.nodeCount);
  let hotWallets: Int32Array = Int32Array.from(
    options.depositReuse ? (options.depositReuse.hotWallets ?? []) : [],
  );
  let depositAddresses: Int32Array = new Int32Array(0);
  if (options.depositReuse !== false) {
    const result = linkDepositAddressReuse(graph, run, options.depositReuse ?? {});
    hotWallets = result.hotWallets;
    depositAddresses = result.depositAddresses;
  }
  if (options.commonFunding !== false) {
    const funding = options.commonFunding ?? {};
    linkCommonFunding(graph, run, {
      ...funding,
      excludedFunders: [...(funding.excludedFunders ?? []), ...hotWallets],
    });
  }
  let coinJoins: number[] = [];
  if (options.utxo) {
    coinJoins = linkMultiInput(
      options.utxo.transactions,
      (a) => graph.nodeOf(a),
      run,
      options.utxo.options,
    ).coinJoins;
  }
  return { clusters: run.unions.clusters(), links: run.links, hotWallets, depositAddresses, coinJoins };
}
