import type { IntelDocument } from '../../store/types.js';
import type { EntityExtractor } from '../nlp/entities.js';
import type { IntelDocumentDraft } from '../sources/intelSource.js';

export type AnnotateResult = { ok: true; document: IntelDocument } | { ok: false; reason: string };

type Entity = IntelDocument['entities'][number];

/** What an OSV record says of itself that its text often does not: its ids and the packages it affects. */
interface OsvIdentity {
  id?: unknown;
  aliases?: unknown;
  affected?: { package?: { name?: unknown; ecosystem?: unknown } }[];
}

function osvEntities(raw: string, extractor: EntityExtractor): Entity[] {
  let record: OsvIdentity;
  try {
    record = JSON.parse(raw) as OsvIdentity;
  } catch {
    return [];
  }
  const out: Entity[] = [];
  const ids = [record.id, ...(Array.isArray(record.aliases) ? record.aliases : [])];
  // The extractor normalises the ids it knows (CVE, GHSA); ids of other databases (RUSTSEC) are skipped.
  for (const id of ids) if (typeof id === 'string') out.push(...extractor.entities(id));
  for (const affected of Array.isArray(record.affected) ? record.affected : []) {
    const name = affected?.package?.name;
    if (typeof name !== 'string' || name.trim() === '') continue;
    // npm names are lower-case by the registry's rule, as the extractor stores package specs.
    out.push({
      kind: 'package',
      value: affected.package?.ecosystem === 'npm' ? name.trim().toLowerCase() : name.trim(),
    });
  }
  return out;
}

function problem(draft: IntelDocumentDraft): string | undefined {
  if (typeof draft.id !== 'string' || draft.id.trim() === '') return 'the document has no id';
  for (const key of ['publishedAt', 'modifiedAt'] as const) {
    if (!Number.isSafeInteger(draft[key])) return `${key} is not a time (${String(draft[key])})`;
  }
  if (typeof draft.title !== 'string' || typeof draft.body !== 'string') return 'title or body is not text';
  return undefined;
}

/**
 * Turns a source's draft into a stored document: the entities the extractor finds in title and body
 * (values normalised by the extractor), plus, for OSV advisories, the record's own ids and affected
 * packages, since an advisory's text seldom repeats its id or aliases. A draft the store would refuse
 * (no id, a time that is not whole milliseconds) is returned as a reason, so one bad record does not
 * fail the batch around it.
 */
export function createDocumentAnnotator(
  extractor: EntityExtractor,
): (draft: IntelDocumentDraft) => AnnotateResult {
  return (draft) => {
    const reason = problem(draft);
    if (reason !== undefined) return { ok: false, reason };
    const entities: Entity[] = extractor.entities(`${draft.title}\n${draft.body}`);
    if (draft.source === 'osv') entities.push(...osvEntities(draft.raw, extractor));
    const seen = new Set<string>();
    const unique = entities.filter((e) => {
      const key = `${e.kind}\u0000${e.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { ok: true, document: { ...draft, entities: unique } };
  };
}
