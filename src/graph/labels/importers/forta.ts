import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Chain } from '../../../core/chain.js';
import type { LabelCategory } from '../../../core/label.js';
import type { LabelCollector } from '../labelCollector.js';
import { csvHeader, csvRows } from './csvRows.js';

/** forta-network/labelled-datasets keeps each chain's lists under labels/<chain id>/. */
const CHAIN_IDS: Record<string, Chain> = {
  '1': 'ethereum',
  '10': 'optimism',
  '56': 'bsc',
  '137': 'polygon',
  '250': 'fantom',
  '8453': 'base',
  '42161': 'arbitrum',
  '43114': 'avalanche',
};

interface FortaLayout {
  address: string;
  label: (row: Record<string, string>) => string;
  category: (row: Record<string, string>) => LabelCategory;
}

/** The three list layouts, told apart by their first column. */
const LAYOUTS: Record<string, FortaLayout> = {
  // phishing_scams.csv: address, etherscan_tag, etherscan_labels (always phish-hack), is_contract
  address: { address: 'address', label: (r) => r.etherscan_tag ?? '', category: () => 'phishing' },
  // etherscan_malicious_labels.csv: banned_address, wallet_tag, data_source (phish-hack/exploit/heist list)
  banned_address: {
    address: 'banned_address',
    label: (r) => r.wallet_tag ?? '',
    category: (r) => (r.data_source === 'etherscan-phish-hack-list' ? 'phishing' : 'hack'),
  },
  // malicious_smart_contracts.csv: contract_address, contract_tag, contract_creator, ...
  contract_address: {
    address: 'contract_address',
    label: (r) => {
      const creator = r.contract_creator_tag || r.contract_creator_etherscan_label;
      return r.contract_tag || (creator ? `created by ${creator}` : '');
    },
    category: () => 'malicious-contract',
  },
};

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => join(path, name));
}

/** The chain of a list: the caller's choice, else the chain id folder it sits in, else Ethereum. */
function chainOf(file: string, chosen: Chain | undefined): Chain {
  return chosen ?? CHAIN_IDS[basename(dirname(file))] ?? 'ethereum';
}

/** Forta's labelled phishing, Etherscan malicious and malicious smart contract lists. */
export async function importForta(path: string, collector: LabelCollector, chain?: Chain): Promise<void> {
  for (const file of listFiles(path)) {
    const name = basename(file);
    const header = await csvHeader(file);
    const layout = LAYOUTS[header[0] ?? ''];
    if (layout === undefined) {
      collector.reject(`${name}:1`, `unknown Forta list layout (first column "${header[0] ?? ''}")`);
      continue;
    }
    const fileChain = chainOf(file, chain);
    const bad = (line: number, reason: string) => collector.reject(`${name}:${line}`, reason);
    for await (const { line, fields } of csvRows(file, bad)) {
      const position = `${name}:${line}`;
      collector.add(position, {
        chain: fileChain,
        address: fields[layout.address] ?? '',
        category: layout.category(fields),
        label: layout.label(fields),
        source: 'forta',
        sourceRef: position,
      });
    }
  }
}
