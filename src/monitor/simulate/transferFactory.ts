import type { TransferEvent } from '../../core/transferEvent.js';
import { ASSETS } from './assets.js';

export type AccountKind = NonNullable<TransferEvent['fromKind']>;

// Post-merge Ethereum: one slot every 12 s from block 15,537,394 at 2022-09-15T06:42:59Z.
const MERGE_BLOCK = 15_537_394;
const MERGE_TIME = 1_663_224_179_000;
const ASSET_NAMES: readonly string[] = [...ASSETS];

export function blockAt(time: number): number {
  return Math.max(0, MERGE_BLOCK + Math.floor((time - MERGE_TIME) / 12_000));
}

/**
 * Builds a transfer with every field in the same order, so all events share one hidden class and the
 * key is exactly what transferEventKey would derive. Positional on purpose: the background generator
 * calls it for every event and an options bag would be one more allocation each time.
 */
export function makeTransfer(
  chain: string,
  txHash: string,
  logIndex: number,
  time: number,
  from: string,
  to: string,
  asset: number,
  amount: number,
  valueUsd: number,
  fromJurisdiction: string | undefined,
  toJurisdiction: string | undefined,
  fromKind: AccountKind,
  toKind: AccountKind,
  userId: string | undefined,
): TransferEvent {
  return {
    key: `${chain}:${txHash}:${logIndex}`,
    chain,
    txHash,
    logIndex,
    blockNumber: blockAt(time),
    time,
    from,
    to,
    asset: ASSET_NAMES[asset] as string,
    amount,
    valueUsd,
    fromJurisdiction,
    toJurisdiction,
    fromKind,
    toKind,
    userId,
  };
}

/**
 * A copy of a transfer that is going to be kept (planted incidents, the dormant accounts' history).
 * V8 pretenures an allocation site once most of its objects survive young-generation collections; if
 * the kept transfers came from makeTransfer's literal, every streamed transfer after them would be
 * allocated in the old generation, and garbage collection would cost more than generating them.
 */
export function keptTransfer(e: TransferEvent): TransferEvent {
  return {
    key: e.key,
    chain: e.chain,
    txHash: e.txHash,
    logIndex: e.logIndex,
    blockNumber: e.blockNumber,
    time: e.time,
    from: e.from,
    to: e.to,
    asset: e.asset,
    amount: e.amount,
    valueUsd: e.valueUsd,
    fromJurisdiction: e.fromJurisdiction,
    toJurisdiction: e.toJurisdiction,
    fromKind: e.fromKind,
    toKind: e.toKind,
    userId: e.userId,
  };
}
