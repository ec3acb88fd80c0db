import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error the stub answers with, as a JSON-RPC node does. */
export class RpcStubError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

export type RpcHandler = (method: string, params: unknown[]) => unknown;

export interface JsonRpcStub {
  url: string;
  /** How often each method was called. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

interface RpcRequest {
  id: unknown;
  method: string;
  params?: unknown[];
}

/** A JSON-RPC 2.0 server on a free loopback port that answers (single and batched) calls with handler. */
export async function startJsonRpcStub(handler: RpcHandler): Promise<JsonRpcStub> {
  const calls = new Map<string, number>();
  const answer = async (req: RpcRequest) => {
    calls.set(req.method, (calls.get(req.method) ?? 0) + 1);
    try {
      return { jsonrpc: '2.0', id: req.id, result: await handler(req.method, req.params ?? []) };
    } catch (err) {
      const code = err instanceof RpcStubError ? err.code : -32603;
      return { jsonrpc: '2.0', id: req.id, error: { code, message: (err as Error).message } };
    }
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcRequest | RpcRequest[];
      const out = Array.isArray(body) ? await Promise.all(body.map(answer)) : await answer(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
