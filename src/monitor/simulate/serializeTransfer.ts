import type { TransferEvent } from '../../core/transferEvent.js';

/**
 * One simulated transfer as a JSON line, the way a source delivers it: without `key`, which
 * parseTransferEvent derives from chain, txHash and logIndex (the simulator's keys are exactly that).
 * Field order and number formatting match JSON.stringify. Only for events the simulator built: their
 * strings are hex, ISO codes and fixed words that never need escaping.
 */
export function serializeTransfer(e: TransferEvent): string {
  const tx = e.txHash === undefined ? '' : `,"txHash":"${e.txHash}"`;
  const log = e.logIndex === undefined ? '' : `,"logIndex":${e.logIndex}`;
  const block = e.blockNumber === undefined ? '' : `,"blockNumber":${e.blockNumber}`;
  const value = e.valueUsd === undefined ? '' : `,"valueUsd":${e.valueUsd}`;
  const fromJ = e.fromJurisdiction === undefined ? '' : `,"fromJurisdiction":"${e.fromJurisdiction}"`;
  const toJ = e.toJurisdiction === undefined ? '' : `,"toJurisdiction":"${e.toJurisdiction}"`;
  const fromK = e.fromKind === undefined ? '' : `,"fromKind":"${e.fromKind}"`;
  const toK = e.toKind === undefined ? '' : `,"toKind":"${e.toKind}"`;
  const user = e.userId === undefined ? '' : `,"userId":"${e.userId}"`;
  return `{"chain":"${e.chain}"${tx}${log}${block},"time":${e.time},"from":"${e.from}","to":"${e.to}","asset":"${e.asset}","amount":${e.amount}${value}${fromJ}${toJ}${fromK}${toK}${user}}`;
}
