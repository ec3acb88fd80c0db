import { COUNTERPARTY_SLOTS } from './counterpartySet.js';
import { SKETCH_REGISTERS } from './distinctSketch.js';
import { FEATURE_INDEX } from './featureNames.js';

/**
 * Where each piece of an account's state lives. The store keeps one typed array per element type, with
 * a fixed number of elements per account (the stride): slot s owns [s * stride, (s + 1) * stride). An
 * account's whole state is then a handful of contiguous cache lines, where one array per field would
 * cost a cache miss per field on every event once the accounts no longer fit in cache.
 *
 * Changing anything here changes the snapshot format: bump STATE_LAYOUT_VERSION.
 */
export const STATE_LAYOUT_VERSION = 1;

/** Most accounts one store holds: 2^24 slots keep every typed array under 2^31 bytes. */
export const MAX_ACCOUNT_SLOTS = 1 << 24;

// Float64: times (epoch ms), decayed counters and sums, and the moments that feed amount_z.
export const FIRST_SEEN = 0;
/** The account's clock: every decayed value is decayed up to this time. */
export const LAST_SEEN = 1;
export const LAST_OUT = 2;
/** Time and value of the last incoming transfer that carried value (> 0). */
export const LAST_VALUE_IN = 3;
export const LAST_IN_VALUE = 4;
export const OUT_COUNT_1H = 5;
export const OUT_COUNT_24H = 6;
/** Also the decayed weight of the outgoing history that every mean below is taken over. */
export const OUT_COUNT_7D = 7;
export const OUT_SUM_1H = 8;
export const OUT_SUM_24H = 9;
export const OUT_SUM_7D = 10;
export const IN_COUNT_24H = 11;
export const IN_SUM_24H = 12;
/** Decayed mean and variance of log1p(value) of outgoing transfers. */
export const AMOUNT_MEAN = 13;
export const AMOUNT_VAR = 14;
/** Decayed mean of log1p(seconds between consecutive outgoing transfers). */
export const INTER_ARRIVAL_LOG_MEAN = 15;
export const F64_STRIDE = 16;

// Float32: means that only feed shares and baselines, where 7 significant digits are plenty.
export const NEW_COUNTERPARTY_SHARE = 0;
export const ROUND_SHARE = 1;
export const CONTRACT_SHARE = 2;
/** Decayed mean of (cos, sin) of the hour angle of outgoing transfers. */
export const HOUR_COS = 3;
export const HOUR_SIN = 4;
/** Cached sketch estimates, refreshed only when a register grows. */
export const FAN_OUT_ESTIMATE = 5;
export const FAN_IN_ESTIMATE = 6;
/** Then one decayed mean per BASELINE_TRACKED feature, in that order. */
export const BASELINE_MEANS = 7;

/**
 * Features whose baseline is the decayed mean of the feature's own past values at the account's
 * outgoing transfers. The other features' baselines come from state the features use anyway (see
 * AccountFeatureStore.baselineOf).
 */
export const BASELINE_TRACKED = Uint8Array.from([
  FEATURE_INDEX.out_count_1h,
  FEATURE_INDEX.out_count_24h,
  FEATURE_INDEX.out_count_7d,
  FEATURE_INDEX.out_sum_1h,
  FEATURE_INDEX.out_sum_24h,
  FEATURE_INDEX.out_sum_7d,
  FEATURE_INDEX.in_count_24h,
  FEATURE_INDEX.in_sum_24h,
  FEATURE_INDEX.dormancy_days,
  FEATURE_INDEX.hour_deviation,
  FEATURE_INDEX.counterparty_risk,
  FEATURE_INDEX.since_last_in_log,
  FEATURE_INDEX.out_over_last_in,
]);
export const F32_STRIDE = BASELINE_MEANS + BASELINE_TRACKED.length;

// Uint32: lifetime totals (saturating) and the address hash.
export const OUT_TOTAL = 0;
export const IN_TOTAL = 1;
export const ADDRESS_HASH = 2;
export const U32_STRIDE = 3;

// Uint16: the recent-counterparty fingerprints.
export const U16_STRIDE = COUNTERPARTY_SLOTS;

// Uint8: the fan-out sketch, then the fan-in sketch.
export const FAN_OUT_SKETCH = 0;
export const FAN_IN_SKETCH = SKETCH_REGISTERS;
export const U8_STRIDE = 2 * SKETCH_REGISTERS;
