import type { Chain } from '../../../src/core/chain.js';
import type {
  ActivityBucket,
  ActivityBucketSize,
  AddressActivity,
  AddressNeighbourhood,
  AddressRisk,
  AddressView,
  NeighbourhoodEdge,
  NeighbourhoodNode,
  RiskSource,
} from '../../../src/graph/screening/addressView.js';
import type { ArgusApi } from '../api.js';

export type {
  ActivityBucket,
  ActivityBucketSize,
  AddressActivity,
  AddressNeighbourhood,
  AddressRisk,
  AddressView,
  NeighbourhoodEdge,
  NeighbourhoodNode,
  RiskSource,
};

/** The chains the server knows (src/core/chain.ts), for the lookup form; the check below keeps them in step. */
export const CHAINS = [
  'ethereum',
  'bitcoin',
  'tron',
  'polygon',
  'bsc',
  'arbitrum',
  'optimism',
  'base',
  'avalanche',
  'gnosis',
  'linea',
  'blast',
  'mantle',
  'fantom',
  'sei',
  'ethereum-classic',
] as const satisfies readonly Chain[];
// A chain added on the server and not here fails to compile.
const everyChainListed: Exclude<Chain, (typeof CHAINS)[number]> extends never ? true : false = true;
void everyChainListed;

export interface AddressViewOptions {
  hops: number;
  maxNodes: number;
  bucket: ActivityBucketSize | 'auto';
}

/** GET /v1/addresses/:chain/:address. */
export function addressView(
  api: ArgusApi,
  chain: string,
  address: string,
  options: AddressViewOptions,
): Promise<AddressView> {
  return api.get(`/v1/addresses/${encodeURIComponent(chain)}/${encodeURIComponent(address)}`, {
    hops: options.hops,
    maxNodes: options.maxNodes,
    bucket: options.bucket,
  });
}
