import type { ArgusApi } from './api.js';

/** What every page gets from the app: the API with the user's key, and what to do when the key is refused. */
export interface PageProps {
  api: ArgusApi;
  onUnauthorized(): void;
}
