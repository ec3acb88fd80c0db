import { FEATURE_NAMES } from './features/featureNames.js';

/** Features stored as log1p of a value, shown to people as the value itself. */
const LOG1P_VALUES = new Set<string>([
  'amount_log',
  'out_sum_1h',
  'out_sum_24h',
  'out_sum_7d',
  'in_sum_24h',
  'fan_out_log',
  'fan_in_log',
  'activity_log',
]);
const LOG1P_SECONDS = new Set<string>(['since_last_out_log', 'since_last_in_log']);
/** Counts people read as whole numbers (the distinct counts are estimates, hence "about"). */
const WHOLE_COUNTS = new Set<string>(['activity_log']);
const ESTIMATED_COUNTS = new Set<string>(['fan_out_log', 'fan_in_log']);
/** 0/1 for this transfer; their baseline is the share of the account's transfers, shown as a percentage. */
const FLAGS = new Set<string>(['new_counterparty', 'round_amount', 'to_contract']);
const SHARES = new Set<string>(['new_counterparty_share', 'round_amount_share', 'contract_share']);
const DAYS = new Set<string>(['dormancy_days', 'account_age_days']);

const LABELS: Record<string, string> = {
  amount_log: 'value',
  amount_z: 'amount z-score',
  out_count_1h: 'transfers out (1 h)',
  out_count_24h: 'transfers out (24 h)',
  out_count_7d: 'transfers out (7 d)',
  out_sum_1h: 'value out (1 h)',
  out_sum_24h: 'value out (24 h)',
  out_sum_7d: 'value out (7 d)',
  in_count_24h: 'transfers in (24 h)',
  in_sum_24h: 'value in (24 h)',
  since_last_out_log: 'time since last transfer out',
  inter_arrival_ratio_log: 'gap vs usual gap (log)',
  dormancy_days: 'dormant for',
  account_age_days: 'account age',
  activity_log: 'transfers so far',
  new_counterparty: 'new recipient',
  new_counterparty_share: 'share to new recipients',
  fan_out_log: 'distinct recipients',
  fan_in_log: 'distinct senders',
  round_amount: 'round amount',
  round_amount_share: 'share of round amounts',
  hour_deviation: 'off its usual hour by',
  to_contract: 'to a contract',
  contract_share: 'share to contracts',
  counterparty_risk: 'recipient risk',
  since_last_in_log: 'time since last transfer in',
  out_over_last_in: 'out / last in',
};

function number(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 1) return value.toFixed(1);
  return value.toFixed(2);
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function show(name: string, value: number): string {
  if (LOG1P_VALUES.has(name)) {
    const plain = Math.expm1(value);
    if (WHOLE_COUNTS.has(name)) return Math.round(plain).toLocaleString('en-US');
    if (ESTIMATED_COUNTS.has(name)) return `about ${Math.round(plain).toLocaleString('en-US')}`;
    return number(plain);
  }
  if (LOG1P_SECONDS.has(name)) return duration(Math.expm1(value));
  if (SHARES.has(name)) return percent(value);
  if (DAYS.has(name)) return duration(value * 86_400);
  if (name === 'hour_deviation') return `${value.toFixed(1)} h`;
  return number(value);
}

/** A flag's usual value is how often it was set: "new recipient yes (usual 8% of transfers)". */
function showUsual(name: string, baseline: number): string {
  if (FLAGS.has(name)) return `${percent(baseline)} of transfers`;
  return show(name, baseline);
}

/** "value 120,000 (usual 310)": one feature against the account's baseline, in the units people use. */
export function describeFeature(index: number, value: number, baseline?: number): string {
  const name = FEATURE_NAMES[index] ?? `feature ${index}`;
  const label = LABELS[name] ?? name;
  const usual =
    baseline === undefined || !Number.isFinite(baseline) ? '' : ` (usual ${showUsual(name, baseline)})`;
  const shown = FLAGS.has(name) ? (value >= 0.5 ? 'yes' : 'no') : show(name, value);
  return `${label} ${shown}${usual}`;
}
