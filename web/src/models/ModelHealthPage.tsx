import type { PageProps } from '../pageProps.js';

/** Placeholder until this page is built. */
export function ModelHealthPage(_props: PageProps) {
  return (
    <main className="page">
      <h2>Model health</h2>
      <p className="muted">not built yet</p>
    </main>
  );
}
