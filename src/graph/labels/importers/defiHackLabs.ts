import { createReadStream, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Chain } from '../../../core/chain.js';
import type { LabelCollector } from '../labelCollector.js';
import { csvRows } from './csvRows.js';

/** The block explorer an incident links to is the only record of its chain. */
const EXPLORER_CHAINS: Record<string, Chain> = {
  'etherscan.io': 'ethereum',
  'bscscan.com': 'bsc',
  'arbiscan.io': 'arbitrum',
  'basescan.org': 'base',
  'polygonscan.com': 'polygon',
  'optimistic.etherscan.io': 'optimism',
  'snowtrace.io': 'avalanche',
  'gnosisscan.io': 'gnosis',
  'lineascan.build': 'linea',
  'blastscan.io': 'blast',
  'mantlescan.info': 'mantle',
  'ftmscan.com': 'fantom',
  'seiscan.io': 'sei',
};

type Incident = Record<string, unknown>;

async function* jsonLines(file: string, onBad: (line: number, reason: string) => void) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      onBad(line, `not JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      onBad(line, 'not a JSON object');
      continue;
    }
    yield { line, fields: parsed as Incident };
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * DeFiHackLabs incidents (incidents.jsonl or incidents.csv): each attacker and attack-contract address
 * becomes a 'hack' label named after the incident and dated by it. An incident without an explorer link
 * has no known chain: its addresses are rejected unless the caller names a chain to assume.
 */
export async function importDefiHackLabs(
  path: string,
  collector: LabelCollector,
  chainWhenUnknown?: Chain,
): Promise<void> {
  const file = statSync(path).isDirectory() ? join(path, 'incidents.jsonl') : path;
  const name = basename(file);
  const bad = (line: number, reason: string) => collector.reject(`${name}:${line}`, reason);
  const rows = file.endsWith('.csv') ? csvRows(file, bad) : jsonLines(file, bad);
  for await (const { line, fields } of rows) {
    const position = `${name}:${line}`;
    const incident = text(fields.name);
    const date = text(fields.date);
    const roles = [
      { role: 'attacker', addresses: text(fields.attacker).split(/\s+/).filter(Boolean) },
      { role: 'attack contract', addresses: text(fields.attack_contract).split(/\s+/).filter(Boolean) },
    ];
    if (roles.every((r) => r.addresses.length === 0)) continue; // nothing to label, not malformed
    if (incident === '') {
      collector.reject(position, 'incident has no name');
      continue;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      collector.reject(position, `incident "${incident}" has no valid date ("${date}")`);
      continue;
    }
    const explorer = text(fields.explorer);
    const chain = explorer === '' ? chainWhenUnknown : EXPLORER_CHAINS[explorer];
    if (chain === undefined) {
      collector.reject(
        position,
        explorer === ''
          ? `incident "${incident}" links no block explorer, so its chain is unknown`
          : `incident "${incident}" links explorer "${explorer}", which maps to no supported chain`,
      );
      continue;
    }
    for (const { role, addresses } of roles) {
      for (const address of addresses) {
        collector.add(`${position}:${role}`, {
          chain,
          address,
          category: 'hack',
          label: `${incident} ${role}`,
          source: 'defihacklabs',
          sourceRef: `${position} ${incident} (${date})`,
          listedAt: date,
        });
      }
    }
  }
}
