const STORAGE_KEY = 'argusKey';

/**
 * The API key lives in sessionStorage so it dies with the tab. A `#key=` fragment (printed by
 * `npm start`) logs in directly; it is removed from the address bar at once so it is not bookmarked.
 */
export function takeKeyFromLocation(): void {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('key');
  if (!fromHash) return;
  sessionStorage.setItem(STORAGE_KEY, fromHash);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

export function currentKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
