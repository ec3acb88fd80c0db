import { BaseError, HttpRequestError, SocketClosedError, TimeoutError, WebSocketRequestError } from 'viem';

/**
 * Whether an RPC failure says nothing about the call itself (the node was unreachable or slow), so the
 * answer must not be cached and the block must be tried again, as opposed to the node answering with an
 * error (a revert, a missing method), which is the answer.
 */
export function isTransportFailure(err: unknown): boolean {
  if (!(err instanceof BaseError)) return !(err instanceof Error) || err.name !== 'AbortError';
  const found = err.walk(
    (e) =>
      e instanceof HttpRequestError ||
      e instanceof TimeoutError ||
      e instanceof WebSocketRequestError ||
      e instanceof SocketClosedError,
  );
  return found !== null && found !== undefined;
}
