import { parse } from 'csv-parse/sync';
import { bucketLabel, calendarSeries } from '../calendarBuckets.js';

/**
 * DeFiHackLabs incidents (../shared/data/defihacklabs/incidents.csv) as dated events, and their monthly
 * series for the forecasting benchmark. Kept apart from the NLP benchmark's reader of the same file on
 * purpose: this one needs the dates and loss estimates, that one the root-cause text.
 */
export interface Incident {
  /** Epoch ms of the incident day (UTC midnight). */
  at: number;
  date: string;
  name: string;
  rootCause: string;
  /** The collection's rough USD estimate; undefined for the incidents it could not price. */
  lostUsd: number | undefined;
}

export interface ParsedIncidents {
  incidents: Incident[];
  /** Rows without a valid YYYY-MM-DD date. */
  rejected: number;
  /** Estimates set aside as token amounts the collection's parser read as dollars. */
  misread: number;
}

/** Words that may follow a dollar figure and keep it in dollars. */
const DOLLAR_UNITS = new Set([
  'K',
  'M',
  'MM',
  'B',
  'million',
  'Million',
  'billion',
  'Billion',
  'USD',
  'US',
  'USDT',
  'USDC',
  'BUSD',
  'DAI',
]);

/**
 * True when the raw loss text is a token amount written with a dollar sign ("~$29BNB", "~$23ETH",
 * "~$2 $BNB"): the collection's estimate then reads 29 BNB as $29 billion and 23 ETH as $23, and one
 * such row would outweigh every real loss of its year. Such estimates are treated as missing.
 */
export function isTokenAmountAsDollars(raw: string): boolean {
  const match = /\$\s*~?\s*[\d.,]+\s*\$?([A-Z][A-Za-z]*)/.exec(raw);
  return match !== null && !DOLLAR_UNITS.has(match[1] as string);
}

export function parseIncidents(csv: string): ParsedIncidents {
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const incidents: Incident[] = [];
  let rejected = 0;
  let misread = 0;
  for (const row of rows) {
    const date = (row.date ?? '').trim();
    const at = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(at)) {
      rejected++;
      continue;
    }
    const raw = (row.lost_usd_est ?? '').trim();
    let lost = raw === '' ? Number.NaN : Number(raw);
    if (Number.isFinite(lost) && isTokenAmountAsDollars(row.lost_raw ?? '')) {
      misread++;
      lost = Number.NaN;
    }
    incidents.push({
      at,
      date,
      name: (row.name ?? '').trim(),
      rootCause: (row.root_cause ?? '').trim(),
      lostUsd: Number.isFinite(lost) && lost >= 0 ? lost : undefined,
    });
  }
  incidents.sort((a, b) => a.at - b.at);
  return { incidents, rejected, misread };
}

/**
 * The months the collection covers continuously: from the first month after the last empty one (its
 * early years are sparse, a few write-ups a year) to the month before the latest incident's, which the
 * snapshot cut short. Both ends are read from the data, not fixed, so a newer snapshot moves them.
 */
export function continuousMonths(incidents: readonly Incident[]): { from: number; to: number } | undefined {
  if (incidents.length === 0) return undefined;
  const all = calendarSeries(incidents, 'month');
  const lastComplete = all.starts.length - 2;
  let from = 0;
  for (let i = 0; i <= lastComplete; i++) if (all.counts[i] === 0) from = i + 1;
  if (lastComplete < from) return undefined;
  return { from: all.starts[from] as number, to: all.starts[lastComplete] as number };
}

export interface MonthlyIncidents {
  labels: string[];
  starts: Float64Array;
  counts: Float64Array;
  /** Sum of the known loss estimates: a lower bound that falls with the collection's pricing coverage. */
  lossesKnown: Float64Array;
  /**
   * Each unpriced incident counted at the median of the estimates known before it (an expanding
   * median, so no month borrows from later ones), added to the known ones.
   */
  lossesImputed: Float64Array;
  /** Incidents per month with an estimate. */
  priced: Float64Array;
}

export function monthlyIncidents(
  incidents: readonly Incident[],
  range: { from: number; to: number },
): MonthlyIncidents {
  const known: number[] = [];
  const imputed = incidents.map((incident) => {
    let value = incident.lostUsd;
    if (value === undefined) value = known.length === 0 ? 0 : median(known);
    else insertSorted(known, value);
    return { at: incident.at, value };
  });
  const counts = calendarSeries(incidents, 'month', range);
  const priced = calendarSeries(
    incidents.filter((i) => i.lostUsd !== undefined).map((i) => ({ at: i.at, value: i.lostUsd })),
    'month',
    range,
  );
  const withImputed = calendarSeries(imputed, 'month', range);
  const labels = Array.from(counts.starts, (s) => bucketLabel(s, 'month'));
  return {
    labels,
    starts: counts.starts,
    counts: counts.counts,
    lossesKnown: priced.sums,
    lossesImputed: withImputed.sums,
    priced: priced.counts,
  };
}

function insertSorted(sorted: number[], value: number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, value);
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
