import { ArgusError } from '../../core/errors.js';
import { type FeedEntry, FeedFormatError, parseFeed } from './feedParse.js';
import type { IntelDocumentDraft, IntelSourceItem, IntelSourceReader } from './intelSource.js';
import { describeFsError } from './listFiles.js';
import { readTextFile } from './readTextFile.js';
import { type Sleeper, systemSleeper } from './sleeper.js';

export interface FeedSourceOptions {
  /** An http(s) URL or a file path (.xml, .rss, .atom, optionally .gz). */
  location: string;
  /** Injected so tests serve fixture feeds; default the global fetch. */
  fetch?: typeof fetch;
  /** Only its clock is used: the time that stands in for an item with no date at all. */
  clock?: Pick<Sleeper, 'now'>;
  /** Default 30 s. */
  timeoutMs?: number;
  /** A feed larger than this is refused; default 10 MiB. */
  maxBytes?: number;
  /** Default "feed:<location>". */
  name?: string;
}

/** What a feed source remembers between runs. */
interface FeedCursor {
  /** Validators of the last 200 response, for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Items of the last reading, id to a fingerprint of their content: an item is new or changed when this differs. */
  seen: Record<string, string>;
}

const USER_AGENT = 'argus-security intel feed reader';

function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

function parseCursor(cursor: string | undefined, source: string): FeedCursor {
  if (cursor === undefined || cursor === '') return { seen: {} };
  try {
    const parsed = JSON.parse(cursor) as Partial<FeedCursor>;
    if (parsed && typeof parsed.seen === 'object' && parsed.seen !== null && !Array.isArray(parsed.seen)) {
      return parsed as FeedCursor;
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ArgusError('INPUT_INVALID', `the saved cursor of ${source} is not one Argus wrote`, {
    input: cursor,
    hint: `delete the cursor of ${source} to read the feed from the start`,
  });
}

/** A short fingerprint of what a reader sees of an item; a feed that edits a post changes it. */
function fingerprint(entry: FeedEntry): string {
  const text = [entry.title, entry.link ?? '', String(entry.dated ? entry.modifiedAt : ''), entry.body].join(
    '\u0000',
  );
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
    g = Math.imul(g ^ c, 0x811c9dc5) >>> 0;
  }
  return `${h.toString(36)}.${g.toString(36)}`;
}

/**
 * RSS 2.0, RSS 1.0 and Atom feeds, from a URL or a file. Incremental twice over: a URL is fetched with
 * If-None-Match / If-Modified-Since from the last response (a 304 reads nothing), and of a changed feed
 * only items that are new or whose content changed become documents.
 */
export class FeedSource implements IntelSourceReader {
  readonly name: string;
  readonly cursorKey: string;
  readonly options: FeedSourceOptions;
  private cursor: string | undefined;

  constructor(options: FeedSourceOptions) {
    this.options = options;
    this.name = options.name ?? `feed:${options.location}`;
    this.cursorKey = `intel:feed:${options.location}`;
  }

  async *read(cursor: string | undefined, signal: AbortSignal): AsyncGenerator<IntelSourceItem> {
    const previous = parseCursor(cursor, this.name);
    this.cursor = cursor;
    const now = (this.options.clock ?? systemSleeper).now();
    const fetched = isUrl(this.options.location)
      ? await this.fetchFeed(previous, signal)
      : { text: await this.readFile(), validators: {} };
    if (fetched === undefined) return;
    let feed: ReturnType<typeof parseFeed>;
    try {
      feed = parseFeed(fetched.text, now);
    } catch (err) {
      if (!(err instanceof FeedFormatError)) throw err;
      throw new ArgusError('INPUT_INVALID', `${this.name} is not an RSS or Atom feed: ${err.message}`, {
        input: this.options.location,
        hint: 'check that the URL or file is the feed itself, not the page that links to it',
      });
    }
    const seen: Record<string, string> = {};
    for (const result of feed.entries) {
      if (signal.aborted) return;
      if (!result.ok) {
        yield { rejected: { source: this.name, position: result.position, reason: result.reason } };
        continue;
      }
      const print = fingerprint(result.entry);
      const key = result.entry.id;
      seen[key] = print;
      if (previous.seen[key] === print) continue;
      yield { document: this.document(result.entry, feed.title) };
    }
    const next: FeedCursor = { ...fetched.validators, seen };
    this.cursor = JSON.stringify(next);
  }

  nextCursor(): string | undefined {
    return this.cursor;
  }

  private document(entry: FeedEntry, feedTitle: string): IntelDocumentDraft {
    // A guid that is a URL, URN or tag URI is unique on its own; a bare "1234" only within its feed.
    const id = /^[a-z][a-z0-9+.-]*:/i.test(entry.id) ? entry.id : `${this.options.location}#${entry.id}`;
    return {
      id: `rss:${id}`,
      source: 'rss',
      origin: this.options.location,
      kind: 'article',
      title: entry.title,
      body: entry.body,
      ...(entry.link ? { url: entry.link } : {}),
      publishedAt: entry.publishedAt,
      modifiedAt: entry.modifiedAt,
      raw: JSON.stringify({ feed: feedTitle, item: entry.raw }),
    };
  }

  private async readFile(): Promise<string> {
    try {
      return await readTextFile(this.options.location);
    } catch (err) {
      throw describeFsError(err, this.options.location, 'feed file');
    }
  }

  /** The body of a changed feed and its validators; undefined when unchanged (304) or aborted. */
  private async fetchFeed(
    previous: FeedCursor,
    signal: AbortSignal,
  ): Promise<{ text: string; validators: Pick<FeedCursor, 'etag' | 'lastModified'> } | undefined> {
    const headers: Record<string, string> = {
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
      'user-agent': USER_AGENT,
    };
    if (previous.etag) headers['if-none-match'] = previous.etag;
    if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(this.options.location, {
        headers,
        redirect: 'follow',
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 30_000)]),
      });
    } catch (err) {
      if (signal.aborted) return undefined;
      throw new ArgusError('ACTION_FAILED', `${this.name} could not be fetched: ${(err as Error).message}`, {
        input: this.options.location,
        hint: 'check the URL and the network; the next run tries again',
        cause: err,
      });
    }
    if (response.status === 304) return undefined;
    if (!response.ok) {
      throw new ArgusError('ACTION_FAILED', `${this.name} answered HTTP ${response.status}`, {
        input: this.options.location,
        hint:
          response.status === 404 || response.status === 410
            ? 'the feed has moved or gone: check its URL'
            : 'try again later',
      });
    }
    const maxBytes = this.options.maxBytes ?? 10 * 1024 * 1024;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw this.tooLarge(maxBytes);
    const text = await this.readCapped(response, maxBytes);
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return { text, validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } };
  }

  /** The body as text, refusing it once it passes maxBytes (a missing or false content-length is no defence). */
  private async readCapped(response: Response, maxBytes: number): Promise<string> {
    if (!response.body) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw this.tooLarge(maxBytes);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private tooLarge(maxBytes: number): ArgusError {
    return new ArgusError('INPUT_INVALID', `${this.name} is larger than ${maxBytes} bytes`, {
      input: this.options.location,
      hint: 'raise maxBytes if this feed really is that large',
    });
  }
}
