import { useEffect, useState } from 'react';

/** Client routes: `/` is the feed, `/alerts/:id` the feed with that alert's detail open. */
export type Route = { page: 'feed'; alertId?: string };

export function parseRoute(pathname: string): Route {
  const match = /^\/alerts\/([^/]+)$/.exec(pathname);
  return match?.[1] ? { page: 'feed', alertId: decodeURIComponent(match[1]) } : { page: 'feed' };
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
