import { useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import type { PageProps } from '../pageProps.js';
import { bucketText } from './BurstTable.js';
import type { BurstRow } from './burstRows.js';
import { type Bucket, fetchDocuments, type IntelDocumentSummary } from './intelApi.js';

interface Listing {
  items: IntelDocumentSummary[];
  nextCursor?: string;
}

/** The documents behind one burst: those mentioning its entity, published during its buckets. */
export function BurstDocuments(
  props: PageProps & { row: BurstRow; kind: string; bucket: Bucket; onClose(): void },
) {
  const { api, onUnauthorized, row, kind } = props;
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = (cursor: string | undefined, current: () => boolean) => {
    setLoading(true);
    fetchDocuments(api, {
      entityKind: kind,
      entityValue: row.value,
      since: row.since,
      ...(row.until !== undefined ? { until: row.until } : {}),
      ...(cursor ? { cursor } : {}),
    }).then(
      (page) => {
        if (!current()) return;
        setListing((before) => ({
          items: cursor ? [...(before?.items ?? []), ...page.items] : page.items,
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        }));
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current()) return;
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new burst starts a new listing
  useEffect(() => {
    let live = true;
    setListing(undefined);
    load(undefined, () => live);
    return () => {
      live = false;
    };
  }, [row.key, kind]);

  const range = `${bucketText(row.since, props.bucket)} to ${row.burst.ongoing ? 'now' : bucketText(row.burst.end, props.bucket)}`;
  return (
    <section className="intel-panel" data-testid="intel-documents">
      <header>
        <h3>
          Documents mentioning {kind} <code>{row.value}</code>, {range}
        </h3>
        <button type="button" className="close" aria-label="close the documents" onClick={props.onClose}>
          ×
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {listing && listing.items.length === 0 && <p className="muted">No documents.</p>}
      {listing && listing.items.length > 0 && (
        <ul className="intel-documents">
          {listing.items.map((d) => (
            <li key={d.id} data-testid="intel-document-row">
              {d.url ? (
                <a href={d.url} target="_blank" rel="noopener noreferrer">
                  {d.title}
                </a>
              ) : (
                <span>{d.title}</span>
              )}
              <span className="muted">
                {' '}
                · {new Date(d.publishedAt).toISOString().slice(0, 10)} · {d.source}
              </span>
              <p className="intel-snippet">{d.body.length > 220 ? `${d.body.slice(0, 220)}…` : d.body}</p>
            </li>
          ))}
        </ul>
      )}
      {loading && <p className="muted">loading…</p>}
      {listing?.nextCursor && !loading && (
        <button type="button" onClick={() => load(listing.nextCursor, () => true)}>
          more
        </button>
      )}
    </section>
  );
}
