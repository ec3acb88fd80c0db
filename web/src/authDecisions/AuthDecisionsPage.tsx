import type { PageProps } from '../pageProps.js';

/** Placeholder until this page is built. */
export function AuthDecisionsPage(_props: PageProps) {
  return (
    <main className="page">
      <h2>Login decisions</h2>
      <p className="muted">not built yet</p>
    </main>
  );
}
