import { type ArgusConfig, ConfigSchema } from '../../core/config/schema.js';
import type { EwmaOptions } from '../bursts/ewmaZScore.js';

/** The intel.bursts section of the config. */
export type BurstSettings = ArgusConfig['intel']['bursts'];

/** The entity kinds whose mention volume is watched; a CVE only counts once several documents name it. */
export const BURST_KINDS = ['technique', 'protocol', 'package', 'cve'] as const;

export function ewmaOptionsOf(settings: BurstSettings): EwmaOptions {
  return {
    alpha: settings.alpha,
    threshold: settings.zThreshold,
    minCount: settings.minCount,
    warmup: settings.warmup,
  };
}

/** The defaults of intel.bursts, for callers without a config (the server's tests, library use). */
export const DEFAULT_BURST_SETTINGS: BurstSettings = ConfigSchema.parse({}).intel.bursts;
