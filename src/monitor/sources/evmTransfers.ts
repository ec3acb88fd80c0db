import { type Block, formatUnits, type Hex, type RpcLog, type Transaction } from 'viem';
import type { TransferEvent } from '../../core/transferEvent.js';
import type { ContractCodeCache } from './contractCodeCache.js';
import { parseTransferRecord } from './fastTransferParse.js';
import type { TokenInfo, TokenMetadataCache } from './tokenMetadata.js';

/** keccak256("Transfer(address,address,uint256)"), the ERC-20 (and ERC-721) Transfer event. */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

export type FullBlock = Block<bigint, true>;

export interface ExtractContext {
  chain: string;
  nativeAsset: string;
  tokens: TokenMetadataCache;
  /** When set, a recipient with code is marked toKind 'contract'. */
  code?: ContractCodeCache | undefined;
  /** Hashes (lowercase) of transactions that reverted: their value never moved. */
  failedTxs?: ReadonlySet<string> | undefined;
}

export interface ExtractedTransfers {
  events: TransferEvent[];
  rejected: { position: string; reason: string }[];
}

interface TokenTransferLog {
  token: string;
  from: string;
  to: string;
  value: bigint;
  txHash: string;
  txIndex: number;
  logIndex: number;
}

/** The address in an indexed topic: 32 bytes whose first 12 are zero. */
function topicAddress(topic: Hex | undefined): string | undefined {
  if (topic === undefined || topic.length !== 66 || !/^0x0{24}[0-9a-fA-F]{40}$/.test(topic)) return undefined;
  return `0x${topic.slice(26).toLowerCase()}`;
}

/**
 * The ERC-20 Transfer in a log, or why it is not one. Logs with Transfer's signature but four topics are
 * ERC-721 transfers, not value: they are passed over silently (null), not reported.
 */
function readTransferLog(log: RpcLog): TokenTransferLog | string | null {
  if (log.removed || log.topics[0] !== TRANSFER_TOPIC || log.topics.length !== 3) return null;
  const from = topicAddress(log.topics[1]);
  const to = topicAddress(log.topics[2]);
  if (from === undefined || to === undefined) return 'Transfer topics are not addresses';
  if (log.data.length !== 66) return `Transfer data is ${(log.data.length - 2) / 2} bytes, expected 32`;
  if (log.transactionHash === null || log.logIndex === null || log.transactionIndex === null) {
    return 'log has no transaction hash or index';
  }
  return {
    token: log.address.toLowerCase(),
    from,
    to,
    value: BigInt(log.data),
    txHash: log.transactionHash.toLowerCase(),
    txIndex: Number(log.transactionIndex),
    logIndex: Number(log.logIndex),
  };
}

/** Transactions that would move the native coin if they succeed: value > 0 and a recipient. */
export function nativeCandidates(block: FullBlock): Transaction[] {
  return (block.transactions as Transaction[]).filter((tx) => tx.value > 0n && tx.to);
}

async function resolveAll<T>(
  keys: Iterable<string>,
  get: (k: string) => T | Promise<T>,
): Promise<Map<string, T>> {
  const unique = [...new Set(keys)];
  const values = await Promise.all(unique.map((k) => get(k)));
  return new Map(unique.map((k, i) => [k, values[i] as T]));
}

/**
 * The value transfers in one block, in block order (a transaction's own ETH first, then its token
 * transfers by log index): native transfers with value > 0 to an address (contract creations have none,
 * logIndex -1) that did not revert, and ERC-20 Transfer logs with the amount in whole tokens. Value
 * moved by contracts (internal transactions) needs traces and is not here.
 */
export async function extractTransfers(
  block: FullBlock,
  logs: RpcLog[],
  ctx: ExtractContext,
): Promise<ExtractedTransfers> {
  const blockNumber = Number(block.number);
  const time = Number(block.timestamp) * 1000;
  const rejected: ExtractedTransfers['rejected'] = [];

  const natives = nativeCandidates(block).filter((tx) => !ctx.failedTxs?.has(tx.hash.toLowerCase()));
  const tokenLogs: TokenTransferLog[] = [];
  for (const log of logs) {
    const read = readTransferLog(log);
    if (typeof read === 'string') {
      rejected.push({ position: `block ${blockNumber} log ${Number(log.logIndex)}`, reason: read });
    } else if (read !== null) {
      tokenLogs.push(read);
    }
  }
  tokenLogs.sort((a, b) => a.logIndex - b.logIndex);

  const tokenInfo = await resolveAll(
    tokenLogs.map((l) => l.token),
    (a) => ctx.tokens.get(a),
  );
  const code = ctx.code;
  const hasCode = code
    ? await resolveAll(
        [...natives.map((tx) => (tx.to as string).toLowerCase()), ...tokenLogs.map((l) => l.to)],
        (a) => code.hasCode(a),
      )
    : undefined;

  const raws: { position: string; raw: Record<string, unknown> }[] = [];
  const withKind = (raw: Record<string, unknown>, to: string) => {
    if (hasCode?.get(to)) raw.toKind = 'contract';
    return raw;
  };
  let next = 0;
  for (const tx of natives) {
    const txIndex = tx.transactionIndex ?? 0;
    while (next < tokenLogs.length && (tokenLogs[next] as TokenTransferLog).txIndex < txIndex) {
      raws.push(tokenRaw(tokenLogs[next++] as TokenTransferLog));
    }
    const to = (tx.to as string).toLowerCase();
    raws.push({
      position: `block ${blockNumber} tx ${tx.hash}`,
      raw: withKind(
        {
          chain: ctx.chain,
          txHash: tx.hash.toLowerCase(),
          logIndex: -1,
          blockNumber,
          time,
          from: tx.from.toLowerCase(),
          to,
          asset: ctx.nativeAsset,
          amount: Number(formatUnits(tx.value, 18)),
        },
        to,
      ),
    });
  }
  while (next < tokenLogs.length) raws.push(tokenRaw(tokenLogs[next++] as TokenTransferLog));

  function tokenRaw(l: TokenTransferLog): { position: string; raw: Record<string, unknown> } {
    const info = tokenInfo.get(l.token) as TokenInfo;
    return {
      position: `block ${blockNumber} log ${l.logIndex}`,
      raw: withKind(
        {
          chain: ctx.chain,
          txHash: l.txHash,
          logIndex: l.logIndex,
          blockNumber,
          time,
          from: l.from,
          to: l.to,
          asset: info.symbol,
          amount: Number(formatUnits(l.value, info.decimals)),
        },
        l.to,
      ),
    };
  }

  const events: TransferEvent[] = [];
  for (const { position, raw } of raws) {
    const parsed = parseTransferRecord(raw);
    if (parsed.ok) events.push(parsed.event);
    else rejected.push({ position, reason: parsed.reason });
  }
  return { events, rejected };
}
