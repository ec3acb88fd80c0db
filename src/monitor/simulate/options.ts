import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import { DEFAULT_PRICES } from './assets.js';
import { TYPOLOGY_NAMES, type TypologyName } from './typologyNames.js';

/** How the population behaves; every share is a population mean that each account varies around. */
export const RatesSchema = z
  .object({
    /** Share of accounts that transact daily (traders, merchants, bots). */
    activeShare: z.number().min(0).max(1).default(0.05),
    /** Share of accounts that sleep for weeks or months between short bursts of activity. */
    dormantShare: z.number().min(0).max(1).default(0.15),
    /** Median transfers per day of an active account (each account log-normally around it). */
    activePerDay: z.number().positive().max(1000).default(6),
    /** Median transfers per day of an occasional account. */
    occasionalPerDay: z.number().positive().max(1000).default(0.3),
    /** Median transfers per day of a dormant account while it is awake. */
    dormantPerDay: z.number().positive().max(1000).default(0.6),
    /** Share of an account's transfers that are deposits into it from outside. */
    depositShare: z.number().min(0).max(1).default(0.4),
    /** Share of its outgoing transfers that call a contract (DEX, bridge, lending). */
    contractShare: z.number().min(0).max(1).default(0.12),
    /** Share of its outgoing transfers that go to another customer of the exchange. */
    internalShare: z.number().min(0).max(1).default(0.05),
    /** Share of its outgoing transfers that go to an address it never used before. */
    newCounterpartyShare: z.number().min(0).max(1).default(0.08),
    /** Share of deposits the exchange sweeps from the deposit address to its hot wallet. */
    sweepShare: z.number().min(0).max(1).default(0.25),
    /** Share of transfers in a round figure (0.5 ETH, 1,000 USDT). */
    roundShare: z.number().min(0).max(1).default(0.25),
    /** Hot/cold wallet rebalancing transfers per asset per day. */
    rebalancesPerDay: z.number().min(0).max(1000).default(3),
  })
  .strict()
  .refine((r) => r.activeShare + r.dormantShare <= 1, {
    message: 'activeShare + dormantShare must not exceed 1',
  })
  .refine((r) => r.contractShare + r.internalShare <= 1, {
    message: 'contractShare + internalShare must not exceed 1',
  });

export const DEFAULT_TYPOLOGY_COUNTS: Readonly<Record<TypologyName, number>> = {
  'dormant-drain': 5,
  'coordinated-withdrawal': 3,
  structuring: 5,
  'peel-chain': 3,
  'pass-through': 5,
  'takeover-burst': 5,
};

const count = z.number().int().min(0).max(100_000);

export const SimulationOptionsSchema = z
  .object({
    accounts: z.number().int().min(1).max(2_000_000).default(10_000),
    days: z.number().positive().max(3650).default(30),
    /** Stream start, epoch ms (default 2024-01-01T00:00Z). */
    start: z
      .number()
      .int()
      .nonnegative()
      .default(Date.UTC(2024, 0, 1)),
    seed: z.number().int().default(1),
    chain: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'expected a lowercase chain name such as "ethereum"')
      .default('ethereum'),
    rates: RatesSchema.default(RatesSchema.parse({})),
    /** Incidents to inject per typology; typologies left out get their default count. */
    typologies: z.partialRecord(z.enum(TYPOLOGY_NAMES), count).default({}),
    /** Structuring amounts fall in [band·threshold, threshold) USD. */
    structuringThresholdUsd: z.number().positive().default(10_000),
    structuringBand: z.number().gt(0).lt(1).default(0.9),
    /** Silence before a dormant account is drained, in days. */
    dormancyDays: z
      .tuple([z.number().positive(), z.number().positive()])
      .refine(([lo, hi]) => lo <= hi, { message: 'expected [min, max] with min <= max' })
      .default([30, 90]),
    /** Days at the start with no incidents, so detectors can learn what normal looks like. */
    warmupDays: z.number().min(0).optional(),
    prices: z
      .object({ ETH: z.number().positive(), USDT: z.number().positive(), USDC: z.number().positive() })
      .strict()
      .default({ ...DEFAULT_PRICES }),
  })
  .strict();

export type SimulationOptions = z.input<typeof SimulationOptionsSchema>;
export type SimulationRates = z.output<typeof RatesSchema>;
export type ResolvedSimulationOptions = Omit<
  z.output<typeof SimulationOptionsSchema>,
  'typologies' | 'warmupDays'
> & {
  typologies: Record<TypologyName, number>;
  warmupDays: number;
};

/** Validates and fills defaults; the one place a bad option is turned into a readable error. */
export function resolveSimulationOptions(options: SimulationOptions = {}): ResolvedSimulationOptions {
  const parsed = SimulationOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'simulation options',
      describeZodIssues(parsed.error, options),
      'see `argus simulate --help` for the options and their ranges',
    );
  }
  const o = parsed.data;
  const typologies = { ...DEFAULT_TYPOLOGY_COUNTS, ...o.typologies } as Record<TypologyName, number>;
  // A fifth of the stream, at most a week: enough history for per-account baselines.
  const warmupDays = Math.min(o.warmupDays ?? Math.min(7, o.days * 0.2), o.days);
  return { ...o, typologies, warmupDays };
}
