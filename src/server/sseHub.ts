import type { ServerResponse } from 'node:http';
import type { AlertPipeline, PipelineEvent } from '../respond/types.js';

interface Buffered {
  id: number;
  event: PipelineEvent;
  frame: string;
}

export interface SseClient {
  res: ServerResponse;
  accepts(event: PipelineEvent): boolean;
}

/**
 * Relays pipeline events to server-sent-event clients. Recent frames are kept in a ring so a
 * client that reconnects with Last-Event-ID misses nothing that happened while it was away.
 */
export class SseHub {
  private readonly ring: Buffered[] = [];
  private readonly clients = new Set<SseClient>();
  private nextId = 1;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    pipeline: AlertPipeline,
    private readonly capacity = 1_000,
    heartbeatMs = 15_000,
  ) {
    this.unsubscribe = pipeline.subscribe((event) => this.publish(event));
    // Comments keep proxies from closing an idle stream.
    this.heartbeat = setInterval(() => this.broadcastRaw(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  private publish(event: PipelineEvent): void {
    const id = this.nextId++;
    const payload = event.type === 'action-updated' ? event.action : event.alert;
    const frame = `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(payload)}\n\n`;
    this.ring.push({ id, event, frame });
    if (this.ring.length > this.capacity) this.ring.shift();
    for (const client of this.clients) {
      if (client.accepts(event)) client.res.write(frame);
    }
  }

  private broadcastRaw(text: string): void {
    for (const client of this.clients) client.res.write(text);
  }

  /** Attaches a client, first replaying what it missed after `lastEventId`. */
  attach(client: SseClient, lastEventId: number | undefined): () => void {
    client.res.write('retry: 2000\n\n');
    if (lastEventId !== undefined) {
      for (const b of this.ring) {
        if (b.id > lastEventId && client.accepts(b.event)) client.res.write(b.frame);
      }
    }
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of this.clients) client.res.end();
    this.clients.clear();
  }
}
