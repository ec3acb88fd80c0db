import { parse } from 'yaml';
import { parseRfc3339 } from './feedDates.js';

export interface FrontMatter {
  /** The YAML block's keys, as parsed. */
  data: Record<string, unknown>;
  /** The text after the block. */
  body: string;
}

export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; reason: string };

const BLOCK = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Splits a leading YAML front matter block ("---" … "---") from a Markdown or text file. */
export function splitFrontMatter(text: string): FrontMatterResult {
  const m = BLOCK.exec(text);
  if (!m) return { ok: true, value: { data: {}, body: text } };
  let data: unknown;
  try {
    data = parse(m[1] as string);
  } catch (err) {
    return { ok: false, reason: `front matter is not YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'front matter is not a mapping of keys to values' };
  }
  return { ok: true, value: { data: data as Record<string, unknown>, body: text.slice(m[0].length) } };
}

/**
 * A front matter date: "2024-03-01", "2024-03-01T10:00:00Z", or the "2024-03-01 10:00:00 +0100" that
 * Jekyll and Hugo write. A date without a zone is UTC. NaN when it is none of these.
 */
export function parseFrontMatterDate(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return Number.NaN;
  const normal = value
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*/, '$1T$2')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/\s*(UTC|GMT)$/i, 'Z');
  return parseRfc3339(normal);
}
