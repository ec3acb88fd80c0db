import { cumulativeOf } from './draws.js';

export interface Jurisdiction {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Relative share of a global exchange's customers. */
  weight: number;
  /** Hours from UTC of the main population centre (no daylight saving: a simulation needs no clocks). */
  utcOffset: number;
}

/** A customer mix shaped like a large offshore exchange: broad, with a few heavy markets. */
export const JURISDICTIONS: readonly Jurisdiction[] = [
  { code: 'US', weight: 12, utcOffset: -5 },
  { code: 'CA', weight: 2.5, utcOffset: -5 },
  { code: 'MX', weight: 2, utcOffset: -6 },
  { code: 'BR', weight: 5, utcOffset: -3 },
  { code: 'AR', weight: 2.5, utcOffset: -3 },
  { code: 'GB', weight: 6, utcOffset: 0 },
  { code: 'DE', weight: 6, utcOffset: 1 },
  { code: 'FR', weight: 4, utcOffset: 1 },
  { code: 'NL', weight: 2, utcOffset: 1 },
  { code: 'CH', weight: 1.5, utcOffset: 1 },
  { code: 'NG', weight: 3, utcOffset: 1 },
  { code: 'ZA', weight: 1.5, utcOffset: 2 },
  { code: 'UA', weight: 3, utcOffset: 2 },
  { code: 'TR', weight: 7, utcOffset: 3 },
  { code: 'RU', weight: 4, utcOffset: 3 },
  { code: 'AE', weight: 2, utcOffset: 4 },
  { code: 'IN', weight: 6, utcOffset: 5.5 },
  { code: 'VN', weight: 5, utcOffset: 7 },
  { code: 'ID', weight: 3, utcOffset: 7 },
  { code: 'SG', weight: 2.5, utcOffset: 8 },
  { code: 'HK', weight: 2, utcOffset: 8 },
  { code: 'PH', weight: 3, utcOffset: 8 },
  { code: 'KR', weight: 6, utcOffset: 9 },
  { code: 'JP', weight: 4, utcOffset: 9 },
  { code: 'AU', weight: 2.5, utcOffset: 10 },
];

export const JURISDICTION_CUMULATIVE = cumulativeOf(JURISDICTIONS.map((j) => j.weight));

/**
 * Relative activity by local hour 0..23: near nothing at 3-5 am, a morning rise, an evening peak.
 * An account's transfers follow this in its own jurisdiction's time, which is what makes a 3 am
 * burst stand out.
 */
export const LOCAL_HOUR_WEIGHTS: readonly number[] = [
  0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.25, 0.5, 0.8, 1.0, 1.1, 1.15, 1.1, 1.05, 1.0, 1.0, 1.05, 1.1, 1.2, 1.3,
  1.35, 1.25, 0.95, 0.6,
];

export const LOCAL_HOUR_CUMULATIVE = cumulativeOf(LOCAL_HOUR_WEIGHTS);

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Milliseconds after UTC midnight at which local hour `localHour` (fractional allowed) begins. */
export function utcMsOfLocalHour(localHour: number, utcOffset: number): number {
  const ms = Math.round((localHour - utcOffset) * HOUR_MS);
  return ((ms % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The local hour (0..24) at a UTC instant. */
export function localHourAt(time: number, utcOffset: number): number {
  const ms = (((time + utcOffset * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return ms / HOUR_MS;
}
