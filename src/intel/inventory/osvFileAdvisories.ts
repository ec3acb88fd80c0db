import type { IntelRejectedRecord } from '../sources/intelSource.js';
import { OsvSource } from '../sources/osvSource.js';

/** An advisory as checkProject needs it: the OSV record as JSON text and where to read more. */
export interface AdvisoryText {
  id: string;
  raw: string;
  url?: string;
}

/**
 * OSV advisories straight from a file or directory (one record, an array, or a query API
 * response; .json or .json.gz), read by the same OsvSource that ingests them into the store but
 * without a cursor, so everything is read every time. Malformed records land in `rejected`.
 */
export function osvFileAdvisories(path: string): {
  documents: AsyncIterable<AdvisoryText>;
  rejected: IntelRejectedRecord[];
} {
  const rejected: IntelRejectedRecord[] = [];
  const source = new OsvSource({ path });
  async function* documents(): AsyncGenerator<AdvisoryText> {
    for await (const item of source.read(undefined, new AbortController().signal)) {
      if ('document' in item) yield item.document;
      else if ('rejected' in item) rejected.push(item.rejected);
    }
  }
  return { documents: documents(), rejected };
}
