/**
 * The per-transfer feature vector the monitor computes for the sending account, in this order.
 * Models, rules and explanations address features by these names, so the order is the contract:
 * append new names at the end and bump FEATURE_LAYOUT_VERSION, never reorder.
 *
 * Unless said otherwise a feature describes the sender's history before this transfer, so a burst is
 * measured against what the account normally does. "Decayed" means exponentially decayed in event time;
 * means and shares use the 7 d half-life and are 0 for an account that has not sent before. An event
 * older than the account's last activity counts as happening at that time. AccountFeatureStore computes
 * these and documents each feature's baseline (its typical value, for explanations).
 */
export const FEATURE_NAMES = [
  /** log1p of the transfer's value (valueUsd when known, else amount). */
  'amount_log',
  /**
   * (amount_log - the account's decayed mean of outgoing amount_log) / its decayed std; 0 with no history.
   * The variance is shrunk toward 1 with the weight of one transfer and floored at 0.01, so a second
   * transfer of a different size is not an extreme outlier just because the first one set the mean.
   */
  'amount_z',
  /** Decayed counts of the account's outgoing transfers over 1 h, 24 h and 7 d half-lives, this one included. */
  'out_count_1h',
  'out_count_24h',
  'out_count_7d',
  /** log1p of decayed sums of outgoing value over the same horizons, this one included. */
  'out_sum_1h',
  'out_sum_24h',
  'out_sum_7d',
  /** Decayed count and log1p sum of incoming transfers over 24 h. */
  'in_count_24h',
  'in_sum_24h',
  /** log1p seconds since the account's previous outgoing transfer (capped at 365 d when none). */
  'since_last_out_log',
  /**
   * log(dt / the account's typical inter-arrival time) of outgoing transfers, in log1p seconds:
   * since_last_out_log minus the decayed mean of log1p(gap) (a geometric mean, robust to the odd long
   * pause); 0 until the account has made two outgoing transfers.
   */
  'inter_arrival_ratio_log',
  /** Days since the account's last activity of any kind (dormancy); 0 for a new account. */
  'dormancy_days',
  /** Days since the account was first seen. */
  'account_age_days',
  /** log1p of all transfers (in and out) the account has made. */
  'activity_log',
  /**
   * 1 when this recipient has not received from this account before. The memory is bounded: the 16
   * most recently used distinct recipients (16-bit fingerprints), so one not paid for 16 other
   * recipients counts as new again.
   */
  'new_counterparty',
  /** Decayed share of the account's outgoing transfers that went to a new counterparty. */
  'new_counterparty_share',
  /** Estimated distinct recipients (fan-out) and senders (fan-in) over the account's life, log1p (HyperLogLog, 64 registers). */
  'fan_out_log',
  'fan_in_log',
  /**
   * 1 when the amount is round (a multiple of a power of ten at or above 1/1000 of it); decayed share of
   * such. Judged on `amount` in the asset's units (what a person typed), not on valueUsd; 0 is not round.
   */
  'round_amount',
  'round_amount_share',
  /**
   * Circular distance in hours (0..12) between this transfer's UTC hour and the account's usual hour
   * (mean direction of its outgoing transfers' hours), scaled by how regular the account is (length of
   * that mean direction, times weight / (weight + 1) so that one earlier transfer is weak evidence).
   */
  'hour_deviation',
  /** 1 when the recipient is a contract; decayed share of outgoing transfers to contracts. */
  'to_contract',
  'contract_share',
  /** Risk of the recipient from the CounterpartyRisk interface, in [0, 1]. */
  'counterparty_risk',
  /**
   * Seconds since the account last received value (> 0), log1p (capped at 365 d, and 365 d when never),
   * and this value over that last inbound value (pass-through; 0 when never, capped at 1e12).
   */
  'since_last_in_log',
  'out_over_last_in',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;
export const FEATURE_LAYOUT_VERSION = 1;

/** Index of each feature in the vector, for hot paths that must not look names up. */
export const FEATURE_INDEX = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<
  FeatureName,
  number
>;
