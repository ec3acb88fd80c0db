import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ArgusError, ValidationError } from '../../core/errors.js';

/** One name the entity extractor looks for: a package (something a lockfile can hold) or a protocol. */
export interface GazetteerEntry {
  kind: 'package' | 'protocol';
  /** The canonical value stored on documents: the registry name for packages, a lower-case slug for protocols. */
  name: string;
  /** Other spellings, matched case-insensitively on word boundaries. The name itself is always matched. */
  aliases: readonly string[];
  /**
   * Spellings that are also everyday words ("Compound", "Curve", "Balancer", "Maker") and so only count
   * when written exactly so, capitalised; "compound interest" is not the protocol.
   */
  caseSensitiveAliases: readonly string[];
  /**
   * False when the canonical name is an everyday word in security writing ("web3" in "web3 security"),
   * so that only the aliases ("web3.js") count. Default true.
   */
  matchName?: boolean;
  /** For packages: the ecosystem whose registry holds the name (npm, crates.io, PyPI, Go, or a git dependency for Solidity). */
  ecosystem?: 'npm' | 'crates.io' | 'PyPI' | 'Go' | 'git';
}

const pkg = (name: string, aliases: string[] = [], ecosystem: GazetteerEntry['ecosystem'] = 'npm') => ({
  kind: 'package' as const,
  name,
  aliases,
  caseSensitiveAliases: [],
  ecosystem,
});
const protocol = (name: string, aliases: string[] = [], caseSensitiveAliases: string[] = []) => ({
  kind: 'protocol' as const,
  name,
  aliases,
  caseSensitiveAliases,
});

/**
 * The built-in list, written for Argus: the web3 libraries and toolchains that advisories most often
 * name, and the DeFi protocols and bridges that incident write-ups most often name. It is a starting
 * point; users add their own with a YAML or JSON file (see loadGazetteerFile).
 */
export const BUILT_IN_GAZETTEER: readonly GazetteerEntry[] = [
  pkg('@openzeppelin/contracts', ['openzeppelin-contracts', 'openzeppelin contracts', 'openzeppelin']),
  pkg('@openzeppelin/contracts-upgradeable', [
    'openzeppelin-contracts-upgradeable',
    'openzeppelin contracts upgradeable',
  ]),
  pkg('solmate', ['transmissions11/solmate']),
  pkg('solady', ['vectorized/solady']),
  pkg('ethers', ['ethers.js', 'ethersjs']),
  { ...pkg('web3', ['web3.js', 'web3js']), matchName: false },
  pkg('viem'),
  pkg('wagmi'),
  pkg('hardhat'),
  pkg('truffle'),
  pkg('ganache'),
  pkg('foundry', ['foundry-rs'], 'git'),
  pkg('forge-std', ['foundry-rs/forge-std'], 'git'),
  pkg('solc', ['solc-js', 'solidity compiler']),
  pkg('vyper', ['vyper compiler'], 'PyPI'),
  pkg('web3.py', ['web3py'], 'PyPI'),
  pkg('brownie', ['eth-brownie'], 'PyPI'),
  pkg('@solana/web3.js', ['solana web3.js']),
  pkg('@coral-xyz/anchor', ['anchor-lang', 'project-serum/anchor']),
  pkg('bitcoinjs-lib', ['bitcoinjs']),
  pkg('@noble/curves', ['noble-curves']),
  pkg('@noble/hashes', ['noble-hashes']),
  pkg('ethereumjs-util', ['@ethereumjs/util']),
  pkg('@metamask/eth-sig-util', ['eth-sig-util']),
  pkg('@walletconnect/web3wallet', ['walletconnect']),
  pkg('@ledgerhq/connect-kit', ['ledger connect kit', 'connect-kit']),
  pkg('@uniswap/v3-core', ['uniswap v3-core']),
  pkg('@uniswap/v2-core', ['uniswap v2-core']),
  pkg('@chainlink/contracts', ['chainlink contracts']),
  pkg('go-ethereum', ['geth'], 'Go'),
  pkg('reth', ['paradigmxyz/reth'], 'crates.io'),
  { ...pkg('alloy', ['alloy-rs', 'alloy-rs/alloy'], 'crates.io'), matchName: false },
  protocol('uniswap', ['uniswap v2', 'uniswap v3', 'uniswap v4', 'uniswapv2', 'uniswapv3']),
  protocol('sushiswap', ['sushi']),
  protocol('pancakeswap', ['pancake swap']),
  protocol('aave', ['aave v2', 'aave v3']),
  protocol('compound', ['compound finance', 'compoundv2', 'compound v2', 'compound v3'], ['Compound']),
  protocol('curve', ['curve finance', 'curve.fi'], ['Curve']),
  protocol('balancer', ['balancer v2', 'balancer labs'], ['Balancer']),
  protocol('chainlink', ['chainlink oracle', 'chainlink vrf']),
  protocol('lido', ['lido finance', 'steth']),
  protocol('makerdao', ['maker dao', 'sky protocol'], ['Maker']),
  protocol('yearn', ['yearn finance', 'yearn.finance']),
  protocol('convex', ['convex finance'], ['Convex']),
  protocol('synthetix'),
  protocol('euler', ['euler finance']),
  protocol('gmx'),
  protocol('dydx'),
  protocol('frax', ['frax finance']),
  protocol('1inch', ['1inch network']),
  protocol('0x protocol', ['0x api']),
  protocol('opensea', ['seaport']),
  protocol('gnosis safe', ['safe{wallet}', 'gnosis-safe', 'safe wallet']),
  protocol('eigenlayer'),
  protocol('pendle'),
  protocol('morpho'),
  protocol('venus', ['venus protocol'], ['Venus']),
  protocol('cream finance', [], ['Cream']),
  protocol('harvest finance'),
  protocol('beanstalk'),
  protocol('wormhole'),
  protocol('ronin', ['ronin bridge', 'ronin network']),
  protocol('nomad', ['nomad bridge'], ['Nomad']),
  protocol('multichain', ['anyswap', 'multichain bridge'], ['Multichain']),
  protocol('poly network'),
  protocol('layerzero'),
  protocol('stargate', ['stargate finance'], ['Stargate']),
  protocol('thorchain'),
  protocol('tornado cash', ['tornado.cash', 'tornadocash']),
  protocol('the dao', [], ['The DAO']),
  protocol('parity', ['parity multisig', 'parity wallet'], ['Parity']),
];

const entrySchema = z.object({
  name: z.string().trim().min(1),
  matchName: z.boolean().optional(),
  aliases: z.array(z.string().trim().min(1)).default([]),
  caseSensitiveAliases: z.array(z.string().trim().min(1)).default([]),
  ecosystem: z.enum(['npm', 'crates.io', 'PyPI', 'Go', 'git']).optional(),
});

const fileSchema = z
  .object({
    packages: z.array(entrySchema).default([]),
    protocols: z.array(entrySchema.omit({ ecosystem: true })).default([]),
  })
  .strict();

/**
 * Parses a user gazetteer: `{ packages: [{ name, aliases?, caseSensitiveAliases?, matchName?, ecosystem? }],
 * protocols: [{ name, aliases?, caseSensitiveAliases?, matchName? }] }` as YAML or JSON (JSON is YAML). Protocol
 * names are lower-cased, as the built-in ones are, so that stored values compare equal.
 */
export function parseGazetteer(text: string, source = 'gazetteer'): GazetteerEntry[] {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ArgusError('INPUT_INVALID', `${source} is not valid YAML or JSON`, {
      cause: error,
      input: source,
      hint: 'write { packages: [{ name, aliases }], protocols: [{ name, aliases }] } as YAML or JSON',
    });
  }
  const result = fileSchema.safeParse(value ?? {});
  if (!result.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      source,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      'expected { packages: [{ name, aliases?, ecosystem? }], protocols: [{ name, aliases? }] }',
    );
  }
  return [
    ...result.data.packages.map((p) => ({
      kind: 'package' as const,
      name: p.name,
      aliases: p.aliases,
      caseSensitiveAliases: p.caseSensitiveAliases,
      ...(p.matchName === undefined ? {} : { matchName: p.matchName }),
      ...(p.ecosystem ? { ecosystem: p.ecosystem } : {}),
    })),
    ...result.data.protocols.map((p) => ({
      kind: 'protocol' as const,
      name: p.name.toLowerCase(),
      aliases: p.aliases,
      caseSensitiveAliases: p.caseSensitiveAliases,
      ...(p.matchName === undefined ? {} : { matchName: p.matchName }),
    })),
  ];
}

export function loadGazetteerFile(path: string): GazetteerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ArgusError('INPUT_INVALID', `cannot read the gazetteer file ${path}`, {
      cause: error,
      input: path,
      hint: 'check the path given for the gazetteer',
    });
  }
  return parseGazetteer(text, path);
}

/**
 * The built-in entries followed by the user's. A user entry with the same kind and name as a built-in
 * one adds its aliases to it rather than duplicating it.
 */
export function extendGazetteer(
  base: readonly GazetteerEntry[],
  extra: readonly GazetteerEntry[],
): GazetteerEntry[] {
  const merged = base.map((e) => ({ ...e }));
  for (const entry of extra) {
    const same = merged.find((e) => e.kind === entry.kind && e.name === entry.name);
    if (same === undefined) {
      merged.push({ ...entry });
      continue;
    }
    same.aliases = [...new Set([...same.aliases, ...entry.aliases])];
    same.caseSensitiveAliases = [...new Set([...same.caseSensitiveAliases, ...entry.caseSensitiveAliases])];
    if (entry.ecosystem !== undefined) same.ecosystem = entry.ecosystem;
    if (entry.matchName !== undefined) same.matchName = entry.matchName;
  }
  return merged;
}
