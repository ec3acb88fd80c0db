import type { ActionRecord } from '../../core/action.js';
import { type ActionContext, PermanentActionError } from './executor.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhookSignature.js';

export type WebhookEventType = 'argus.alert' | 'argus.cold-storage-sweep';

/** Request timeout, throttling, "too early" and server errors may pass; other 4xx will not. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function networkFailure(cause: unknown, timeoutMs: number): string {
  if (cause instanceof Error && cause.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const inner =
    cause instanceof Error ? (cause.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  return inner ? `${message} (${inner.code ?? inner.message})` : message;
}

/**
 * POSTs a signed event to a configured endpoint. The body is `{ id, type, ...data, rule, action, sentAt }`
 * where `id` is the action's idempotency key, also sent as the `idempotency-key` header so a receiver
 * can drop retried deliveries. Messages name the endpoint, never its URL, which may carry a token.
 */
export async function deliverWebhook(
  ctx: ActionContext,
  endpointName: string,
  type: WebhookEventType,
  action: ActionRecord,
  data: Record<string, unknown>,
): Promise<{ endpoint: string; status: number }> {
  const endpoint = Object.hasOwn(ctx.respond.webhooks, endpointName)
    ? ctx.respond.webhooks[endpointName]
    : undefined;
  if (endpoint === undefined) {
    throw new PermanentActionError(`no webhook endpoint "${endpointName}" in respond.webhooks`);
  }
  const sentAt = ctx.clock.now();
  const body = JSON.stringify({
    id: action.idempotencyKey,
    type,
    ...data,
    rule: action.rule,
    action: action.id,
    sentAt,
  });
  const timestampSec = Math.floor(sentAt / 1000);
  let response: Response;
  try {
    response = await ctx.fetch(endpoint.url, {
      method: 'POST',
      body,
      // A redirect would carry a signed instruction to a URL nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(endpoint.timeoutMs),
      headers: {
        ...endpoint.headers,
        'content-type': 'application/json',
        [IDEMPOTENCY_HEADER]: action.idempotencyKey,
        [TIMESTAMP_HEADER]: String(timestampSec),
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestampSec, body),
      },
    });
  } catch (cause) {
    throw new Error(`webhook ${endpointName}: ${networkFailure(cause, endpoint.timeoutMs)}`, { cause });
  }
  if (response.ok) {
    // Nothing in a 2xx body matters; cancelling it frees the connection at once.
    await response.body?.cancel();
    return { endpoint: endpointName, status: response.status };
  }
  const excerpt = (await response.text().catch(() => '')).slice(0, 200);
  const message = `webhook ${endpointName} answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`;
  if (isRetryableStatus(response.status)) throw new Error(message);
  const hint = response.status < 400 ? ' (redirects are not followed: configure the final URL)' : '';
  throw new PermanentActionError(message + hint);
}
