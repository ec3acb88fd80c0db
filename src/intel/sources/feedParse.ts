import { XMLParser } from 'fast-xml-parser';
import { parseFeedDate, parseRfc3339 } from './feedDates.js';
import { decodeEntities, htmlToText } from './htmlToText.js';

/** One item of a feed, its text already stripped of markup. */
export interface FeedEntry {
  /** guid (RSS) or id (Atom); the link, or a hash of title and date, when the feed gives none. */
  id: string;
  title: string;
  link?: string;
  body: string;
  publishedAt: number;
  modifiedAt: number;
  /** Whether the date came from the item (false: the channel's date or the time of reading stood in). */
  dated: boolean;
  /** The item as parsed, for the document's raw field. */
  raw: unknown;
}

export type FeedEntryResult =
  | { ok: true; entry: FeedEntry }
  | { ok: false; position: string; reason: string };

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  entries: FeedEntryResult[];
}

export class FeedFormatError extends Error {
  override name = 'FeedFormatError';
}

const ARRAYS = new Set([
  'rss.channel.item',
  'rss.channel.item.category',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.category',
  'feed.link',
  'RDF.item',
]);

// Atom text constructs are kept unparsed: type="xhtml" holds markup whose order the object form loses, and
// type="html" / "text" differ in how their content is decoded.
const ATOM_TEXT = ['feed.title', 'feed.entry.title', 'feed.entry.summary', 'feed.entry.content'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  stopNodes: ATOM_TEXT,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
  // Entities declared in a DOCTYPE are expanded, within bounds, so a hostile feed cannot blow up memory.
  processEntities: { enabled: true, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
});

type Node = Record<string, unknown>;

/** The text of an element however the parser shaped it (a string, { "#text" }, or a repeated element). */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (node && typeof node === 'object') return textOf((node as Node)['#text'] ?? '');
  return '';
}

function unwrapCdata(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) =>
    // Escaped so that the decoding step that follows leaves CDATA content as it was.
    inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
}

/** An Atom text construct (RFC 4287 section 3.1) as plain text. */
function atomText(node: unknown): string {
  if (node === undefined) return '';
  const raw = textOf(node);
  const type = node && typeof node === 'object' ? String((node as Node)['@_type'] ?? 'text') : 'text';
  if (type === 'xhtml') return htmlToText(raw);
  const decoded = decodeEntities(unwrapCdata(raw));
  return type === 'html' ? htmlToText(decoded) : decoded.trim();
}

function hashId(parts: string[]): string {
  // FNV-1a, 64 bits as two halves: stable, dependency-free, and only needs to tell items of one feed apart.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of parts.join('\u0000')) {
    const c = ch.codePointAt(0) as number;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return `hash:${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

function rssEntry(
  item: Node,
  index: number,
  fallback: { time: number | undefined; now: number },
): FeedEntryResult {
  const position = `item ${index + 1}`;
  const title = decodeEntities(textOf(item.title)).trim();
  const html = textOf(item.encoded) || textOf(item.description);
  if (!title && !html) return { ok: false, position, reason: 'an item needs a title or a description' };
  const dateText = textOf(item.pubDate) || textOf(item.date);
  let time = fallback.time ?? fallback.now;
  if (dateText) {
    time = parseFeedDate(dateText);
    if (!Number.isFinite(time)) {
      return { ok: false, position, reason: `pubDate "${dateText}" is not an RFC 822 date` };
    }
  }
  const link = textOf(item.link).trim() || (item['@_about'] as string | undefined);
  const guid = textOf(item.guid).trim();
  return {
    ok: true,
    entry: {
      id: guid || link || hashId([title, dateText, html]),
      title: title || htmlToText(html).slice(0, 80),
      ...(link ? { link } : {}),
      body: htmlToText(html),
      publishedAt: time,
      modifiedAt: time,
      dated: dateText !== '',
      raw: item,
    },
  };
}

function atomLink(entry: Node): string | undefined {
  const links = (entry.link as Node[] | undefined) ?? [];
  const alternate = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  const href = alternate?.['@_href'];
  return typeof href === 'string' && href !== '' ? href : undefined;
}

function atomEntry(entry: Node, index: number): FeedEntryResult {
  const position = `entry ${index + 1}`;
  const id = textOf(entry.id).trim();
  if (!id) return { ok: false, position, reason: 'an Atom entry needs an id' };
  const updatedText = textOf(entry.updated);
  if (!updatedText)
    return { ok: false, position: `${position} (${id})`, reason: 'an Atom entry needs updated' };
  const updated = parseRfc3339(updatedText);
  if (!Number.isFinite(updated)) {
    return {
      ok: false,
      position: `${position} (${id})`,
      reason: `updated "${updatedText}" is not an RFC 3339 date`,
    };
  }
  const publishedText = textOf(entry.published);
  const published = publishedText ? parseRfc3339(publishedText) : updated;
  if (!Number.isFinite(published)) {
    return {
      ok: false,
      position: `${position} (${id})`,
      reason: `published "${publishedText}" is not an RFC 3339 date`,
    };
  }
  const link = atomLink(entry);
  return {
    ok: true,
    entry: {
      id,
      title: atomText(entry.title) || id,
      ...(link ? { link } : {}),
      body: atomText(entry.content) || atomText(entry.summary),
      publishedAt: published,
      modifiedAt: updated,
      dated: true,
      raw: entry,
    },
  };
}

/**
 * An RSS 2.0, RSS 1.0 (RDF) or Atom (RFC 4287) document. Throws FeedFormatError when it is not XML or
 * none of those; a bad item is returned as a failed entry so the rest of the feed is still read.
 */
export function parseFeed(xml: string, now: number): ParsedFeed {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (err) {
    throw new FeedFormatError(`not well-formed XML: ${(err as Error).message}`);
  }
  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (rss.channel ?? {}) as Node;
    const channelDate = parseFeedDate(textOf(channel.pubDate) || textOf(channel.lastBuildDate));
    const fallback = { time: Number.isFinite(channelDate) ? channelDate : undefined, now };
    const items = (channel.item as Node[] | undefined) ?? [];
    return {
      format: 'rss',
      title: decodeEntities(textOf(channel.title)).trim(),
      entries: items.map((item, i) => rssEntry(item, i, fallback)),
    };
  }
  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') {
    const entries = (feed.entry as Node[] | undefined) ?? [];
    return { format: 'atom', title: atomText(feed.title), entries: entries.map(atomEntry) };
  }
  const rdf = doc.RDF as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const items = (rdf.item as Node[] | undefined) ?? [];
    return {
      format: 'rdf',
      title: decodeEntities(textOf((rdf.channel as Node | undefined)?.title)).trim(),
      entries: items.map((item, i) => rssEntry(item, i, { time: undefined, now })),
    };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
  throw new FeedFormatError(`the root element is <${root}>, not <rss>, <feed> or <rdf:RDF>`);
}
