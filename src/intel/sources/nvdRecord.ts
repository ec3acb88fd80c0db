import { z } from 'zod';
import { describeZodIssues } from '../../core/zodIssues.js';
import type { IntelDocumentDraft } from './intelSource.js';

/**
 * NVD writes times without a zone ("2021-12-10T10:15:09.143"); they are UTC. A zone, when present, is
 * honoured.
 */
export function parseNvdTime(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i.test(text)) return Number.NaN;
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(text) ? text : `${text}Z`);
}

/** The form the API wants for lastModStartDate/lastModEndDate: ISO 8601 with milliseconds and an offset. */
export function formatNvdTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

const nvdTime = z
  .string()
  .refine(
    (s) => Number.isFinite(parseNvdTime(s)),
    'expected an ISO 8601 time such as 2021-12-10T10:15:09.143',
  );

const langString = z.looseObject({ lang: z.string(), value: z.string() });

const cvssV3 = z.looseObject({
  source: z.string(),
  type: z.enum(['Primary', 'Secondary']),
  cvssData: z.looseObject({
    version: z.enum(['3.0', '3.1']),
    vectorString: z
      .string()
      .regex(/^CVSS:3\.[01]\/((AV|AC|PR|UI|S|C|I|A):[A-Z]\/)*(AV|AC|PR|UI|S|C|I|A):[A-Z]$/),
    baseScore: z.number().min(0).max(10),
    baseSeverity: z.enum(['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  }),
  exploitabilityScore: z.number().optional(),
  impactScore: z.number().optional(),
});

const otherCvss = z.looseObject({ source: z.string(), type: z.string(), cvssData: z.looseObject({}) });

/** One entry of "vulnerabilities" in the CVE API 2.0 schema (cve_api_json_2.0), as far as Argus reads it. */
export const NvdVulnerability = z.looseObject({
  cve: z.looseObject({
    id: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'expected an id such as CVE-2021-44228'),
    sourceIdentifier: z.string().optional(),
    vulnStatus: z.string().optional(),
    published: nvdTime,
    lastModified: nvdTime,
    descriptions: z.array(langString).min(1),
    references: z.array(
      z.looseObject({ url: z.string(), source: z.string().optional(), tags: z.array(z.string()).optional() }),
    ),
    metrics: z
      .looseObject({
        cvssMetricV40: z.array(otherCvss).optional(),
        cvssMetricV31: z.array(cvssV3).optional(),
        cvssMetricV30: z.array(cvssV3).optional(),
        cvssMetricV2: z.array(otherCvss).optional(),
      })
      .optional(),
    weaknesses: z
      .array(z.looseObject({ source: z.string(), type: z.string(), description: z.array(langString) }))
      .optional(),
    configurations: z.array(z.unknown()).optional(),
  }),
});
export type NvdCve = z.infer<typeof NvdVulnerability>['cve'];

/** The paging envelope of a CVE API 2.0 response (and of the NVD 2.0 JSON feed files, which share it). */
export const NvdPage = z.looseObject({
  resultsPerPage: z.number().int().nonnegative(),
  startIndex: z.number().int().nonnegative(),
  totalResults: z.number().int().nonnegative(),
  vulnerabilities: z.array(z.unknown()),
});
export type NvdPage = z.infer<typeof NvdPage>;

export type NvdParse = { ok: true; cve: NvdCve; lastModified: number } | { ok: false; reason: string };

export function parseNvdVulnerability(input: unknown): NvdParse {
  const parsed = NvdVulnerability.safeParse(input);
  if (!parsed.success) {
    const id = (input as { cve?: { id?: unknown } } | null)?.cve?.id;
    const issues = describeZodIssues(parsed.error, input)
      .slice(0, 3)
      .map((i) => `${i.path || '(root)'} ${i.message}`);
    return { ok: false, reason: `${typeof id === 'string' ? `${id}: ` : ''}${issues.join('; ')}` };
  }
  return { ok: true, cve: parsed.data.cve, lastModified: parseNvdTime(parsed.data.cve.lastModified) };
}

/** The first sentence (or words up to max characters) of a description, for a title. */
function headline(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The document for a checked CVE: its English description as body; the CVE object (metrics, CPEs) in raw. */
export function nvdDocument(cve: NvdCve, origin: string): IntelDocumentDraft {
  const description =
    (cve.descriptions.find((d) => d.lang === 'en') ?? cve.descriptions[0])?.value.trim() ?? '';
  return {
    id: `nvd:${cve.id}`,
    source: 'nvd',
    origin,
    kind: 'advisory',
    title: description ? `${cve.id}: ${headline(description, 120)}` : cve.id,
    body: description,
    url: `https://nvd.nist.gov/vuln/detail/${cve.id}`,
    publishedAt: parseNvdTime(cve.published),
    modifiedAt: parseNvdTime(cve.lastModified),
    raw: JSON.stringify(cve),
  };
}
