import { ArgusError } from '../../core/errors.js';
import type { IntelDocument, Store } from '../../store/types.js';
import type { IntelDocumentDraft, IntelRejectedRecord, IntelSourceReader } from '../sources/intelSource.js';
import { runSource } from '../sources/runSource.js';
import type { AnnotateResult } from './annotateDocument.js';

type Entity = IntelDocument['entities'][number];

export interface IngestSourceReport {
  /** The source's name (osv:/path, feed:https://…). */
  source: string;
  /** Records read: documents plus records the source could not read. Always stored + rejected. */
  read: number;
  /** Documents upserted, new and replacing an older copy. */
  stored: number;
  inserted: number;
  updated: number;
  /** Records the source could not read, and documents the store would refuse. */
  rejected: number;
  /** The first few rejected records with their reasons. */
  rejectedSamples: IntelRejectedRecord[];
  /** The cursor in force after the run, and whether this run moved it. */
  cursor: string | undefined;
  cursorMoved: boolean;
  aborted: boolean;
  /** Set when the source itself failed (unreadable path, a server that kept refusing); the others still ran. */
  error?: { code: string; message: string; hint?: string };
}

export interface IngestResult {
  sources: IngestSourceReport[];
  /** The distinct entities of the documents stored by this run, for burst detection. */
  touched: Entity[];
}

export interface IngestProgress {
  source: string;
  read: number;
  stored: number;
  rejected: number;
}

export interface IngestOptions {
  store: Pick<Store, 'intelDocuments' | 'sourceCursors'>;
  annotate: (draft: IntelDocumentDraft) => AnnotateResult;
  /** Documents per store transaction; default 200. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Rejected records kept per source for the report; default 20. */
  maxRejectedSamples?: number;
  onProgress?: (progress: IngestProgress) => void;
  onReject?: (rejected: IntelRejectedRecord) => void;
  now?: () => number;
}

function describeError(error: unknown): NonNullable<IngestSourceReport['error']> {
  if (error instanceof ArgusError) {
    return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  }
  return { code: 'SOURCE_FAILED', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Reads each source from its saved cursor, runs the NLP over every document and stores the batch; a
 * cursor moves only after the documents before it are stored (runSource). A record that cannot be
 * read or stored is counted and sampled with its reason and the rest go on; a source that fails as a
 * whole is reported and the next source still runs.
 */
export async function ingestDocuments(
  sources: readonly IntelSourceReader[],
  options: IngestOptions,
): Promise<IngestResult> {
  const maxSamples = options.maxRejectedSamples ?? 20;
  const touched = new Map<string, Entity>();
  const reports: IngestSourceReport[] = [];
  for (const source of sources) {
    if (options.signal?.aborted) break;
    const report: IngestSourceReport = {
      source: source.name,
      read: 0,
      stored: 0,
      inserted: 0,
      updated: 0,
      rejected: 0,
      rejectedSamples: [],
      cursor: undefined,
      cursorMoved: false,
      aborted: false,
    };
    reports.push(report);
    const reject = (record: IntelRejectedRecord) => {
      report.read += 1;
      report.rejected += 1;
      if (report.rejectedSamples.length < maxSamples) report.rejectedSamples.push(record);
      options.onReject?.(record);
    };
    const progress = () =>
      options.onProgress?.({
        source: source.name,
        read: report.read,
        stored: report.stored,
        rejected: report.rejected,
      });
    const sink = async (drafts: IntelDocumentDraft[]) => {
      const documents: IntelDocument[] = [];
      drafts.forEach((draft, i) => {
        const annotated = options.annotate(draft);
        if (annotated.ok) documents.push(annotated.document);
        else
          reject({ source: source.name, position: draft.id || `batch item ${i}`, reason: annotated.reason });
      });
      if (documents.length > 0) {
        const written = await options.store.intelDocuments.upsertMany(documents);
        report.inserted += written.inserted;
        report.updated += written.updated;
        report.stored += documents.length;
        report.read += documents.length;
        for (const d of documents) {
          for (const e of d.entities)
            touched.set(`${e.kind}\u0000${e.value}`, { kind: e.kind, value: e.value });
        }
      }
      progress();
    };
    const before = await options.store.sourceCursors.get(source.cursorKey);
    report.cursor = before;
    try {
      const run = await runSource(source, options.store.sourceCursors, sink, {
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.now ? { now: options.now } : {}),
        onReject: reject,
      });
      report.cursor = run.cursor;
      report.aborted = run.aborted;
    } catch (error) {
      report.error = describeError(error);
      // Checkpoints saved before the failure stand; read the cursor back to report where it is.
      report.cursor = await options.store.sourceCursors.get(source.cursorKey);
    }
    report.cursorMoved = report.cursor !== before;
    progress();
  }
  return { sources: reports, touched: [...touched.values()] };
}
