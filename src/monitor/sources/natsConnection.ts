import {
  type ConsumerConfig,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ArgusError, ConflictError } from '../../core/errors.js';

/** Connects, turning "nothing listens there" into an error that names the server and says what to do. */
export async function connectNats(servers: string | string[], timeoutMs = 5_000): Promise<NatsConnection> {
  try {
    return await connect({ servers, timeout: timeoutMs, name: 'argus' });
  } catch (err) {
    throw new ArgusError(
      'CONFIG_INVALID',
      `cannot connect to NATS at ${[servers].flat().join(', ')}: ${(err as Error).message}`,
      { hint: 'start nats-server with JetStream (-js) or fix the URL', cause: err },
    );
  }
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/** Creates the stream over `subjects` when it does not exist; an existing stream is left as it is. */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: string,
  subjects: string[],
): Promise<boolean> {
  try {
    await jsm.streams.info(stream);
    return false;
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
  }
  await jsm.streams.add({ name: stream, subjects });
  return true;
}

/**
 * Makes sure the durable pull consumer exists on the stream: created when missing, reused as it is when
 * present (so an operator's tuning survives a restart). One whose filter subject or ack policy differs
 * is refused rather than changed: the ack policy cannot be changed, and what a changed filter does to
 * messages already passed over depends on the server version.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string; filter_subject: string },
): Promise<void> {
  try {
    const info = await jsm.consumers.info(stream, config.durable_name);
    const fix = `use another durable name, or delete the consumer (nats consumer rm ${stream} ${config.durable_name})`;
    if (info.config.filter_subject !== config.filter_subject) {
      throw new ConflictError(
        `durable consumer ${config.durable_name} on stream ${stream} reads "${info.config.filter_subject ?? ''}", not "${config.filter_subject}"`,
        fix,
      );
    }
    if (config.ack_policy !== undefined && info.config.ack_policy !== config.ack_policy) {
      throw new ConflictError(
        `durable consumer ${config.durable_name} on stream ${stream} has ack policy ${info.config.ack_policy}, not ${config.ack_policy}`,
        `pass the matching ackPolicy, or ${fix}`,
      );
    }
    return;
  } catch (err) {
    if (isApiError(err, JetStreamApiCodes.StreamNotFound)) {
      throw new ArgusError('NOT_FOUND', `NATS stream ${stream} does not exist`, {
        input: stream,
        hint: `create it (nats stream add ${stream} --subjects '${config.filter_subject}') or publish to it with publishTransfers`,
        cause: err,
      });
    }
    if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
  }
  await jsm.consumers.add(stream, config);
}
