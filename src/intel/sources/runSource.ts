import type { SourceCursorRepository } from '../../store/types.js';
import type { IntelDocumentDraft, IntelRejectedRecord, IntelSourceReader } from './intelSource.js';

/** Takes a batch of documents and resolves once they are stored (NLP applied, upserted). */
export type IntelSink = (documents: IntelDocumentDraft[]) => Promise<void>;

export interface RunSourceOptions {
  /** Documents per sink call; default 200. */
  batchSize?: number;
  /** Stops reading; what was read is still handed to the sink, but the final cursor is not saved. */
  signal?: AbortSignal;
  onReject?: (rejected: IntelRejectedRecord) => void;
  /** The time recorded with a saved cursor; default Date.now. */
  now?: () => number;
}

export interface RunSourceResult {
  documents: number;
  rejected: number;
  batches: number;
  /** The cursor in force after the run (saved or, when nothing was saved, the one loaded). */
  cursor: string | undefined;
  /** How many times a cursor was saved (checkpoints plus the final one). */
  cursorSaves: number;
  aborted: boolean;
}

/**
 * Reads one source from its saved cursor into the sink. A cursor is saved only after the sink has
 * accepted every document read before it, so a crash (or a sink that throws) makes the next run read
 * those documents again rather than skip them; stores upsert by id, so re-reading is harmless.
 */
export async function runSource(
  source: IntelSourceReader,
  cursors: SourceCursorRepository,
  sink: IntelSink,
  options: RunSourceOptions = {},
): Promise<RunSourceResult> {
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const signal = options.signal ?? new AbortController().signal;
  const now = options.now ?? Date.now;
  const loaded = await cursors.get(source.cursorKey);
  const result: RunSourceResult = {
    documents: 0,
    rejected: 0,
    batches: 0,
    cursor: loaded,
    cursorSaves: 0,
    aborted: false,
  };
  let batch: IntelDocumentDraft[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const handing = batch;
    batch = [];
    await sink(handing);
    result.documents += handing.length;
    result.batches += 1;
  };
  const save = async (cursor: string | undefined) => {
    if (cursor === undefined || cursor === result.cursor) return;
    await cursors.set(source.cursorKey, cursor, now());
    result.cursor = cursor;
    result.cursorSaves += 1;
  };

  for await (const item of source.read(loaded, signal)) {
    if ('document' in item) {
      batch.push(item.document);
      if (batch.length >= batchSize) await flush();
    } else if ('rejected' in item) {
      result.rejected += 1;
      options.onReject?.(item.rejected);
    } else {
      await flush();
      await save(item.checkpoint);
    }
  }
  await flush();
  if (signal.aborted) {
    result.aborted = true;
    return result;
  }
  await save(source.nextCursor());
  return result;
}
