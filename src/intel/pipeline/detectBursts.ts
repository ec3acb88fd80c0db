import type { AlertInput } from '../../core/alert.js';
import type { IntelDocument, Store } from '../../store/types.js';
import { burstAlert } from '../bursts/burstAlert.js';
import { ewmaBursts } from '../bursts/ewmaZScore.js';
import { bucketPhrase, bucketStart, bucketsBefore, nextBucketStart } from './buckets.js';
import { BURST_KINDS, type BurstSettings, ewmaOptionsOf } from './burstSettings.js';
import { earliestDocumentTime, entitySeries } from './mentionSeries.js';

type Entity = IntelDocument['entities'][number];

/** Documents passed with an alert; burstAlert names 20 and counts the rest. */
const MAX_DOCUMENTS = 200;

export interface DetectedBurst {
  kind: string;
  value: string;
  /** Start of the first bucket of the burst and of its last (so far). */
  startedAt: number;
  lastBucketAt: number;
  count: number;
  /** What the baseline expected of the burst's buckets together. */
  baseline: number;
  startZ: number;
  peakZ: number;
  /** 'raised': sent to the pipeline; 'already-alerted': an intel.burst alert for this start exists. */
  outcome: 'raised' | 'already-alerted';
}

export interface DetectBurstsResult {
  /** Entities whose full series was run through the detector (the rest had too few recent mentions). */
  checked: number;
  bursts: DetectedBurst[];
  alerts: AlertInput[];
}

export interface DetectBurstsOptions {
  store: Pick<Store, 'intelDocuments' | 'alerts'>;
  /** The entities an ingest touched; only they can have started a burst. */
  entities: readonly Entity[];
  settings: BurstSettings;
  /** Default Date.now(): the open bucket is the one holding it. */
  now?: number;
  /** Where the alerts go (the alert pipeline's ingestBatch); without it they are only returned. */
  sink?: (alerts: AlertInput[]) => Promise<void>;
}

/** Whether an intel.burst alert for this entity and start is already stored. */
async function alertedBefore(alerts: Store['alerts'], entity: Entity, startedAt: number): Promise<boolean> {
  const page = await alerts.list({
    area: ['intel'],
    detector: ['intel.burst'],
    subjectId: entity.value.slice(0, 256),
    since: startedAt,
    limit: 500,
  });
  return page.items.some(
    (a) => a.occurredAt === startedAt && (a.subject.attributes?.entityKind ?? entity.kind) === entity.kind,
  );
}

/**
 * Early warning after an ingest: for each touched technique, protocol, package or CVE, the mention
 * series from the store's first document to the open bucket goes through the EWMA detector, and an
 * intel.burst alert is raised for a burst that starts in one of the latest `recentBuckets` buckets, is
 * still going on, and has not been alerted before (a later ingest in the same burst stays quiet). The
 * open bucket is partial, so a burst that began in the last closed bucket counts as going on whatever
 * the open bucket holds so far. Entities with fewer than minCount mentions in every recent bucket are
 * skipped without reading their history: they cannot have started a burst there.
 */
export async function detectBursts(options: DetectBurstsOptions): Promise<DetectBurstsResult> {
  const { settings, store } = options;
  const now = options.now ?? Date.now();
  const openBucket = bucketStart(now, settings.bucket);
  const until = nextBucketStart(openBucket, settings.bucket);
  const recentStart = bucketsBefore(openBucket, settings.bucket, settings.recentBuckets - 1);
  const result: DetectBurstsResult = { checked: 0, bursts: [], alerts: [] };

  const byKind = new Map<string, Set<string>>();
  for (const e of options.entities) {
    if (!(BURST_KINDS as readonly string[]).includes(e.kind)) continue;
    const values = byKind.get(e.kind) ?? new Set<string>();
    values.add(e.value);
    byKind.set(e.kind, values);
  }
  const candidates: Entity[] = [];
  for (const [kind, values] of byKind) {
    const recent = await store.intelDocuments.mentionCounts({
      kind,
      bucket: settings.bucket,
      since: recentStart,
      until,
    });
    const busy = new Set(recent.filter((r) => r.count >= settings.minCount).map((r) => r.value));
    for (const value of values) if (busy.has(value)) candidates.push({ kind, value });
  }
  if (candidates.length === 0) return result;

  const origin = await earliestDocumentTime(store.intelDocuments);
  for (const entity of candidates) {
    result.checked++;
    const series = await entitySeries(store.intelDocuments, {
      ...entity,
      bucket: settings.bucket,
      ...(origin !== undefined ? { from: origin } : {}),
      to: now,
    });
    const n = series.counts.length;
    const burst = ewmaBursts(series.counts, ewmaOptionsOf(settings)).bursts.at(-1);
    if (burst === undefined || burst.start < n - settings.recentBuckets || burst.end < n - 2) continue;
    const startedAt = series.starts[burst.start] as number;
    const detected: DetectedBurst = {
      ...entity,
      startedAt,
      lastBucketAt: series.starts[burst.end] as number,
      count: burst.count,
      baseline: burst.baseline * (burst.end - burst.start + 1),
      startZ: burst.startZ,
      peakZ: burst.peakZ,
      outcome: 'raised',
    };
    result.bursts.push(detected);
    if (await alertedBefore(store.alerts, entity, startedAt)) {
      detected.outcome = 'already-alerted';
      continue;
    }
    const documents = await store.intelDocuments.list({
      entity,
      since: startedAt,
      until,
      limit: MAX_DOCUMENTS,
    });
    result.alerts.push(
      burstAlert({
        entity: entity.value,
        entityKind: entity.kind,
        method: 'ewma',
        startedAt,
        bucketLabel: bucketPhrase(startedAt, settings.bucket),
        count: detected.count,
        baseline: detected.baseline,
        strength: detected.startZ,
        documents: documents.items.map((d) => ({ id: d.id, title: d.title })),
      }),
    );
  }
  if (result.alerts.length > 0) await options.sink?.(result.alerts);
  return result;
}
