import { useEffect, useState } from 'react';

/** Client routes; each has a server route that answers a reload with the app (src/server/staticWeb.ts). */
export type Route =
  | { page: 'feed'; alertId?: string }
  | { page: 'address'; chain: string; address: string }
  | { page: 'audit'; reportId?: string }
  | { page: 'intel' }
  | { page: 'auth' }
  | { page: 'models' };

export type PageName = Route['page'];

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'alerts' && second && parts.length === 2) return { page: 'feed', alertId: second };
  if (first === 'addresses' && second && third && parts.length === 3) {
    return { page: 'address', chain: second, address: third };
  }
  if (first === 'audit' && parts.length <= 2)
    return second ? { page: 'audit', reportId: second } : { page: 'audit' };
  if (first === 'intel' && parts.length === 1) return { page: 'intel' };
  if (first === 'auth' && parts.length === 1) return { page: 'auth' };
  if (first === 'models' && parts.length === 1) return { page: 'models' };
  return { page: 'feed' };
}

export function addressPath(chain: string, address: string): string {
  return `/addresses/${encodeURIComponent(chain)}/${encodeURIComponent(address)}`;
}

export function navigate(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
