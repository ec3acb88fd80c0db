import { ArgusError } from '../../core/errors.js';
import { RollingWindowLimiter } from './rollingWindowLimiter.js';
import { type Sleeper, systemSleeper } from './sleeper.js';

export const NVD_CVE_API = 'https://services.nvd.nist.gov/rest/json/cves/2.0';

/** The published limits: requests per rolling 30 s without and with an API key. */
export const NVD_LIMIT_WITHOUT_KEY = 5;
export const NVD_LIMIT_WITH_KEY = 50;
/**
 * The window the limiter enforces: 30 s plus a guard, because NVD counts requests when they arrive and
 * network delay can bring two of ours closer together than we sent them.
 */
export const NVD_WINDOW_MS = 31_000;

/** Statuses NVD answers when it is throttling (403, 429) or overloaded (502-504): worth waiting and retrying. */
const RETRYABLE = new Set([403, 429, 502, 503, 504]);

export interface NvdClientOptions {
  /** Injected so tests serve fixture pages; default the global fetch. */
  fetch?: typeof fetch;
  /** Raises the limit from 5 to 50 requests per 30 s; sent as the apiKey header, never in the URL. */
  apiKey?: string;
  baseUrl?: string;
  sleeper?: Sleeper;
  /** Retries of one page after a throttled, overloaded or failed request; default 5. */
  maxRetries?: number;
  /** First backoff, doubled per retry up to maxBackoffMs; default 6 s (NVD's advice between requests). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per request; default 60 s (large pages are slow to build). */
  timeoutMs?: number;
}

/** The wait a Retry-After header asks for (seconds or an HTTP date), if any. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * Gets pages of the CVE API 2.0 under its rate limit, retrying with exponential backoff when NVD throttles
 * or fails. Every attempt, retries included, takes a slot of the limiter.
 */
export class NvdClient {
  readonly baseUrl: string;
  readonly limiter: RollingWindowLimiter;
  private readonly fetch: typeof fetch;
  private readonly sleeper: Sleeper;

  constructor(private readonly options: NvdClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? NVD_CVE_API;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleeper = options.sleeper ?? systemSleeper;
    const limit = options.apiKey ? NVD_LIMIT_WITH_KEY : NVD_LIMIT_WITHOUT_KEY;
    this.limiter = new RollingWindowLimiter(limit, NVD_WINDOW_MS, this.sleeper);
  }

  /** The parsed JSON body of one page; undefined when the signal aborted. */
  async getPage(params: Record<string, string | number>, signal: AbortSignal): Promise<unknown | undefined> {
    const url = new URL(this.baseUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
    const maxRetries = this.options.maxRetries ?? 5;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey) headers.apiKey = this.options.apiKey;
    let lastProblem = '';
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (!(await this.limiter.acquire(signal))) return undefined;
      let wait: number | undefined;
      try {
        const response = await this.fetch(url, {
          headers,
          signal: AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs ?? 60_000)]),
        });
        if (response.ok) {
          const text = await response.text();
          try {
            return JSON.parse(text);
          } catch {
            // A body cut off mid-way happens under load; it is worth another try.
            lastProblem = `a body that is not JSON (${text.length} bytes)`;
          }
        } else {
          // NVD explains a refused request in a "message" header rather than in the body.
          const message = response.headers.get('message');
          lastProblem = `HTTP ${response.status}${message ? `: ${message}` : ''}`;
          if (!RETRYABLE.has(response.status)) {
            throw new ArgusError(
              'ACTION_FAILED',
              `NVD refused ${url.pathname}?${url.searchParams}: ${lastProblem}`,
              {
                input: url.toString(),
                hint:
                  response.status === 404 || response.status === 400
                    ? 'check the parameters (date windows of at most 120 days, both ends given) and the API key'
                    : 'try again later',
              },
            );
          }
          wait = retryAfterMs(response.headers.get('retry-after'), this.sleeper.now());
        }
      } catch (err) {
        if (err instanceof ArgusError) throw err;
        if (signal.aborted) return undefined;
        lastProblem = (err as Error).message;
      }
      if (attempt === maxRetries) break;
      const backoff = Math.min(
        (this.options.backoffMs ?? 6_000) * 2 ** attempt,
        this.options.maxBackoffMs ?? 120_000,
      );
      if (!(await this.sleeper.sleep(Math.max(backoff, wait ?? 0), signal))) return undefined;
    }
    throw new ArgusError(
      'ACTION_FAILED',
      `NVD did not answer after ${maxRetries + 1} attempts: ${lastProblem}`,
      {
        input: url.toString(),
        hint: this.options.apiKey
          ? 'NVD may be down; try again later'
          : 'NVD may be throttling: request an API key (https://nvd.nist.gov/developers/request-an-api-key) or try later',
      },
    );
  }
}
