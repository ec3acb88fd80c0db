import { createReadStream, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Chain } from '../../../core/chain.js';
import type { LabelCollector } from '../labelCollector.js';
import { chainOfTokenAddress } from './tokenChain.js';

/** OFAC's asset codes mapped to chains; a function when the address form decides. */
const ASSET_CHAINS: Record<string, Chain | ((address: string) => Chain)> = {
  ETH: 'ethereum',
  XBT: 'bitcoin',
  TRX: 'tron',
  ARB: 'arbitrum',
  BSC: 'bsc',
  ETC: 'ethereum-classic',
  USDT: chainOfTokenAddress,
  USDC: chainOfTokenAddress,
};

/** Assets in the list whose chains Argus cannot validate yet: their rows are rejected, not guessed. */
export const OFAC_UNSUPPORTED_ASSETS = [
  'BCH',
  'BSV',
  'BTG',
  'DASH',
  'LTC',
  'XMR',
  'XRP',
  'XVG',
  'ZEC',
] as const;

const FILE_NAME = /^sanctioned_addresses_([A-Z0-9]+)\.(txt|json)$/;

/**
 * The files to read: one file as given, or from a folder every sanctioned_addresses_<ASSET> list, the
 * .txt when both forms are there (they hold the same addresses).
 */
function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const byAsset = new Map<string, string>();
  for (const name of readdirSync(path).sort()) {
    const match = FILE_NAME.exec(name);
    if (!match?.[1]) continue;
    if (match[2] === 'txt' || !byAsset.has(match[1])) byAsset.set(match[1], name);
  }
  return [...byAsset.values()].map((name) => join(path, name));
}

/**
 * The entries of a list with where each sits: .txt holds one address a line (streamed); .json is an
 * array of strings, small enough to parse whole, so any layout of it reads the same.
 */
async function* listEntries(
  file: string,
  name: string,
): AsyncGenerator<{ position: string; text: string } | { position: string; error: string }> {
  if (file.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      yield { position: name, error: `not JSON: ${(error as Error).message}` };
      return;
    }
    if (!Array.isArray(parsed)) {
      yield { position: name, error: 'not a JSON array of addresses' };
      return;
    }
    for (const [i, entry] of parsed.entries()) {
      const position = `${name}[${i}]`;
      yield typeof entry === 'string'
        ? { position, text: entry.trim() }
        : { position, error: `not an address string: ${JSON.stringify(entry)}` };
    }
    return;
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = raw.trim();
    if (text !== '' && !text.startsWith('#')) yield { position: `${name}:${line}`, text };
  }
}

/** OFAC SDN digital-currency addresses (0xB10C/ofac-sanctioned-digital-currency-addresses lists). */
export async function importOfac(path: string, collector: LabelCollector): Promise<void> {
  for (const file of listFiles(path)) {
    const name = basename(file);
    const asset = FILE_NAME.exec(name)?.[1];
    if (asset === undefined) {
      collector.reject(name, 'not an OFAC list: expected sanctioned_addresses_<ASSET>.txt or .json');
      continue;
    }
    const mapping = ASSET_CHAINS[asset];
    for await (const entry of listEntries(file, name)) {
      const position = entry.position;
      if ('error' in entry) {
        collector.reject(position, entry.error);
        continue;
      }
      const text = entry.text;
      if (mapping === undefined) {
        collector.reject(
          position,
          `asset ${asset} has no supported chain (its addresses cannot be validated)`,
        );
        continue;
      }
      collector.add(position, {
        chain: typeof mapping === 'string' ? mapping : mapping(text),
        address: text,
        category: 'sanctions',
        label: `OFAC SDN (${asset})`,
        source: 'ofac',
        sourceRef: position,
      });
    }
  }
}
