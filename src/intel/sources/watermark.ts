import { ArgusError } from '../../core/errors.js';

interface WatermarkCursor {
  /** The newest modification time seen, ISO 8601. */
  at: string;
  /** The ids seen at exactly that time, so a record stamped the same millisecond is neither lost nor repeated. */
  ids: string[];
}

/**
 * "Modified since the last run" for sources whose records carry a modification time (OSV modified, NVD
 * lastModified, file mtimes). Comparing times alone would either repeat the newest records on every run
 * (>=) or lose one stamped the same millisecond as the cursor but added later (>); keeping the ids at the
 * newest time does neither.
 */
export class Watermark {
  private readonly since: number | undefined;
  private readonly idsAtSince: ReadonlySet<string>;
  private newest: number | undefined;
  private idsAtNewest = new Set<string>();

  private constructor(since: number | undefined, ids: Iterable<string>) {
    this.since = since;
    this.idsAtSince = new Set(ids);
    this.newest = since;
    this.idsAtNewest = new Set(ids);
  }

  /**
   * From a saved cursor: the JSON this class writes, or a bare date ("2024-01-01", an ISO time) that a
   * user set by hand to start from there.
   */
  static parse(cursor: string | undefined, source: string): Watermark {
    if (cursor === undefined || cursor === '') return new Watermark(undefined, []);
    const bare = Date.parse(cursor);
    if (!cursor.startsWith('{') && Number.isFinite(bare)) return new Watermark(bare, []);
    let parsed: Partial<WatermarkCursor> | undefined;
    try {
      parsed = JSON.parse(cursor) as Partial<WatermarkCursor>;
    } catch {
      parsed = undefined;
    }
    const at = typeof parsed?.at === 'string' ? Date.parse(parsed.at) : Number.NaN;
    const ids = parsed?.ids;
    if (!Number.isFinite(at) || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new ArgusError('INPUT_INVALID', `the saved cursor of ${source} is not one Argus wrote`, {
        input: cursor,
        hint: `delete the cursor of ${source} to read it from the start, or set it to an ISO date`,
      });
    }
    return new Watermark(at, ids);
  }

  /** The time to ask a server for changes from (inclusive), undefined when reading from the start. */
  get startTime(): number | undefined {
    return this.since;
  }

  /** Whether a record modified at `time` has not been read by an earlier run. */
  isNew(time: number, id: string): boolean {
    if (this.since === undefined || time > this.since) return true;
    return time === this.since && !this.idsAtSince.has(id);
  }

  /** Notes a record as read. */
  observe(time: number, id: string): void {
    if (this.newest === undefined || time > this.newest) {
      this.newest = time;
      this.idsAtNewest = new Set([id]);
    } else if (time === this.newest) {
      this.idsAtNewest.add(id);
    }
  }

  toCursor(): string | undefined {
    if (this.newest === undefined) return undefined;
    const cursor: WatermarkCursor = {
      at: new Date(this.newest).toISOString(),
      ids: [...this.idsAtNewest].sort(),
    };
    return JSON.stringify(cursor);
  }
}
