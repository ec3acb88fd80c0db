import { z } from 'zod';

const jurisdiction = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "DE"')
  .optional();

const ACCOUNT_KINDS = ['customer', 'hot-wallet', 'cold-wallet', 'contract', 'external'] as const;

/**
 * One movement of value as the monitor sees it: flat, numeric and small, so millions per second can
 * pass. Every source (file replay, chain, NATS) turns its records into this shape and validates them
 * with this schema; exact decimal amounts stay with the source, features only need a float.
 */
export const TransferEventSchema = z.object({
  /** Idempotency key; defaults to chain:txHash:logIndex, so a redelivered record is recognised. */
  key: z.string().min(1).max(300).optional(),
  chain: z.string().min(1).max(64).default('ethereum'),
  txHash: z.string().min(1).max(128).optional(),
  /** Position of an ERC-20 Transfer log in its block; absent (or -1) for a native transfer. */
  logIndex: z.number().int().min(-1).optional(),
  blockNumber: z.number().int().nonnegative().optional(),
  /** When it happened, epoch milliseconds (block time or the exchange's request time). */
  time: z.number().int().nonnegative(),
  from: z.string().min(1).max(128),
  to: z.string().min(1).max(128),
  asset: z.string().min(1).max(64).default('ETH'),
  /** In whole units of the asset (1.5 ETH is 1.5). */
  amount: z.number().finite().nonnegative(),
  /** Value in the reference currency when the source knows it; features prefer it to amount. */
  valueUsd: z.number().finite().nonnegative().optional(),
  fromJurisdiction: jurisdiction,
  toJurisdiction: jurisdiction,
  fromKind: z.enum(ACCOUNT_KINDS).optional(),
  toKind: z.enum(ACCOUNT_KINDS).optional(),
  /** The operator's user behind the sending account, for step-up and hold actions. */
  userId: z.string().min(1).max(256).optional(),
});

export type TransferEventInput = z.input<typeof TransferEventSchema>;
export type TransferEvent = z.output<typeof TransferEventSchema> & { key: string };

/** The key a record is deduplicated by when it does not bring its own. */
export function transferEventKey(e: Omit<z.output<typeof TransferEventSchema>, 'key'>): string {
  if (e.txHash) return `${e.chain}:${e.txHash.toLowerCase()}:${e.logIndex ?? -1}`;
  return `${e.chain}:${e.from}:${e.to}:${e.time}:${e.amount}`;
}

export type ParseResult = { ok: true; event: TransferEvent } | { ok: false; reason: string };

/** Validates one raw record; never throws, so a source can count a bad record and go on. */
export function parseTransferEvent(raw: unknown): ParseResult {
  const parsed = TransferEventSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason };
  }
  const event = parsed.data as TransferEvent;
  event.key ??= transferEventKey(event);
  return { ok: true, event };
}
