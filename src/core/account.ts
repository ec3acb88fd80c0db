import { z } from 'zod';

export const AccountSchema = z.object({
  id: z.string().min(1).max(256),
  chain: z.string().min(1).max(64),
  address: z.string().min(1).max(128),
  /** Who holds it: an exchange customer, the operator's hot or cold wallet, a contract. */
  kind: z.enum(['customer', 'hot-wallet', 'cold-wallet', 'contract', 'external']).default('external'),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code such as "DE"')
    .optional(),
  label: z.string().max(200).optional(),
  userId: z.string().min(1).optional(),
  createdAt: z.number().int().nonnegative().optional(),
});
export type Account = z.infer<typeof AccountSchema>;
