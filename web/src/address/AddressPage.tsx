import type { PageProps } from '../pageProps.js';

/** Placeholder until this page is built. */
export function AddressPage(_props: PageProps & { chain: string; address: string }) {
  return (
    <main className="page">
      <h2>Address</h2>
      <p className="muted">not built yet</p>
    </main>
  );
}
