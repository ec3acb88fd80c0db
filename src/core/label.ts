import { z } from 'zod';
import { KNOWN_CHAINS } from './chain.js';

export const LABEL_CATEGORIES = [
  'sanctions',
  'phishing',
  'scam',
  'hack',
  'malicious-contract',
  'mixer',
  'exchange',
  'other',
] as const;
export type LabelCategory = (typeof LABEL_CATEGORIES)[number];

export const LABEL_SOURCES = ['ofac', 'forta', 'cryptoscamdb', 'defihacklabs', 'manual'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

/**
 * One thing a source says about one address. The address is already in its chain's canonical form
 * (see addresses.ts); sourceRef points back to where the claim came from (file and row, or an id) so an
 * alert can cite it.
 */
export const LabelSchema = z.object({
  chain: z.enum(KNOWN_CHAINS),
  address: z.string().min(1),
  category: z.enum(LABEL_CATEGORIES),
  label: z.string().min(1),
  source: z.enum(LABEL_SOURCES),
  sourceRef: z.string().min(1),
  /** When the source says the address was listed or the incident happened (ISO date), if it says. */
  listedAt: z.iso.date().optional(),
  /** When Argus imported the label (ISO date-time). */
  importedAt: z.iso.datetime(),
});
export type Label = z.infer<typeof LabelSchema>;
