import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Chain } from '../../../core/chain.js';
import type { LabelCollector } from '../labelCollector.js';
import { csvRows } from './csvRows.js';
import { chainOfTokenAddress } from './tokenChain.js';

/** CryptoScamDB's coin codes; the others (ADA, BNB beacon, DOGE, LTC, XRP, ...) are rejected. */
const COIN_CHAINS: Record<string, Chain | ((address: string) => Chain)> = {
  ETH: 'ethereum',
  BTC: 'bitcoin',
  TRX: 'tron',
  BSC: 'bsc',
  USDT: chainOfTokenAddress,
};

/** scam_addresses.csv (chain, address, name, url, category, subcategory, reporter), derived from urls.yaml. */
export async function importCryptoScamDb(path: string, collector: LabelCollector): Promise<void> {
  const file = statSync(path).isDirectory() ? join(path, 'scam_addresses.csv') : path;
  const name = basename(file);
  const bad = (line: number, reason: string) => collector.reject(`${name}:${line}`, reason);
  for await (const { line, fields } of csvRows(file, bad)) {
    const position = `${name}:${line}`;
    const coin = fields.chain ?? '';
    const address = fields.address ?? '';
    const mapping = COIN_CHAINS[coin];
    if (mapping === undefined) {
      collector.reject(position, `coin "${coin}" has no supported chain`);
      continue;
    }
    const kind = fields.category?.toLowerCase();
    if (kind !== 'phishing' && kind !== 'scamming') {
      collector.reject(
        position,
        `unknown category "${fields.category ?? ''}" (expected Phishing or Scamming)`,
      );
      continue;
    }
    const site = fields.name || fields.url || '';
    const sub = fields.subcategory ? ` (${fields.subcategory})` : '';
    collector.add(position, {
      chain: typeof mapping === 'string' ? mapping : mapping(address),
      address,
      category: kind === 'phishing' ? 'phishing' : 'scam',
      label: `${site}${sub}`,
      source: 'cryptoscamdb',
      sourceRef: fields.url ? `${position} ${fields.url}` : position,
    });
  }
}
