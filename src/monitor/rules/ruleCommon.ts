import { z } from 'zod';
import { SeveritySchema } from '../../core/severity.js';
import { TransferEventSchema } from '../../core/transferEvent.js';

/** The kinds an event may give its accounts, plus "unknown" for an event that gives none (a raw chain feed). */
export const SCOPE_ACCOUNT_KINDS = [
  ...TransferEventSchema.shape.fromKind.unwrap().options,
  'unknown',
] as const;

/** Reference-currency amounts: valueUsd when the event has it, else amount. */
export const AmountSchema = z
  .number({
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'expected an amount in the reference currency (a number, no quotes or separators)'
        : undefined,
  })
  .finite()
  .nonnegative('expected an amount of 0 or more');

const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'expected at least one item');

/**
 * Which events a rule looks at; every list given must contain the event's value. Chains and assets
 * compare case-insensitively. accountKinds is the kind of the account the rule watches: the sender
 * (for the inbound side of pass-through, the receiver). counterpartyKinds is the kind of the other
 * side: the recipient (for the inbound side of pass-through, the sender), so that money the operator
 * moves between its own wallets (a sweep of a deposit to the hot wallet) can be left out. List
 * "unknown" to include events that do not say the kind.
 */
export const ScopeSchema = z.strictObject({
  chains: nonEmptyList(z.string().min(1)).optional(),
  assets: nonEmptyList(z.string().min(1)).optional(),
  accountKinds: nonEmptyList(z.enum(SCOPE_ACCOUNT_KINDS)).optional(),
  counterpartyKinds: nonEmptyList(z.enum(SCOPE_ACCOUNT_KINDS)).optional(),
});
export type RuleScope = z.output<typeof ScopeSchema>;

/** Most accounts one rule remembers; past it the least recently active account is forgotten. */
export const MaxAccountsSchema = z.number().int().min(1).max(10_000_000).default(100_000);

/** Keys every rule has, whatever its type. */
export const COMMON_RULE_KEYS = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected letters, digits, ".", "_" or "-" (at most 128)'),
  severity: SeveritySchema,
  enabled: z.boolean().default(true),
  description: z.string().max(2_000).optional(),
  scope: ScopeSchema.optional(),
};
