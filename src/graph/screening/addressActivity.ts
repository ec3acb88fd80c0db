import type { TransferGraphView } from '../transferGraphView.js';
import type { ActivityBucket, ActivityBucketSize, AddressActivity } from './addressView.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** `auto` uses hours for activity spanning up to this long, days beyond. */
const AUTO_HOURS_UP_TO = 3 * DAY_MS;

export interface ActivityOptions {
  bucket?: ActivityBucketSize | 'auto';
  /** At most this many buckets, the most recent ones; older activity stays in the totals. Default 1000. */
  maxBuckets?: number;
}

/**
 * A node's transfers in and out per UTC hour or day, from the graph's edges. An edge keeps only the
 * count, the value sum and the first and last time of one counterparty's transfers, so an edge whose
 * transfers fall into one bucket (a single transfer always does) is placed exactly, and one that spans
 * several is spread evenly: its n transfers are placed at n equal steps from its first to its last
 * time, each carrying value/n, and the result says estimated. Placing by formula keeps the cost per
 * edge to the buckets it spans, however many transfers it holds.
 */
export function addressActivity(
  graph: TransferGraphView,
  node: number,
  options: ActivityOptions = {},
): AddressActivity {
  const maxBuckets = Math.max(1, options.maxBuckets ?? 1000);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const span = (edge: number): void => {
    first = Math.min(first, graph.edgeFirstTime(edge));
    last = Math.max(last, graph.edgeLastTime(edge));
  };
  graph.forEachIn(node, span);
  graph.forEachOut(node, span);

  const bucket: ActivityBucketSize =
    options.bucket === 'hour' || options.bucket === 'day'
      ? options.bucket
      : last - first <= AUTO_HOURS_UP_TO
        ? 'hour'
        : 'day';
  const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const totals = {
    inCount: 0,
    outCount: 0,
    inValue: 0,
    outValue: 0,
    senders: 0,
    receivers: 0,
    firstSeen: Number.isFinite(first) ? first : 0,
    lastSeen: Number.isFinite(last) ? last : 0,
  };
  if (!Number.isFinite(first)) {
    return { bucket, bucketMs: size, buckets: [], totals, estimated: false, truncated: false };
  }

  const lastStart = Math.floor(last / size) * size;
  const allFrom = Math.floor(first / size) * size;
  const windowFrom = Math.max(allFrom, lastStart - (maxBuckets - 1) * size);
  const buckets: ActivityBucket[] = [];
  for (let start = windowFrom; start <= lastStart; start += size) {
    buckets.push({ start, inCount: 0, outCount: 0, inValue: 0, outValue: 0 });
  }
  let estimated = false;

  const place = (edge: number, side: 'in' | 'out'): void => {
    const n = graph.edgeTransfers(edge);
    const value = graph.edgeValue(edge);
    const f = graph.edgeFirstTime(edge);
    const l = graph.edgeLastTime(edge);
    if (side === 'in') {
      totals.inCount += n;
      totals.inValue += value;
    } else {
      totals.outCount += n;
      totals.outValue += value;
    }
    const firstBucket = Math.floor(f / size) * size;
    const lastBucket = Math.floor(l / size) * size;
    if (firstBucket === lastBucket || n <= 1) {
      add(buckets, windowFrom, size, firstBucket, side, n, value);
      return;
    }
    estimated = true;
    // Transfers k = 0..n-1 sit at f + (l - f)·k/(n - 1); before(t) counts those earlier than t, so
    // each bucket gets before(end) - before(start) and the buckets add up to n exactly.
    const before = (t: number): number => Math.min(n, Math.max(0, Math.ceil(((t - f) * (n - 1)) / (l - f))));
    for (let start = Math.max(firstBucket, windowFrom); start <= lastBucket; start += size) {
      const count = before(start + size) - before(start);
      if (count > 0) add(buckets, windowFrom, size, start, side, count, (value * count) / n);
    }
  };
  graph.forEachIn(node, (edge) => {
    totals.senders++;
    place(edge, 'in');
  });
  graph.forEachOut(node, (edge) => {
    totals.receivers++;
    place(edge, 'out');
  });
  return { bucket, bucketMs: size, buckets, totals, estimated, truncated: windowFrom > allFrom };
}

function add(
  buckets: ActivityBucket[],
  windowFrom: number,
  size: number,
  start: number,
  side: 'in' | 'out',
  count: number,
  value: number,
): void {
  if (start < windowFrom) return;
  const b = buckets[Math.round((start - windowFrom) / size)];
  if (b === undefined) return;
  if (side === 'in') {
    b.inCount += count;
    b.inValue += value;
  } else {
    b.outCount += count;
    b.outValue += value;
  }
}
