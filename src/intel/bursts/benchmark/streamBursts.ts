import type { AlertInput } from '../../../core/alert.js';
import {
  type BucketUnit,
  bucketLabel,
  bucketStart,
  calendarSeries,
  nextBucketStart,
} from '../../forecast/calendarBuckets.js';
import { type BurstDocument, burstAlert } from '../burstAlert.js';
import { EwmaBurstDetector, type EwmaOptions } from '../ewmaZScore.js';
import { type KleinbergOptions, kleinbergBursts } from '../kleinberg.js';
import { onlineDetection } from '../kleinbergOnline.js';

/**
 * Both burst detectors over a stream of dated, labelled documents (incident write-ups, advisories,
 * posts): per label, bucket counts; Kleinberg's automaton on the label's share of each bucket, with the
 * bucket an online re-run on the prefix would first have shown each burst; the EWMA z-score on the
 * label's counts, streamed, with the bucket it crossed and the document that took the open bucket over
 * its threshold. For each burst: how long after its first document the alert fired.
 */
export interface LabelledDocument extends BurstDocument {
  at: number;
  labels: readonly string[];
}

export interface StreamBurstOptions {
  unit: BucketUnit;
  /** Buckets from the one holding `from` to the one holding `to`, inclusive. */
  from: number;
  to: number;
  kleinberg?: KleinbergOptions;
  ewma?: EwmaOptions;
}

export interface DetectedBurst {
  label: string;
  method: 'kleinberg' | 'ewma';
  start: string;
  end: string;
  /** Documents with the label in the burst, and what the baseline expected there. */
  count: number;
  expected: number;
  /** Kleinberg's weight or the EWMA z of the first bucket. */
  strength: number;
  /** The first document of the label inside the burst. */
  firstDocument: string;
  firstDocumentAt: string;
  /** The bucket whose close raised the alert (undefined: never raised online) and its delay in days. */
  alertBucket: string | undefined;
  daysToAlert: number | undefined;
  /** EWMA only: the day the open bucket's count reached the threshold, and its delay in days. */
  crossedAt?: string;
  daysToCrossing?: number;
  alert: AlertInput | undefined;
}

export interface StreamBurstResult {
  buckets: number;
  labels: { label: string; documents: number }[];
  bursts: DetectedBurst[];
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function streamBursts(
  documents: readonly LabelledDocument[],
  options: StreamBurstOptions,
): StreamBurstResult {
  const { unit } = options;
  const inRange = documents
    .filter(
      (d) =>
        bucketStart(d.at, unit) >= bucketStart(options.from, unit) &&
        d.at < nextBucketStart(bucketStart(options.to, unit), unit),
    )
    .slice()
    .sort((a, b) => a.at - b.at);
  const range = { from: options.from, to: options.to };
  const totals = calendarSeries(inRange, unit, range);
  const starts = totals.starts;
  const T = starts.length;
  const close = (t: number) => nextBucketStart(starts[t] as number, unit);
  const index = new Map(Array.from(starts, (s, i) => [s, i]));
  const labels = [...new Set(inRange.flatMap((d) => d.labels))].sort();
  const bursts: DetectedBurst[] = [];
  const summary: { label: string; documents: number }[] = [];

  for (const label of labels) {
    const docs = inRange.filter((d) => d.labels.includes(label));
    summary.push({ label, documents: docs.length });
    const byBucket: LabelledDocument[][] = Array.from({ length: T }, () => []);
    for (const d of docs) byBucket[index.get(bucketStart(d.at, unit)) as number]?.push(d);
    const counts = Float64Array.from(byBucket, (b) => b.length);
    const docsIn = (a: number, b: number) => byBucket.slice(a, b + 1).flat();

    const kleinberg = kleinbergBursts(counts, totals.counts, options.kleinberg);
    const found = onlineDetection(counts, totals.counts, kleinberg.bursts, options.kleinberg);
    kleinberg.bursts.forEach((burst, i) => {
      const inside = docsIn(burst.start, burst.end);
      const first = inside[0] as LabelledDocument;
      const e = found[i] as number;
      const seen = e >= 0 ? docsIn(burst.start, e) : [];
      // The alert states what was known then: the prefix's own base rate, not the whole series'.
      const p0 =
        e >= 0
          ? kleinbergBursts(counts.subarray(0, e + 1), totals.counts.subarray(0, e + 1), options.kleinberg).p0
          : 0;
      bursts.push({
        label,
        method: 'kleinberg',
        start: bucketLabel(starts[burst.start] as number, unit),
        end: bucketLabel(starts[burst.end] as number, unit),
        count: burst.count,
        expected: burst.expected,
        strength: burst.weight,
        firstDocument: first.id,
        firstDocumentAt: isoDay(first.at),
        alertBucket: e >= 0 ? bucketLabel(starts[e] as number, unit) : undefined,
        daysToAlert: e >= 0 ? (close(e) - first.at) / DAY : undefined,
        alert:
          e >= 0
            ? burstAlert({
                entity: label,
                entityKind: 'technique',
                method: 'kleinberg',
                startedAt: starts[burst.start] as number,
                bucketLabel: `${unit} of ${bucketLabel(starts[burst.start] as number, unit)}`,
                count: seen.length,
                baseline: p0 * sumRange(totals.counts, burst.start, e),
                strength: burst.weight,
                documents: seen,
              })
            : undefined,
      });
    });

    const detector = new EwmaBurstDetector(options.ewma);
    let open: DetectedBurst | undefined;
    for (let t = 0; t < T; t++) {
      const threshold = detector.startThreshold();
      const step = detector.update(counts[t] as number);
      if (step.started) {
        const inBucket = byBucket[t] as LabelledDocument[];
        const first = inBucket[0] as LabelledDocument;
        // Counts are whole documents: the one that brings the count to ⌈threshold⌉ sets it off.
        const crossing = inBucket[Math.max(0, Math.ceil(threshold) - 1)] as LabelledDocument;
        open = {
          label,
          method: 'ewma',
          start: bucketLabel(starts[t] as number, unit),
          end: bucketLabel(starts[t] as number, unit),
          count: 0,
          expected: 0,
          strength: step.z,
          firstDocument: first.id,
          firstDocumentAt: isoDay(first.at),
          alertBucket: bucketLabel(starts[t] as number, unit),
          daysToAlert: (close(t) - first.at) / DAY,
          crossedAt: isoDay(crossing.at),
          daysToCrossing: (crossing.at - first.at) / DAY,
          alert: burstAlert({
            entity: label,
            entityKind: 'technique',
            method: 'ewma',
            startedAt: starts[t] as number,
            bucketLabel: `${unit} of ${bucketLabel(starts[t] as number, unit)}`,
            count: step.count,
            baseline: step.mean,
            strength: step.z,
            documents: inBucket,
          }),
        };
        bursts.push(open);
      }
      if (open !== undefined && step.inBurst) {
        open.end = bucketLabel(starts[t] as number, unit);
        open.count += step.count;
        open.expected += step.mean;
      } else {
        open = undefined;
      }
    }
  }
  return { buckets: T, labels: summary, bursts };
}

function sumRange(values: Float64Array, a: number, b: number): number {
  let sum = 0;
  for (let t = a; t <= b; t++) sum += values[t] as number;
  return sum;
}
