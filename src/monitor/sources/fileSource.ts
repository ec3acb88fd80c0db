import { basename } from 'node:path';
import { ArgusError, ValidationError } from '../../core/errors.js';
import { readCsvRows } from './csvRecords.js';
import { parseTransferRecord } from './fastTransferParse.js';
import { readLineBatches } from './readLines.js';
import { type ReplayClock, ReplayPacer, type ReplaySpeed, systemClock } from './replayPacer.js';
import type { RejectedRecord, SourceItem, TransferSource } from './source.js';

export type FileFormat = 'jsonl' | 'csv';

export interface FileSourceOptions {
  /**
   * A JSONL file (one TransferEvent per line) or a CSV file (header of TransferEvent field names, one
   * record per line), optionally gzipped (".gz"); "-" reads stdin.
   */
  path: string;
  /** Defaults to what the extension says (.jsonl/.ndjson/.json, .csv, each optionally + .gz); stdin is JSONL. */
  format?: FileFormat;
  /** Defaults to 'max'. */
  speed?: ReplaySpeed;
  /** With a paced speed: the longest wait between two events, so gaps of hours in the data do not stall a demo. */
  maxGapMs?: number;
  /** Defaults to "file:<basename>". */
  name?: string;
  /** Only for tests of pacing. */
  clock?: ReplayClock;
}

/** The format a file name implies, or undefined when its extension does not say. */
export function formatFromPath(path: string): FileFormat | undefined {
  if (path === '-') return 'jsonl';
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  return undefined;
}

function resolveFormat(options: FileSourceOptions): FileFormat {
  const format = options.format ?? formatFromPath(options.path);
  if (format !== undefined) return format;
  throw new ValidationError(
    'INPUT_INVALID',
    'file source',
    [{ path: 'format', message: `cannot tell the format of "${options.path}" from its extension` }],
    'name the file .jsonl or .csv (optionally .gz), or pass format=jsonl|csv',
  );
}

function firstLineOf(reason: string): string {
  const nl = reason.indexOf('\n');
  return nl < 0 ? reason : reason.slice(0, nl);
}

/** A missing or unreadable file is the user's mistake, not a bug: say which file and what to do. */
function describeOpenError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new ArgusError('NOT_FOUND', `transfer file ${path} was not found`, {
      input: path,
      hint: 'check the path (relative paths are taken from the current directory)',
      cause: err,
    });
  }
  if (code === 'EACCES' || code === 'EISDIR') {
    return new ArgusError('INPUT_INVALID', `transfer file ${path} cannot be read (${code})`, {
      input: path,
      cause: err,
    });
  }
  return err;
}

function isAbortError(err: unknown): boolean {
  return (err as Error | undefined)?.name === 'AbortError';
}

/**
 * Replays transfers from a file, streaming it. Each record goes through the TransferEvent schema; a bad
 * line is reported as "line N" and skipped. At 'max' speed nothing waits, so reading costs only
 * JSON.parse and the schema check per line.
 */
export class FileTransferSource implements TransferSource {
  readonly name: string;
  /** As given, for display and tests. */
  readonly options: FileSourceOptions;
  private readonly format: FileFormat;

  constructor(options: FileSourceOptions) {
    this.options = options;
    this.format = resolveFormat(options);
    this.name = options.name ?? `file:${options.path === '-' ? 'stdin' : basename(options.path)}`;
    if (options.speed !== undefined && options.speed !== 'max') {
      // Fail at construction, not at the first event, on a speed such as 0 or -1.
      new ReplayPacer(options.speed);
    }
  }

  async *read(signal: AbortSignal, onReject: (rejected: RejectedRecord) => void): AsyncGenerator<SourceItem> {
    const speed = this.options.speed ?? 'max';
    const pacer =
      speed === 'max'
        ? undefined
        : new ReplayPacer(speed, this.options.maxGapMs, this.options.clock ?? systemClock);
    const reject = (line: number, reason: string) =>
      onReject({ source: this.name, position: `line ${line}`, reason: firstLineOf(reason) });
    try {
      if (this.format === 'csv') {
        for await (const row of readCsvRows(this.options.path, signal)) {
          if (signal.aborted) return;
          if ('error' in row) {
            reject(row.line, row.error);
            continue;
          }
          const parsed = parseTransferRecord(row.record);
          if (!parsed.ok) {
            reject(row.line, parsed.reason);
            continue;
          }
          if (pacer && !(await pacer.waitFor(parsed.event.time, signal))) return;
          yield { event: parsed.event };
        }
        return;
      }
      for await (const batch of readLineBatches(this.options.path, signal)) {
        if (signal.aborted) return;
        const { lines, firstLine } = batch;
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i] as string | null;
          if (line === null) {
            reject(firstLine + i, 'line is longer than 1 MiB');
            continue;
          }
          if (line.length === 0) continue;
          let raw: unknown;
          try {
            raw = JSON.parse(line);
          } catch (err) {
            // Blank lines (and a lone "\r" of CRLF files) are skipped, not reported.
            if (line.trim().length === 0) continue;
            reject(firstLine + i, `not JSON: ${(err as Error).message}`);
            continue;
          }
          const parsed = parseTransferRecord(raw);
          if (!parsed.ok) {
            reject(firstLine + i, parsed.reason);
            continue;
          }
          if (pacer && !(await pacer.waitFor(parsed.event.time, signal))) return;
          yield { event: parsed.event };
        }
      }
    } catch (err) {
      if (signal.aborted && isAbortError(err)) return;
      throw describeOpenError(err, this.options.path);
    }
  }
}

export function fileSource(options: FileSourceOptions): FileTransferSource {
  return new FileTransferSource(options);
}
