import type { Alert, AlertDetail, AlertPage, AlertStatus } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AlertFilter {
  area?: string;
  severity?: string;
  status?: string;
  /** One subject's alerts: an account, address, user, contract or package id. */
  subject?: string;
}

export class ArgusApi {
  constructor(private readonly key: string) {}

  /** A GET on any API path; pages keep their own typed calls beside them and go through this. */
  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const q = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined && value !== '') q.set(name, String(value));
    const qs = q.toString();
    return this.request(qs ? `${path}?${qs}` : path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request(path, { method: 'POST', body: JSON.stringify(body) });
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { ...init, headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string; hint?: string };
      throw new ApiError(res.status, [body.message, body.hint].filter(Boolean).join(': ') || res.statusText);
    }
    return (await res.json()) as T;
  }

  listAlerts(filter: AlertFilter, limit = 200): Promise<AlertPage> {
    const q = new URLSearchParams({ limit: String(limit) });
    for (const [name, value] of Object.entries(filter)) if (value) q.set(name, value);
    return this.request(`/v1/alerts?${q}`);
  }

  alert(id: string): Promise<AlertDetail> {
    return this.request(`/v1/alerts/${encodeURIComponent(id)}`);
  }

  setStatus(id: string, status: AlertStatus): Promise<Alert> {
    return this.request(`/v1/alerts/${encodeURIComponent(id)}/status`, {
      method: 'POST',
      body: JSON.stringify({ status }),
    });
  }

  /** EventSource cannot send headers; the stream route alone accepts the key as ?access_token=. */
  stream(): EventSource {
    return new EventSource(`/v1/alerts/stream?access_token=${encodeURIComponent(this.key)}`);
  }
}
