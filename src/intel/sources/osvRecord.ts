import { z } from 'zod';
import { describeZodIssues } from '../../core/zodIssues.js';
import type { IntelDocumentDraft } from './intelSource.js';

/** RFC 3339 as OSV writes it ("2023-06-21T17:52:21Z", optionally with fractions or an offset). */
const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
    'expected an RFC 3339 time such as 2023-06-21T17:52:21Z',
  )
  .refine((s) => Number.isFinite(Date.parse(s)), 'is not a real date');

/** Each event holds exactly one of these keys (OSV schema, affected[].ranges[].events[]). */
const event = z
  .looseObject({
    introduced: z.string().min(1).optional(),
    fixed: z.string().min(1).optional(),
    last_affected: z.string().min(1).optional(),
    limit: z.string().min(1).optional(),
  })
  .refine(
    (e) => ['introduced', 'fixed', 'last_affected', 'limit'].filter((k) => k in e).length === 1,
    'an event holds exactly one of introduced, fixed, last_affected, limit',
  );

const range = z
  .looseObject({
    type: z.enum(['GIT', 'SEMVER', 'ECOSYSTEM']),
    repo: z.string().optional(),
    events: z.array(event).min(1),
  })
  .refine((r) => r.type !== 'GIT' || (r.repo !== undefined && r.repo !== ''), {
    message: 'a GIT range needs its repo',
    path: ['repo'],
  })
  .refine((r) => r.events.some((e) => e.introduced !== undefined), {
    message: 'a range needs at least one introduced event',
    path: ['events'],
  })
  .refine((r) => !(r.events.some((e) => e.fixed) && r.events.some((e) => e.last_affected)), {
    message: 'a range holds fixed or last_affected events, not both',
    path: ['events'],
  });

const severity = z.looseObject({ type: z.string().min(1), score: z.string().min(1) });

const affected = z.looseObject({
  package: z
    .looseObject({ ecosystem: z.string().min(1), name: z.string().min(1), purl: z.string().optional() })
    .optional(),
  severity: z.array(severity).optional(),
  ranges: z.array(range).optional(),
  versions: z.array(z.string()).optional(),
});

/**
 * The OSV schema (https://ossf.github.io/osv-schema/) as far as Argus reads it. Unknown keys are kept, so a
 * newer schema version does not make records fail; what is declared is checked, because inventory matching
 * trusts affected[].ranges and versions.
 */
export const OsvRecord = z.looseObject({
  schema_version: z.string().optional(),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'expected an id such as GHSA-xxxx-xxxx-xxxx'),
  modified: timestamp,
  published: timestamp.optional(),
  withdrawn: timestamp.optional(),
  aliases: z.array(z.string()).optional(),
  related: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).optional(),
  affected: z.array(affected).optional(),
  references: z.array(z.looseObject({ type: z.string(), url: z.string() })).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});
export type OsvRecord = z.infer<typeof OsvRecord>;

export type OsvParse = { ok: true; record: OsvRecord; modified: number } | { ok: false; reason: string };

/** Checks one record; the reason names the first problems by key path. */
export function parseOsvRecord(input: unknown): OsvParse {
  const parsed = OsvRecord.safeParse(input);
  if (!parsed.success) {
    const id =
      input && typeof input === 'object' && typeof (input as { id?: unknown }).id === 'string'
        ? `${(input as { id: string }).id}: `
        : '';
    const issues = describeZodIssues(parsed.error, input)
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`);
    return { ok: false, reason: `${id}${issues.join('; ')}` };
  }
  return { ok: true, record: parsed.data, modified: Date.parse(parsed.data.modified) };
}

function advisoryUrl(record: OsvRecord): string {
  const advisory = record.references?.find((r) => r.type === 'ADVISORY')?.url;
  return advisory ?? `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`;
}

/** The document for a checked record; the whole record stays in raw for inventory matching. */
export function osvDocument(record: OsvRecord, origin: string): IntelDocumentDraft {
  const modifiedAt = Date.parse(record.modified);
  const summary = record.summary?.trim();
  return {
    id: `osv:${record.id}`,
    source: 'osv',
    origin,
    kind: 'advisory',
    title: summary ? summary : record.id,
    body: record.details?.trim() ?? summary ?? '',
    url: advisoryUrl(record),
    publishedAt: record.published ? Date.parse(record.published) : modifiedAt,
    modifiedAt,
    raw: JSON.stringify(record),
  };
}
