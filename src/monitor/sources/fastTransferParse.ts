import {
  type ParseResult,
  parseTransferEvent,
  type TransferEvent,
  TransferEventSchema,
  transferEventKey,
} from '../../core/transferEvent.js';

/*
 * The schema check costs about as much as JSON.parse itself, which at a million lines is the
 * difference between a file replay that keeps up with the monitor and one that holds it back. This
 * is a hand-written twin of TransferEventSchema for records that are plainly well formed; anything it
 * does not accept goes to the schema, which stays the authority and writes the reasons. So that the
 * twin cannot drift from the contract unnoticed, it is checked against the schema on load (same
 * fields, same verdict and output on the probes below) and switched off when they disagree.
 */

const KINDS = new Set(['customer', 'hot-wallet', 'cold-wallet', 'contract', 'external']);
const JURISDICTION = /^[A-Z]{2}$/;
const FIELDS = [
  'key',
  'chain',
  'txHash',
  'logIndex',
  'blockNumber',
  'time',
  'from',
  'to',
  'asset',
  'amount',
  'valueUsd',
  'fromJurisdiction',
  'toJurisdiction',
  'fromKind',
  'toKind',
  'userId',
];

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= max;
}

function optionalText(v: unknown, max: number): boolean {
  return v === undefined || isText(v, max);
}

function isAmount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** The event when the record is certainly valid, undefined when the schema must decide. */
function parseWellFormed(raw: unknown): TransferEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const { time, from, to, amount, logIndex, blockNumber, valueUsd } = r;
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0) return undefined;
  if (!isText(from, 128) || !isText(to, 128) || !isAmount(amount)) return undefined;
  const chain = r.chain === undefined ? 'ethereum' : r.chain;
  const asset = r.asset === undefined ? 'ETH' : r.asset;
  if (!isText(chain, 64) || !isText(asset, 64)) return undefined;
  if (!optionalText(r.key, 300) || !optionalText(r.txHash, 128) || !optionalText(r.userId, 256))
    return undefined;
  if (
    logIndex !== undefined &&
    !(typeof logIndex === 'number' && Number.isSafeInteger(logIndex) && logIndex >= -1)
  )
    return undefined;
  if (
    blockNumber !== undefined &&
    !(typeof blockNumber === 'number' && Number.isSafeInteger(blockNumber) && blockNumber >= 0)
  )
    return undefined;
  if (valueUsd !== undefined && !isAmount(valueUsd)) return undefined;
  const { fromJurisdiction, toJurisdiction, fromKind, toKind } = r;
  if (
    fromJurisdiction !== undefined &&
    !(typeof fromJurisdiction === 'string' && JURISDICTION.test(fromJurisdiction))
  )
    return undefined;
  if (
    toJurisdiction !== undefined &&
    !(typeof toJurisdiction === 'string' && JURISDICTION.test(toJurisdiction))
  )
    return undefined;
  if (fromKind !== undefined && !KINDS.has(fromKind as string)) return undefined;
  if (toKind !== undefined && !KINDS.has(toKind as string)) return undefined;

  const event = { chain, time, from, to, asset, amount } as TransferEvent;
  if (r.txHash !== undefined) event.txHash = r.txHash as string;
  if (logIndex !== undefined) event.logIndex = logIndex as number;
  if (blockNumber !== undefined) event.blockNumber = blockNumber as number;
  if (valueUsd !== undefined) event.valueUsd = valueUsd;
  if (fromJurisdiction !== undefined) event.fromJurisdiction = fromJurisdiction as string;
  if (toJurisdiction !== undefined) event.toJurisdiction = toJurisdiction as string;
  if (fromKind !== undefined) event.fromKind = fromKind as TransferEvent['fromKind'];
  if (toKind !== undefined) event.toKind = toKind as TransferEvent['toKind'];
  if (r.userId !== undefined) event.userId = r.userId as string;
  event.key = r.key === undefined ? transferEventKey(event) : (r.key as string);
  return event;
}

const BASE = { time: 1_700_000_000_000, from: '0xa', to: '0xb', amount: 1.5 };
const FULL = {
  ...BASE,
  key: 'k1',
  chain: 'polygon',
  txHash: '0xABC',
  logIndex: -1,
  blockNumber: 7,
  asset: 'USDC',
  valueUsd: 2,
  fromJurisdiction: 'DE',
  toJurisdiction: 'US',
  fromKind: 'customer',
  toKind: 'contract',
  userId: 'u1',
};

/** Records on both sides of each constraint; the twin must agree with the schema on all of them. */
export const FAST_PARSE_PROBES: unknown[] = [
  BASE,
  FULL,
  { ...BASE, txHash: '0xDEF', logIndex: 3 },
  { ...BASE, extra: 'ignored' },
  { ...BASE, time: 0, amount: 0 },
  { ...BASE, time: -1 },
  { ...BASE, time: 1.5 },
  { ...BASE, time: 2 ** 53 },
  { ...BASE, time: '1700000000000' },
  { ...BASE, amount: -1 },
  { ...BASE, amount: '1' },
  { ...BASE, from: '' },
  { ...BASE, from: 'a'.repeat(128) },
  { ...BASE, from: 'a'.repeat(129) },
  { ...BASE, to: 'b'.repeat(129) },
  { ...BASE, chain: '' },
  { ...BASE, chain: 'c'.repeat(64) },
  { ...BASE, chain: 'c'.repeat(65) },
  { ...BASE, asset: 'A'.repeat(64) },
  { ...BASE, asset: 'A'.repeat(65) },
  { ...BASE, key: '' },
  { ...BASE, key: 'k'.repeat(300) },
  { ...BASE, key: 'k'.repeat(301) },
  { ...BASE, txHash: 'h'.repeat(129) },
  { ...BASE, logIndex: -2 },
  { ...BASE, logIndex: 0.5 },
  { ...BASE, blockNumber: -1 },
  { ...BASE, valueUsd: -1 },
  { ...BASE, fromJurisdiction: 'de' },
  { ...BASE, toJurisdiction: 'DEU' },
  { ...BASE, fromKind: 'bank' },
  { ...BASE, toKind: 'hot-wallet', fromKind: 'cold-wallet' },
  { ...BASE, userId: 'u'.repeat(257) },
  { ...BASE, from: undefined },
  null,
  [BASE],
  'text',
];

function sameEvent(a: TransferEvent, b: TransferEvent): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x !== y && !(x === undefined && y === undefined)) return false;
  }
  return true;
}

/** Whether the twin gives the schema's answer on every probe and knows exactly the schema's fields. */
export function fastParseAgreesWithSchema(): boolean {
  const shape = Object.keys(TransferEventSchema.shape);
  if (shape.length !== FIELDS.length || !shape.every((f) => FIELDS.includes(f))) return false;
  for (const probe of FAST_PARSE_PROBES) {
    const fast = parseWellFormed(probe);
    if (fast === undefined) continue;
    const slow = parseTransferEvent(probe);
    if (!slow.ok || !sameEvent(fast, slow.event)) return false;
  }
  // Probes the schema accepts must mostly take the fast path, or the twin is not doing its job.
  return parseWellFormed(BASE) !== undefined && parseWellFormed(FULL) !== undefined;
}

const FAST_PATH_ON = fastParseAgreesWithSchema();
if (!FAST_PATH_ON) {
  process.emitWarning(
    'the fast TransferEvent parser disagrees with TransferEventSchema and is off; update src/monitor/sources/fastTransferParse.ts',
  );
}

/** parseTransferEvent with a cheap path for well-formed records; same results, same reasons. */
export function parseTransferRecord(raw: unknown): ParseResult {
  if (FAST_PATH_ON) {
    const event = parseWellFormed(raw);
    if (event !== undefined) return { ok: true, event };
  }
  return parseTransferEvent(raw);
}

/** Exposed for the drift test only. */
export const parseWellFormedForTest = parseWellFormed;
