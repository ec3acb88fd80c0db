import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.js';

export interface ApiData<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads one API answer for a page and reloads it when `deps` change. A refused key goes to
 * `onUnauthorized` (back to the login page); other errors are shown by the page. An answer that
 * arrives after the deps changed again is dropped.
 */
export function useApiData<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  onUnauthorized: () => void,
): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload
  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);

  return { data, error, loading, reload };
}
