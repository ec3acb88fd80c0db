import type { PageProps } from '../pageProps.js';

/** Placeholder until this page is built. */
export function AuditPage(_props: PageProps & { reportId: string | undefined }) {
  return (
    <main className="page">
      <h2>Audit reports</h2>
      <p className="muted">not built yet</p>
    </main>
  );
}
