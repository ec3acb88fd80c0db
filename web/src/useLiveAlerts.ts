import { useCallback, useEffect, useState } from 'react';
import { type AlertFilter, ApiError, type ArgusApi } from './api.js';
import type { Alert } from './types.js';

export type LiveState = 'loading' | 'live' | 'reconnecting';

function matches(alert: Alert, filter: AlertFilter): boolean {
  return (
    (!filter.area || alert.area === filter.area) &&
    (!filter.severity || alert.severity === filter.severity) &&
    (!filter.status || alert.status === filter.status) &&
    (!filter.subject || alert.subject.id === filter.subject)
  );
}

/** Newest first by last sighting, as the list endpoint returns them. */
function upsert(list: Alert[], alert: Alert, filter: AlertFilter): Alert[] {
  const rest = list.filter((a) => a.id !== alert.id);
  if (!matches(alert, filter)) return rest;
  return [alert, ...rest].sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}

/**
 * The filtered alert list, loaded once per filter and kept current from the SSE stream. Events that
 * arrive while the list loads are applied after it, so nothing is lost between the two.
 */
export function useLiveAlerts(api: ArgusApi, filter: AlertFilter, onUnauthorized: () => void) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [total, setTotal] = useState(0);
  const [state, setState] = useState<LiveState>('loading');
  const [error, setError] = useState<string>();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const { area, severity, status, subject } = filter;

  useEffect(() => {
    const current: AlertFilter = { area, severity, status, subject };
    let closed = false;
    let loaded = false;
    const pending: Alert[] = [];
    const apply = (alert: Alert) => {
      setAlerts((list) => upsert(list, alert, current));
      setFresh((s) => new Set(s).add(alert.id));
      setTimeout(() => {
        setFresh((s) => {
          const next = new Set(s);
          next.delete(alert.id);
          return next;
        });
      }, 2000);
    };
    const es = api.stream();
    const onAlert = (e: MessageEvent<string>) => {
      const alert = JSON.parse(e.data) as Alert;
      if (loaded) apply(alert);
      else pending.push(alert);
    };
    es.addEventListener('alert-created', onAlert);
    es.addEventListener('alert-updated', onAlert);
    es.onopen = () => setState('live');
    es.onerror = () => setState('reconnecting');
    setState('loading');
    api
      .listAlerts(current)
      .then((page) => {
        if (closed) return;
        setAlerts(page.items);
        setTotal(page.total);
        setError(undefined);
        loaded = true;
        for (const alert of pending) apply(alert);
        if (es.readyState === EventSource.OPEN) setState('live');
      })
      .catch((e: unknown) => {
        if (closed) return;
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        else setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      closed = true;
      es.close();
    };
  }, [api, area, severity, status, subject, onUnauthorized]);

  const replace = useCallback(
    (alert: Alert) => setAlerts((list) => upsert(list, alert, { area, severity, status })),
    [area, severity, status],
  );
  return { alerts, total, state, error, fresh, replace };
}
