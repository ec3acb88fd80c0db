import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { type IssueAtPath, ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import { FeedSource } from './feedSource.js';
import type { IntelSourceReader } from './intelSource.js';
import { NVD_MAX_RESULTS_PER_PAGE, NvdSource } from './nvdSource.js';
import { OsvSource } from './osvSource.js';
import type { Sleeper } from './sleeper.js';
import { TextSource } from './textSource.js';

/** What a spec string cannot (or should not) carry. */
export interface CreateIntelSourceOptions {
  /** Relative paths are taken from here; default the current directory. */
  baseDir?: string;
  /** For NVD and feed URLs; default the global fetch (tests inject a fake). */
  fetch?: typeof fetch;
  /** The NVD API key. Not accepted in the spec: specs end up in shell history and config files. */
  nvdApiKey?: string;
  /** Clock and waiting for NVD's rate limit and backoff (tests). */
  sleeper?: Sleeper;
}

export const INTEL_SPEC_FORMS =
  'osv:<file or directory>, nvd: or nvd:?since=<date>&resultsPerPage=<n> (the NVD API), nvd:<file or directory> ' +
  '(saved NVD pages), feed:<http(s) URL or file>, or text:<directory>[?splitSections=true]';

const NvdParams = z.strictObject({
  since: z
    .string()
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && Number.isFinite(Date.parse(s)),
      'expected a date such as 2024-01-01',
    )
    .transform((s) => Date.parse(/T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? `${s}Z` : s))
    .optional(),
  resultsPerPage: z.coerce.number().int().min(1).max(NVD_MAX_RESULTS_PER_PAGE).optional(),
});

const TextParams = z.strictObject({ splitSections: z.stringbool().optional() });

function invalid(spec: string, issues: IssueAtPath[]): ValidationError {
  return new ValidationError(
    'INPUT_INVALID',
    `intel source "${spec}"`,
    issues,
    `write it as ${INTEL_SPEC_FORMS}`,
  );
}

function splitQuery(text: string): [string, URLSearchParams] {
  const q = text.indexOf('?');
  return q < 0 ? [text, new URLSearchParams()] : [text.slice(0, q), new URLSearchParams(text.slice(q + 1))];
}

function parseParams<T extends z.ZodType>(spec: string, schema: T, query: URLSearchParams): z.output<T> {
  const raw = Object.fromEntries(query.entries());
  if ('apiKey' in raw) {
    throw invalid(spec, [
      {
        path: 'apiKey',
        message: 'an API key does not belong in a source spec; pass it as the NVD API key option',
      },
    ]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(spec, describeZodIssues(parsed.error, raw));
  return parsed.data;
}

function pathFrom(spec: string, path: string, what: string, options: CreateIntelSourceOptions): string {
  if (path.trim() === '') throw invalid(spec, [{ path: 'path', message: `no ${what} named` }]);
  return isAbsolute(path) ? path : resolve(options.baseDir ?? process.cwd(), path);
}

/**
 * An intel source from a spec string as a user types it after `argus intel ingest`:
 *   osv:advisories/            OSV JSON files (a record, an all.json array or a query API response each)
 *   nvd:                       the NVD CVE API 2.0 (nvd:?since=2024-01-01 to start there)
 *   nvd:nvdcve-2.0-modified.json.gz   saved NVD pages or feed files, offline
 *   feed:https://example.com/feed.xml, feed:saved.atom   RSS 2.0, RSS 1.0 or Atom
 *   text:notes/?splitSections=true    .txt and .md files, one document per file or Markdown section
 */
export function createIntelSource(spec: string, options: CreateIntelSourceOptions = {}): IntelSourceReader {
  const text = spec.trim();
  if (text === '') throw invalid(spec, [{ path: '', message: 'the source is empty' }]);
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon).toLowerCase() : undefined;
  const rest = colon > 0 ? text.slice(colon + 1) : '';
  const shared = {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleeper ? { sleeper: options.sleeper } : {}),
  };
  switch (kind) {
    case 'osv':
      return new OsvSource({ path: pathFrom(spec, rest, 'OSV file or directory', options) });
    case 'nvd': {
      const [pathPart, query] = splitQuery(rest);
      if (pathPart === '') {
        const params = parseParams(spec, NvdParams, query);
        return new NvdSource({
          ...shared,
          ...(options.nvdApiKey ? { apiKey: options.nvdApiKey } : {}),
          ...(params.since !== undefined ? { since: params.since } : {}),
          ...(params.resultsPerPage !== undefined ? { resultsPerPage: params.resultsPerPage } : {}),
        });
      }
      if ([...query.keys()].length > 0) {
        throw invalid(spec, [
          { path: [...query.keys()].join(', '), message: 'saved NVD pages take no parameters' },
        ]);
      }
      return new NvdSource({ path: pathFrom(spec, pathPart, 'NVD file or directory', options) });
    }
    case 'feed': {
      // A feed URL keeps its own query string: feeds are often selected by one (?tag=security).
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest)?.[1]?.toLowerCase();
      if (scheme !== undefined) {
        if (scheme !== 'http' && scheme !== 'https') {
          throw invalid(spec, [
            { path: 'url', message: `expected an http(s) URL or a file, got ${scheme}:` },
          ]);
        }
        try {
          new URL(rest);
        } catch {
          throw invalid(spec, [{ path: 'url', message: `"${rest}" is not a URL` }]);
        }
        return new FeedSource({ location: rest, ...shared });
      }
      return new FeedSource({ location: pathFrom(spec, rest, 'feed file', options), ...shared });
    }
    case 'text': {
      const [pathPart, query] = splitQuery(rest);
      const params = parseParams(spec, TextParams, query);
      return new TextSource({
        path: pathFrom(spec, pathPart, 'directory', options),
        ...(params.splitSections !== undefined ? { splitSections: params.splitSections } : {}),
      });
    }
    default:
      throw invalid(spec, [
        {
          path: 'kind',
          message: kind === undefined ? 'the spec names no kind of source' : `unknown source kind "${kind}:"`,
        },
      ]);
  }
}
