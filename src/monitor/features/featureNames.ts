/**
 * The per-transfer feature vector the monitor computes for the sending account, in this order.
 * Models, rules and explanations address features by these names, so the order is the contract:
 * append new names at the end and bump FEATURE_LAYOUT_VERSION, never reorder.
 *
 * Unless said otherwise a feature describes the sender's history before this transfer, so a burst is
 * measured against what the account normally does.
 */
export const FEATURE_NAMES = [
  /** log1p of the transfer's value (valueUsd when known, else amount). */
  'amount_log',
  /** (amount_log - the account's decayed mean of outgoing amount_log) / its decayed std; 0 with no history. */
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
  /** log(dt / the account's decayed mean inter-arrival time) of outgoing transfers; 0 with no history. */
  'inter_arrival_ratio_log',
  /** Days since the account's last activity of any kind (dormancy); 0 for a new account. */
  'dormancy_days',
  /** Days since the account was first seen. */
  'account_age_days',
  /** log1p of all transfers (in and out) the account has made. */
  'activity_log',
  /** 1 when this recipient has never received from this account before. */
  'new_counterparty',
  /** Decayed share of the account's outgoing transfers that went to a new counterparty. */
  'new_counterparty_share',
  /** Estimated distinct recipients (fan-out) and senders (fan-in), log1p. */
  'fan_out_log',
  'fan_in_log',
  /** 1 when the amount is round (a multiple of a power of ten at or above 1/1000 of it); decayed share of such. */
  'round_amount',
  'round_amount_share',
  /** Circular distance in hours (0..12) between this transfer's UTC hour and the account's usual hour, scaled by how regular the account is. */
  'hour_deviation',
  /** 1 when the recipient is a contract; decayed share of outgoing transfers to contracts. */
  'to_contract',
  'contract_share',
  /** Risk of the recipient from the CounterpartyRisk interface, in [0, 1]. */
  'counterparty_risk',
  /** Seconds since the account last received value, log1p (capped at 365 d), and this amount over that last inbound amount (pass-through). */
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
