import type { Chain } from '../../core/chain.js';

const PREFIX = 'transfer-graph/';

/** The store name of a chain's transfer graph snapshot; the live monitor saves under it, the API reads it. */
export function graphSnapshotName(chain: Chain): string {
  return `${PREFIX}${chain}`;
}

/** The chain a snapshot name is of, or undefined for a snapshot that is not a transfer graph. */
export function chainOfSnapshotName(name: string): string | undefined {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined;
}
