import type { IntelDocument, IntelDocumentRepository } from '../../store/types.js';
import { createEntityExtractor } from '../nlp/entities.js';

/** Kinds a query can name exactly, and that the store keeps as entities even where the text lacks them. */
const ID_KINDS = new Set(['cve', 'ghsa', 'swc', 'address']);

const ids = createEntityExtractor({ gazetteer: [], techniques: [] });

/**
 * Full-text search, plus: a query made only of ids (CVE, GHSA, SWC, addresses) also finds the documents
 * that carry them as entities. An OSV advisory is named by its aliases (CVE-2022-25883 for
 * GHSA-c2qf-rxjj-qqgw) but seldom repeats them in its text, so full-text search alone would miss it.
 * Id matches come first, newest first; then the full-text matches, best first.
 */
export async function searchDocuments(
  documents: IntelDocumentRepository,
  query: string,
  limit = 20,
): Promise<IntelDocument[]> {
  const chunks = query.split(/\s+/u).filter(Boolean);
  const found = ids.entities(query).filter((e) => ID_KINDS.has(e.kind));
  const onlyIds =
    chunks.length > 0 &&
    found.length > 0 &&
    chunks.every((c) => ids.entities(c).some((e) => ID_KINDS.has(e.kind)));
  const out = new Map<string, IntelDocument>();
  if (onlyIds) {
    for (const entity of found) {
      const page = await documents.list({ entity, limit });
      for (const d of page.items) out.set(d.id, d);
    }
  }
  for (const d of await documents.search(query, limit)) if (!out.has(d.id)) out.set(d.id, d);
  return [...out.values()].slice(0, limit);
}
