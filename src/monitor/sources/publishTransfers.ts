import { jetstream, jetstreamManager, type PubAck } from '@nats-io/jetstream';
import { ValidationError } from '../../core/errors.js';
import { parseTransferEvent, type TransferEventInput } from '../../core/transferEvent.js';
import { connectNats, ensureStream } from './natsConnection.js';

export interface PublishTransfersOptions {
  /** Subjects of the stream if it has to be created; default [subject]. */
  streamSubjects?: string[];
  /** Publishes in flight before waiting for the server's acks; default 256. */
  window?: number;
}

export interface PublishResult {
  published: number;
  /** Events the stream already held (same key within its duplicate window), stored once. */
  duplicates: number;
}

/**
 * Publishes transfers to a JetStream subject as JSON, one message each, creating the stream when it is
 * missing: for tests and for feeding `argus monitor` in demos. Each event is validated first and sent
 * with its key as message id, so publishing the same events twice within the stream's duplicate window
 * stores them once.
 */
export async function publishTransfers(
  url: string,
  stream: string,
  subject: string,
  events: Iterable<TransferEventInput> | AsyncIterable<TransferEventInput>,
  options: PublishTransfersOptions = {},
): Promise<PublishResult> {
  const nc = await connectNats(url);
  try {
    await ensureStream(await jetstreamManager(nc), stream, options.streamSubjects ?? [subject]);
    const js = jetstream(nc);
    const window = options.window ?? 256;
    let inFlight: Promise<PubAck>[] = [];
    const result: PublishResult = { published: 0, duplicates: 0 };
    const settle = async () => {
      for (const ack of await Promise.all(inFlight)) {
        if (ack.duplicate) result.duplicates++;
        else result.published++;
      }
      inFlight = [];
    };
    let index = 0;
    for await (const input of events) {
      const parsed = parseTransferEvent(input);
      if (!parsed.ok) {
        throw new ValidationError('INPUT_INVALID', `transfer #${index} to publish`, [
          { path: `[${index}]`, message: parsed.reason },
        ]);
      }
      inFlight.push(js.publish(subject, JSON.stringify(parsed.event), { msgID: parsed.event.key }));
      index++;
      if (inFlight.length >= window) await settle();
    }
    await settle();
    return result;
  } finally {
    await nc.close();
  }
}
