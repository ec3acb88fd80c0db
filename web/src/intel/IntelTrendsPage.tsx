import type { PageProps } from '../pageProps.js';

/** Placeholder until this page is built. */
export function IntelTrendsPage(_props: PageProps) {
  return (
    <main className="page">
      <h2>Threat-intel trends</h2>
      <p className="muted">not built yet</p>
    </main>
  );
}
