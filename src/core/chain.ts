import { ValidationError } from './errors.js';

/** Chains whose addresses are 20-byte hex with an optional EIP-55 checksum. */
export const EVM_CHAINS = [
  'ethereum',
  'ethereum-classic',
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
] as const;

export const KNOWN_CHAINS = [...EVM_CHAINS, 'bitcoin', 'tron'] as const;

export type EvmChain = (typeof EVM_CHAINS)[number];
export type Chain = (typeof KNOWN_CHAINS)[number];

const evmChains: ReadonlySet<string> = new Set(EVM_CHAINS);
const knownChains: ReadonlySet<string> = new Set(KNOWN_CHAINS);

export function isEvmChain(chain: Chain): chain is EvmChain {
  return evmChains.has(chain);
}

export function isKnownChain(name: string): name is Chain {
  return knownChains.has(name);
}

/** The chain a user named, or a refusal that lists the chains Argus knows. */
export function parseChain(name: string): Chain {
  const normal = name.trim().toLowerCase();
  if (isKnownChain(normal)) return normal;
  throw new ValidationError(
    'INPUT_INVALID',
    'chain',
    [{ path: 'chain', message: `unknown chain "${name}"` }],
    `use one of: ${KNOWN_CHAINS.join(', ')}`,
  );
}
