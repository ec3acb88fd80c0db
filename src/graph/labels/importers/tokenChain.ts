import type { Chain } from '../../../core/chain.js';

/*
 * Stablecoins live on several chains, and the lists name the asset, not the chain. The address form
 * tells them apart: 0x is an ERC-20 holder (Ethereum assumed; the same key holds it on every EVM chain),
 * T is TRC-20 on Tron, and a base58 bitcoin address is Omni-layer USDT on bitcoin.
 */
export function chainOfTokenAddress(address: string): Chain {
  const text = address.trim();
  if (text.startsWith('0x')) return 'ethereum';
  if (text.startsWith('T')) return 'tron';
  return 'bitcoin';
}
