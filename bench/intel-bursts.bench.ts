/**
 * Early warning on the DeFiHackLabs incident stream (issue 7's burst benchmark): per attack technique,
 * the bursts Kleinberg's two-state automaton and the EWMA z-score find, with their start dates, and how
 * many days after the first incident of each burst its alert fired.
 *
 *  - Stream: ../shared/data/defihacklabs/incidents.csv, one document per incident (id: date and name,
 *    title: name and root cause), from the collection's continuous coverage (the first month after its
 *    last empty one) to the last complete bucket before the snapshot's latest incident.
 *  - Techniques: a minimal local keyword mapping of the root-cause text (TECHNIQUES below; an incident
 *    may carry several, e.g. "Flashloan & reentrancy"; unmatched ones carry none and only count in the
 *    totals). It stands in for src/intel/nlp's technique extraction, which should replace it.
 *  - Buckets: weeks by default (--bucket month to compare). The collection holds about three incidents
 *    a week since 2022, so a week still has documents for Kleinberg's share model, while an alert can
 *    come days rather than a month after a burst's first incident; a month smooths the noise but puts
 *    up to 30 days between the first incident and the bucket's close.
 *  - Kleinberg (s = 2, γ = 1): on the technique's share of each bucket's incidents, offline for the
 *    burst list; online by re-running on the prefix each bucket: the alert fires at the close of the
 *    first bucket whose prefix already shows part of the burst.
 *  - EWMA (α = 0.1, z ≥ 3, at least 3 incidents, exit z < 1, 4 buckets warm-up): streamed on the
 *    technique's counts; its alert fires the bucket it crosses, reported at the bucket's close and at
 *    the incident that took the open bucket's count over the threshold.
 *
 *   npm run bench -- intel-bursts [--data ../shared/data] [--bucket week|month]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AlertInputSchema } from '../src/core/alert.js';
import {
  type DetectedBurst,
  type LabelledDocument,
  streamBursts,
} from '../src/intel/bursts/benchmark/streamBursts.js';
import { continuousMonths, parseIncidents } from '../src/intel/forecast/benchmark/defiHackLabsSeries.js';
import { type BucketUnit, bucketLabel, bucketStart } from '../src/intel/forecast/calendarBuckets.js';

/**
 * Root-cause keywords per technique, tried all (multi-label). Deliberately small: the techniques the
 * issue names plus the collection's largest classes. To be replaced by src/intel/nlp's extraction.
 */
const TECHNIQUES: readonly { technique: string; pattern: RegExp }[] = [
  { technique: 'reentrancy', pattern: /re-?entr/i },
  {
    technique: 'price-manipulation',
    pattern: /pric|oracle|manipulat|sandwich|slippage|skim|donat|inflation/i,
  },
  { technique: 'flash-loan', pattern: /flash/i },
  {
    technique: 'access-control',
    pattern: /access|permission|unprotected|unauthori[sz]ed|uninitiali[sz]ed|privilege|ownership/i,
  },
  { technique: 'signature-replay', pattern: /signature|replay|ecrecover|permit/i },
  { technique: 'arbitrary-call', pattern: /arbit?r?ary|unverified external call|call injection/i },
  { technique: 'input-validation', pattern: /validat|unchecked|\binput/i },
  { technique: 'business-logic', pattern: /logic|calculat|accounting/i },
  { technique: 'precision-rounding', pattern: /precis|rounding|truncat/i },
  { technique: 'integer-overflow', pattern: /overflow|underflow/i },
  { technique: 'rug-or-key-compromise', pattern: /\brug|private key|compromis/i },
];

const benchDir = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: join(benchDir, '..', '..', 'shared', 'data') },
    bucket: { type: 'string', default: 'week' },
  },
});
const csvPath = resolve(values.data, 'defihacklabs', 'incidents.csv');
if (!existsSync(csvPath)) {
  console.log(`intel-bursts: skipped, ${csvPath} is absent (see ../shared/data/README.md)`);
  process.exit(0);
}
if (values.bucket !== 'week' && values.bucket !== 'month') throw new Error('--bucket must be week or month');
const unit: BucketUnit = values.bucket;
const KLEINBERG = { s: 2, gamma: 1 };
const EWMA = { alpha: 0.1, threshold: 3, minCount: 3, exitZ: 1, warmup: 4 };

const { incidents, rejected } = parseIncidents(readFileSync(csvPath, 'utf8'));
const months = continuousMonths(incidents);
const latest = incidents[incidents.length - 1];
if (months === undefined || latest === undefined) throw new Error('no incidents to stream');
// The bucket holding the latest incident was cut short by the snapshot: stop at the one before it.
const to = bucketStart(latest.at, unit) - 1;
const documents: LabelledDocument[] = incidents.map((incident) => ({
  at: incident.at,
  id: `${incident.date} ${incident.name}`,
  title: `${incident.name}: ${incident.rootCause}`,
  labels: TECHNIQUES.filter((t) => t.pattern.test(incident.rootCause)).map((t) => t.technique),
}));
const unlabelled = documents.filter((d) => d.at >= months.from && d.at <= to && d.labels.length === 0).length;

const started = performance.now();
const result = streamBursts(documents, { unit, from: months.from, to, kleinberg: KLEINBERG, ewma: EWMA });
const seconds = (performance.now() - started) / 1000;

const alerts = result.bursts.filter((b) => b.alert !== undefined);
for (const burst of alerts) AlertInputSchema.parse(burst.alert);

console.log(
  `${incidents.length} incidents (${rejected} rejected); ${result.buckets} ${unit}s, ${bucketLabel(bucketStart(months.from, unit), unit)} ` +
    `to ${bucketLabel(bucketStart(to, unit), unit)}; ${unlabelled} incidents in range match no technique`,
);
console.log(`documents per technique: ${result.labels.map((l) => `${l.label} ${l.documents}`).join(', ')}`);

const days = (v: number | undefined) => (v === undefined ? 'missed' : v.toFixed(0));
console.log(
  `\n${'technique'.padEnd(22)}${'method'.padEnd(10)}${'start'.padEnd(12)}${'end'.padEnd(12)}${'count'.padStart(6)}${'base'.padStart(7)}` +
    `${'first incident'.padStart(16)}${'alert bucket'.padStart(14)}${'days'.padStart(7)}${'crossed'.padStart(12)}${'days'.padStart(6)}`,
);
for (const b of result.bursts) {
  console.log(
    `${b.label.padEnd(22)}${b.method.padEnd(10)}${b.start.padEnd(12)}${b.end.padEnd(12)}${String(b.count).padStart(6)}` +
      `${b.expected.toFixed(1).padStart(7)}${b.firstDocumentAt.padStart(16)}${(b.alertBucket ?? '-').padStart(14)}` +
      `${days(b.daysToAlert).padStart(7)}${(b.crossedAt ?? '').padStart(12)}${(b.daysToCrossing === undefined ? '' : b.daysToCrossing.toFixed(0)).padStart(6)}`,
  );
}

const median = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const summary = (['kleinberg', 'ewma'] as const).map((method) => {
  const list = result.bursts.filter((b) => b.method === method);
  const fired = list.filter((b) => b.daysToAlert !== undefined);
  const crossing = list.flatMap((b) => (b.daysToCrossing === undefined ? [] : [b.daysToCrossing]));
  return {
    method,
    bursts: list.length,
    techniques: new Set(list.map((b) => b.label)).size,
    firedOnline: fired.length,
    medianDaysToAlert: median(fired.map((b) => b.daysToAlert as number)),
    maxDaysToAlert: Math.max(...fired.map((b) => b.daysToAlert as number)),
    medianDaysToCrossing: median(crossing),
  };
});
console.log('');
for (const s of summary) {
  console.log(
    `${s.method}: ${s.bursts} bursts in ${s.techniques} techniques; alert fired online for ${s.firedOnline}; ` +
      `days from first incident to alert (bucket close): median ${s.medianDaysToAlert.toFixed(1)}, max ${s.maxDaysToAlert.toFixed(0)}` +
      (Number.isNaN(s.medianDaysToCrossing)
        ? ''
        : `; to the crossing incident: median ${s.medianDaysToCrossing.toFixed(1)}`),
  );
}
const example = alerts.find((b) => b.method === 'ewma') ?? alerts[0];
if (example?.alert) {
  console.log(
    `\n${alerts.length} alerts built and valid; one of them:\n${example.alert.title}\n${example.alert.explanation}`,
  );
}
console.log(`(${seconds.toFixed(2)} s)`);

mkdirSync(join(benchDir, 'results'), { recursive: true });
const file = unit === 'week' ? 'intel-bursts.json' : `intel-bursts-${unit}.json`;
writeFileSync(
  join(benchDir, 'results', file),
  `${JSON.stringify(
    {
      data: csvPath,
      unit,
      buckets: result.buckets,
      kleinberg: KLEINBERG,
      ewma: EWMA,
      techniques: TECHNIQUES.map((t) => ({ technique: t.technique, pattern: t.pattern.source })),
      documents: result.labels,
      unlabelled,
      bursts: result.bursts.map(({ alert, ...rest }: DetectedBurst) => ({
        ...rest,
        alertSeverity: alert?.severity,
      })),
      summary,
      seconds,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote bench/results/${file}`);
