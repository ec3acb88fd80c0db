import type { IntelSourceItem, IntelSourceReader } from './intelSource.js';
import { listFiles } from './listFiles.js';
import { NvdClient, type NvdClientOptions } from './nvdClient.js';
import { formatNvdTime, NvdPage, nvdDocument, parseNvdVulnerability } from './nvdRecord.js';
import { readJsonFile } from './readTextFile.js';
import { type Sleeper, systemSleeper } from './sleeper.js';
import { Watermark } from './watermark.js';

/** The API refuses date ranges longer than 120 consecutive days. */
export const NVD_MAX_WINDOW_MS = 120 * 24 * 60 * 60 * 1000;
/** The most the CVE API returns per page. */
export const NVD_MAX_RESULTS_PER_PAGE = 2000;

export interface NvdSourceOptions extends NvdClientOptions {
  /**
   * Offline: a saved CVE API 2.0 response or NVD 2.0 JSON feed file (.json or .json.gz), or a directory of
   * them. Without it the source asks the API.
   */
  path?: string;
  /** Online, with no cursor yet: read CVEs modified from this time on. Without it, the whole NVD is paged. */
  since?: number;
  /** Online: default 2000, the API's maximum. */
  resultsPerPage?: number;
  /** Default "nvd:api" or "nvd:<path>". */
  name?: string;
}

/** How often one date window is re-read from its start because NVD's result set changed under the paging. */
const MAX_WINDOW_RESTARTS = 3;

/**
 * CVEs from the NVD CVE API 2.0, or from saved pages of it. Online it asks for what was modified since the
 * cursor in date windows of at most 120 days, pages each with startIndex/resultsPerPage, and yields a
 * checkpoint after each finished window, so a long backfill that stops resumes from the last window.
 */
export class NvdSource implements IntelSourceReader {
  readonly name: string;
  readonly cursorKey: string;
  readonly options: NvdSourceOptions;
  private readonly sleeper: Sleeper;
  private cursor: string | undefined;

  constructor(options: NvdSourceOptions = {}) {
    this.options = options;
    this.sleeper = options.sleeper ?? systemSleeper;
    const online = options.path === undefined;
    this.name = options.name ?? (online ? 'nvd:api' : `nvd:${options.path}`);
    this.cursorKey = online ? `intel:nvd:api:${options.baseUrl ?? 'nvd'}` : `intel:nvd:${options.path}`;
    const perPage = options.resultsPerPage;
    if (
      perPage !== undefined &&
      (!Number.isInteger(perPage) || perPage < 1 || perPage > NVD_MAX_RESULTS_PER_PAGE)
    )
      throw new RangeError(`resultsPerPage must be 1..${NVD_MAX_RESULTS_PER_PAGE}, got ${perPage}`);
  }

  read(cursor: string | undefined, signal: AbortSignal): AsyncIterable<IntelSourceItem> {
    return this.options.path === undefined
      ? this.readApi(cursor, signal)
      : this.readFiles(this.options.path, cursor, signal);
  }

  nextCursor(): string | undefined {
    return this.cursor;
  }

  /** The date windows from start to now, each at most 120 days; one open window when there is no start. */
  windows(start: number | undefined, now: number): { start?: number; end?: number }[] {
    if (start === undefined) return [{}];
    const out: { start: number; end: number }[] = [];
    for (let from = start; from < now; from += NVD_MAX_WINDOW_MS) {
      out.push({ start: from, end: Math.min(from + NVD_MAX_WINDOW_MS, now) });
    }
    return out;
  }

  private async *readApi(cursor: string | undefined, signal: AbortSignal): AsyncGenerator<IntelSourceItem> {
    const watermark = Watermark.parse(cursor, this.name);
    this.cursor = cursor;
    const client = new NvdClient({ ...this.options, sleeper: this.sleeper });
    const perPage = this.options.resultsPerPage ?? NVD_MAX_RESULTS_PER_PAGE;
    const start = watermark.startTime ?? this.options.since;
    for (const window of this.windows(start, this.sleeper.now())) {
      const dates: Record<string, string> =
        window.start === undefined || window.end === undefined
          ? {}
          : { lastModStartDate: formatNvdTime(window.start), lastModEndDate: formatNvdTime(window.end) };
      const label = window.start === undefined ? 'all' : `${dates.lastModStartDate}..${dates.lastModEndDate}`;
      // Ids already yielded in this window, so a restart does not yield them twice.
      const yielded = new Set<string>();
      let restarts = 0;
      let expectedTotal: number | undefined;
      let startIndex = 0;
      for (;;) {
        const body = await client.getPage({ ...dates, resultsPerPage: perPage, startIndex }, signal);
        if (body === undefined) return;
        const page = NvdPage.safeParse(body);
        if (!page.success) {
          yield this.reject(`${label} startIndex=${startIndex}`, 'the response is not a CVE API 2.0 page');
          break;
        }
        const { totalResults, vulnerabilities } = page.data;
        // Offsets shift when records enter or leave the result set between pages (a CVE modified
        // meanwhile); re-reading the window from its start is the only way not to skip one.
        if (expectedTotal !== undefined && totalResults !== expectedTotal && restarts < MAX_WINDOW_RESTARTS) {
          restarts += 1;
          expectedTotal = undefined;
          startIndex = 0;
          continue;
        }
        expectedTotal = totalResults;
        for (let i = 0; i < vulnerabilities.length; i++) {
          const parsed = parseNvdVulnerability(vulnerabilities[i]);
          if (!parsed.ok) {
            yield this.reject(`${label} startIndex=${startIndex} [${i}]`, parsed.reason);
            continue;
          }
          const { cve, lastModified } = parsed;
          if (yielded.has(cve.id) || !watermark.isNew(lastModified, cve.id)) continue;
          yielded.add(cve.id);
          watermark.observe(lastModified, cve.id);
          yield { document: nvdDocument(cve, client.baseUrl) };
        }
        startIndex += vulnerabilities.length;
        if (vulnerabilities.length === 0 || startIndex >= totalResults) break;
      }
      this.cursor = watermark.toCursor() ?? cursor;
      if (this.cursor !== undefined) yield { checkpoint: this.cursor };
    }
  }

  private async *readFiles(
    path: string,
    cursor: string | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<IntelSourceItem> {
    const watermark = Watermark.parse(cursor, this.name);
    this.cursor = cursor;
    for (const file of await listFiles(path, ['.json', '.json.gz'], 'NVD path')) {
      if (signal.aborted) return;
      const read = await readJsonFile(file.path, 'NVD file');
      if (!read.ok) {
        yield this.reject(file.relativePath, read.reason);
        continue;
      }
      const json = read.json;
      const page = NvdPage.safeParse(json);
      if (!page.success) {
        yield this.reject(
          file.relativePath,
          'not a CVE API 2.0 page (no resultsPerPage/startIndex/totalResults/vulnerabilities)',
        );
        continue;
      }
      const vulnerabilities = page.data.vulnerabilities;
      for (let i = 0; i < vulnerabilities.length; i++) {
        const parsed = parseNvdVulnerability(vulnerabilities[i]);
        if (!parsed.ok) {
          yield this.reject(`${file.relativePath} [${i}]`, parsed.reason);
          continue;
        }
        if (!watermark.isNew(parsed.lastModified, parsed.cve.id)) continue;
        watermark.observe(parsed.lastModified, parsed.cve.id);
        yield { document: nvdDocument(parsed.cve, path) };
      }
    }
    this.cursor = watermark.toCursor() ?? cursor;
  }

  private reject(position: string, reason: string): IntelSourceItem {
    return { rejected: { source: this.name, position, reason } };
  }
}
