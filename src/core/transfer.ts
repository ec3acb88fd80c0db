import { z } from 'zod';
import { AccountSchema } from './account.js';
import { DecimalStringSchema } from './decimal.js';

export const AssetSchema = z.object({
  symbol: z.string().min(1).max(32),
  /** Token contract; absent for the chain's native coin. */
  contract: z.string().min(1).max(128).optional(),
  decimals: z.number().int().min(0).max(36),
});
export type Asset = z.infer<typeof AssetSchema>;

export const TRANSFER_STATUSES = ['pending', 'held', 'released', 'completed', 'rejected'] as const;
export const TransferStatusSchema = z.enum(TRANSFER_STATUSES);
export type TransferStatus = z.infer<typeof TransferStatusSchema>;

/** A movement of value: an on-chain transfer, or a withdrawal an exchange has not yet broadcast. */
export const TransferInputSchema = z.object({
  id: z.string().min(1).max(256).optional(),
  chain: z.string().min(1).max(64),
  txHash: z.string().min(1).max(128).optional(),
  logIndex: z.number().int().nonnegative().optional(),
  blockTime: z.number().int().nonnegative().optional(),
  from: z.string().min(1).max(128),
  to: z.string().min(1).max(128),
  asset: AssetSchema,
  amount: DecimalStringSchema,
  fee: DecimalStringSchema.optional(),
  fromAccount: AccountSchema.partial().optional(),
  toAccount: AccountSchema.partial().optional(),
  status: TransferStatusSchema.default('pending'),
});
export type TransferInput = z.input<typeof TransferInputSchema>;

export interface Transfer extends z.output<typeof TransferInputSchema> {
  id: string;
  createdAt: number;
  updatedAt: number;
  heldBy?: string;
  heldReason?: string;
  heldAt?: number;
  holdAlertId?: string;
  releasedBy?: string;
  releasedAt?: number;
  releaseNote?: string;
}

/** The stable id of an on-chain transfer: a transaction can move several assets, one per log. */
export function transferIdOf(
  input: Pick<TransferInput, 'chain' | 'txHash' | 'logIndex'>,
): string | undefined {
  if (!input.txHash) return undefined;
  return `${input.chain}:${input.txHash.toLowerCase()}:${input.logIndex ?? -1}`;
}
