import type { IntelSourceItem, IntelSourceReader } from './intelSource.js';
import { listFiles } from './listFiles.js';
import { osvDocument, parseOsvRecord } from './osvRecord.js';
import { readJsonFile } from './readTextFile.js';
import { Watermark } from './watermark.js';

export interface OsvSourceOptions {
  /**
   * One OSV JSON file or a directory of them (searched recursively, .json and .json.gz). A file holds one
   * record, an array of records (an all.json-style export) or a query API response ({ "vulns": [...] }).
   */
  path: string;
  /** Default "osv:<path>". */
  name?: string;
}

type Located = { value: unknown; position: string };

/** The records a parsed file holds, each with where it was; undefined when the shape is none of the three. */
function recordsIn(json: unknown, file: string): Located[] | undefined {
  if (Array.isArray(json)) return json.map((value, i) => ({ value, position: `${file} [${i}]` }));
  if (json === null || typeof json !== 'object') return undefined;
  const vulns = (json as { vulns?: unknown }).vulns;
  if (Array.isArray(vulns)) return vulns.map((value, i) => ({ value, position: `${file} vulns[${i}]` }));
  // A query with no match answers {} (the API leaves out an empty "vulns").
  if (Object.keys(json).length === 0 || (Object.keys(json).length === 1 && 'next_page_token' in json))
    return [];
  if ('id' in json) return [{ value: json, position: file }];
  return undefined;
}

/**
 * OSV advisories from files. Incremental by `modified`: a record not modified since the newest one the
 * previous run saw is skipped, so re-reading a refreshed export yields only what changed.
 */
export class OsvSource implements IntelSourceReader {
  readonly name: string;
  readonly cursorKey: string;
  readonly options: OsvSourceOptions;
  private cursor: string | undefined;

  constructor(options: OsvSourceOptions) {
    this.options = options;
    this.name = options.name ?? `osv:${options.path}`;
    this.cursorKey = `intel:osv:${options.path}`;
  }

  async *read(cursor: string | undefined, signal: AbortSignal): AsyncGenerator<IntelSourceItem> {
    const watermark = Watermark.parse(cursor, this.name);
    this.cursor = cursor;
    const files = await listFiles(this.options.path, ['.json', '.json.gz'], 'OSV path');
    for (const file of files) {
      if (signal.aborted) return;
      const read = await readJsonFile(file.path, 'OSV file');
      if (!read.ok) {
        yield this.reject(file.relativePath, read.reason);
        continue;
      }
      const json = read.json;
      const records = recordsIn(json, file.relativePath);
      if (records === undefined) {
        yield this.reject(
          file.relativePath,
          'holds neither an OSV record, an array of records nor a query response { "vulns": [...] }',
        );
        continue;
      }
      for (const { value, position } of records) {
        const parsed = parseOsvRecord(value);
        if (!parsed.ok) {
          yield this.reject(position, parsed.reason);
          continue;
        }
        if (!watermark.isNew(parsed.modified, parsed.record.id)) continue;
        watermark.observe(parsed.modified, parsed.record.id);
        yield { document: osvDocument(parsed.record, this.options.path) };
      }
    }
    this.cursor = watermark.toCursor() ?? cursor;
  }

  nextCursor(): string | undefined {
    return this.cursor;
  }

  private reject(position: string, reason: string): IntelSourceItem {
    return { rejected: { source: this.name, position, reason } };
  }
}
