import type { ReactNode } from 'react';
import { AddressSearch } from './address/AddressSearch.js';
import { navigate, type PageName } from './route.js';

const PAGES: { page: PageName; label: string; path: string }[] = [
  { page: 'feed', label: 'Alerts', path: '/' },
  { page: 'audit', label: 'Audit', path: '/audit' },
  { page: 'intel', label: 'Threat intel', path: '/intel' },
  { page: 'auth', label: 'Logins', path: '/auth' },
  { page: 'models', label: 'Model health', path: '/models' },
];

/** The header every page shares: the page links, a slot for page state (the feed's live marker), sign-out. */
export function TopBar(props: { current: PageName; onLogout(): void; children?: ReactNode }) {
  return (
    <header className="top">
      <h1>Argus</h1>
      <nav>
        {PAGES.map((p) =>
          p.page === props.current ? (
            <span key={p.page} className="current" aria-current="page">
              {p.label}
            </span>
          ) : (
            <a
              key={p.page}
              href={p.path}
              onClick={(e) => {
                e.preventDefault();
                navigate(p.path);
              }}
            >
              {p.label}
            </a>
          ),
        )}
        {props.current === 'address' && (
          <span className="current" aria-current="page">
            Address
          </span>
        )}
      </nav>
      <AddressSearch />
      {props.children}
      <button type="button" className="link" onClick={props.onLogout}>
        Sign out
      </button>
    </header>
  );
}
