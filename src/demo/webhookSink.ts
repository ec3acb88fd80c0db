import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../respond/actions/webhookSignature.js';

export interface SinkDelivery {
  at: number;
  path: string;
  signatureValid: boolean;
  idempotencyKey: string | undefined;
  body: unknown;
}

/**
 * Stands in for the operator's on-call and custody systems in the demo: a loopback receiver
 * that checks each webhook's signature the way a real receiver should.
 */
export async function startWebhookSink(
  secret: string,
  onDelivery: (delivery: SinkDelivery) => void,
): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as IncomingHttpHeaders;
      const signatureValid = verifyWebhookSignature(secret, headers, raw, { toleranceSec: 300 });
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const key = headers['idempotency-key'];
      onDelivery({
        at: Date.now(),
        path: req.url ?? '/',
        signatureValid,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        body,
      });
      res.writeHead(signatureValid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
