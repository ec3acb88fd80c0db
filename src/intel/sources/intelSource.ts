import type { IntelDocument } from '../../store/types.js';

/** What a source yields before the NLP has looked at it: entities are filled in later. */
export type IntelDocumentDraft = Omit<IntelDocument, 'entities'>;

/**
 * A record a source could not turn into a document (the same shape as the monitor's RejectedRecord, kept
 * here because areas do not import each other). The source reports it and goes on.
 */
export interface IntelRejectedRecord {
  /** The source's name, as in IntelSourceReader.name. */
  source: string;
  /** Where it was: "GHSA-xxxx.json", "all.json [17]", "page startIndex=2000 [3]", "item 4". */
  position: string;
  reason: string;
}

/**
 * One thing read from a source. A checkpoint says that everything yielded before it is complete and that
 * its cursor may be saved once those documents are stored; a long NVD backfill yields one per finished
 * date window so that a crash resumes from the last window instead of from the start.
 */
export type IntelSourceItem =
  | { document: IntelDocumentDraft }
  | { rejected: IntelRejectedRecord }
  | { checkpoint: string };

/** An incremental reader of advisories or texts: OSV, NVD, RSS/Atom, a text corpus. */
export interface IntelSourceReader {
  /** For messages: "osv:/data/advisories", "nvd:api", "feed:https://…". */
  readonly name: string;
  /** Under this key the cursor is kept in the SourceCursorRepository; stable across runs. */
  readonly cursorKey: string;
  /**
   * Yields what changed since the cursor (everything when it is undefined) until the source is exhausted
   * or the signal aborts. A malformed record is yielded as rejected and reading goes on; only a failure
   * of the source itself (an unreadable path, a server that keeps refusing) throws.
   */
  read(cursor: string | undefined, signal: AbortSignal): AsyncIterable<IntelSourceItem>;
  /**
   * The cursor to save after read() ran to its end: the input cursor when nothing newer was seen.
   * Undefined before any read. Not meaningful after an aborted read.
   */
  nextCursor(): string | undefined;
}
