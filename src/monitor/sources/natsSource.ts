import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { parseTransferRecord } from './fastTransferParse.js';
import { NatsAckCoalescer } from './natsAckCoalescer.js';
import { connectNats, ensureDurableConsumer } from './natsConnection.js';
import type { RejectedRecord, SourceItem, TransferSource } from './source.js';

export interface NatsSourceOptions {
  /** nats://host:port (or several). */
  servers: string | string[];
  stream: string;
  /** Subject filter of the consumer, e.g. "transfers.>". */
  subject: string;
  /** Durable consumer name: the stream position survives restarts under it; default "argus-monitor". */
  durable?: string;
  /** Where a new durable starts: 'all' (default) from the stream's first message, 'new' from now. */
  deliver?: 'all' | 'new';
  /** How long a delivered message may stay unacknowledged before it is delivered again; default 30 s. */
  ackWaitMs?: number;
  /** Messages delivered but not yet acknowledged, at most; default 10000. */
  maxAckPending?: number;
  /**
   * 'all' (default): acks are gathered into one JetStream AckAll ack per run of finished events, never
   * past an unfinished one; several times faster. 'explicit': one ack per event, as a consumer created
   * by other tools may require. An existing durable keeps its policy: asking for the other one is an error.
   */
  ackPolicy?: 'all' | 'explicit';
  /** Messages asked for per pull; default 1000. */
  batch?: number;
  name?: string;
}

const decoder = new TextDecoder();
const NAK_DELAY_MS = 500;

// term() goes without a reason: servers before 2.10 ignore a "+TERM <reason>" and redeliver.

/**
 * Reads transfers from a NATS JetStream stream through a durable pull consumer, one JSON TransferEvent
 * per message. Delivery is at least once: each item carries an ack that the monitor calls when it is
 * done with the event, and an event not acknowledged within ackWaitMs comes again (the monitor
 * recognises it by its key). A message that is not a valid TransferEvent is reported and terminated,
 * so the server does not deliver it again and again.
 */
export class NatsTransferSource implements TransferSource {
  readonly name: string;
  /** As given, for display and tests. */
  readonly options: NatsSourceOptions;

  constructor(options: NatsSourceOptions) {
    this.options = options;
    this.name = options.name ?? `nats:${options.stream}`;
  }

  async *read(signal: AbortSignal, onReject: (rejected: RejectedRecord) => void): AsyncGenerator<SourceItem> {
    if (signal.aborted) return;
    const o = this.options;
    const durable = o.durable ?? 'argus-monitor';
    const ackAll = (o.ackPolicy ?? 'all') === 'all';
    const acks = ackAll ? new NatsAckCoalescer() : undefined;
    const nc = await connectNats(o.servers);
    let messages: ConsumerMessages | undefined;
    const stop = () => void messages?.stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await ensureDurableConsumer(await jetstreamManager(nc), o.stream, {
        durable_name: durable,
        filter_subject: o.subject,
        ack_policy: ackAll ? AckPolicy.All : AckPolicy.Explicit,
        deliver_policy: o.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
        ack_wait: nanos(o.ackWaitMs ?? 30_000),
        max_ack_pending: o.maxAckPending ?? 10_000,
      });
      const consumer = await jetstream(nc).consumers.get(o.stream, durable);
      messages = await consumer.consume({ max_messages: o.batch ?? 1000 });
      if (signal.aborted) return;
      for await (const m of messages) {
        // Messages already pulled when the abort came go back for the next reader. Not at once: until
        // this connection closes the server would hand them to its pull again, and they would wait out
        // ackWaitMs.
        if (signal.aborted) {
          m.nak(NAK_DELAY_MS);
          continue;
        }
        const delivery = acks?.track(m);
        // A malformed message is reported and settled, so that the server does not deliver it again and
        // again: terminated under explicit acks, covered by the next AckAll ack otherwise.
        const settle = () => (delivery ? acks?.done(delivery) : m.term());
        let raw: unknown;
        try {
          raw = JSON.parse(decoder.decode(m.data));
        } catch (err) {
          onReject({
            source: this.name,
            position: `stream seq ${m.seq}`,
            reason: `not JSON: ${(err as Error).message}`,
          });
          settle();
          continue;
        }
        const parsed = parseTransferRecord(raw);
        if (!parsed.ok) {
          onReject({ source: this.name, position: `stream seq ${m.seq}`, reason: parsed.reason });
          settle();
          continue;
        }
        yield {
          event: parsed.event,
          ack: delivery
            ? () => acks?.done(delivery)
            : () => {
                try {
                  m.ack();
                } catch {
                  // The source was closed first: the event comes again after ackWaitMs, as at-least-once allows.
                }
              },
        };
      }
    } finally {
      signal.removeEventListener('abort', stop);
      messages?.stop();
      acks?.flush();
      // Acks and terms are fire-and-forget publishes: flush them before the connection goes.
      await nc.flush().catch(() => undefined);
      await nc.close();
    }
  }
}

export function natsSource(options: NatsSourceOptions): NatsTransferSource {
  return new NatsTransferSource(options);
}
