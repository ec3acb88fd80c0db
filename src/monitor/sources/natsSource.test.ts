import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArgusError, ConflictError } from '../../core/errors.js';
import type { TransferEvent, TransferEventInput } from '../../core/transferEvent.js';
import { describeNats, NATS_TEST_URL, natsUnavailable } from './natsServer.fixture.js';
import { NatsTransferSource } from './natsSource.js';
import { publishTransfers } from './publishTransfers.js';
import type { RejectedRecord, SourceItem } from './source.js';

const unavailable = await natsUnavailable();

function transfer(i: number): TransferEventInput {
  return {
    txHash: `0x${i.toString(16).padStart(64, '0')}`,
    logIndex: -1,
    time: 1_700_000_000_000 + i * 1000,
    from: '0xaaa',
    to: `0xb${i}`,
    amount: i + 0.5,
  };
}

/**
 * Reads until `count` items arrived, then stops the source. Like the monitor, it acknowledges an item
 * (when `ack` says so) before taking the next one, while the source is still open.
 */
async function take(
  source: NatsTransferSource,
  count: number,
  ack: (index: number) => boolean = () => true,
): Promise<{ items: SourceItem[]; rejected: RejectedRecord[] }> {
  const controller = new AbortController();
  const items: SourceItem[] = [];
  const rejected: RejectedRecord[] = [];
  for await (const item of source.read(controller.signal, (r) => rejected.push(r))) {
    if (ack(items.length)) await item.ack?.();
    items.push(item);
    if (items.length === count) controller.abort();
  }
  return { items, rejected };
}

describeNats('NatsTransferSource and publishTransfers against NATS JetStream', unavailable, () => {
  const run = randomBytes(4).toString('hex');
  const streams: string[] = [];
  let nc: NatsConnection;

  function names(test: string) {
    const stream = `ARGUS_TEST_${run}_${test}`.toUpperCase();
    streams.push(stream);
    return { stream, subject: `argus.test.${run}.${test}.transfers` };
  }

  beforeAll(async () => {
    nc = await connect({ servers: NATS_TEST_URL });
  });

  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it.each(['all', 'explicit'] as const)(
    'ack policy %s: reads published transfers, settles malformed messages, redelivers what was not acked',
    async (ackPolicy) => {
      const { stream, subject } = names(`redeliver_${ackPolicy}`);
      const published = await publishTransfers(NATS_TEST_URL, stream, subject, [transfer(1), transfer(2)]);
      expect(published).toEqual({ published: 2, duplicates: 0 });
      const js = jetstream(nc);
      await js.publish(subject, 'this is not json');
      await js.publish(subject, JSON.stringify({ from: '0xaaa', to: '0xbbb', amount: -1, time: 1 }));
      await publishTransfers(NATS_TEST_URL, stream, subject, [transfer(3)]);

      const options = {
        servers: NATS_TEST_URL,
        stream,
        subject,
        durable: 'argus-test',
        ackWaitMs: 500,
        ackPolicy,
      };
      const first = await take(new NatsTransferSource(options), 3, (i) => i < 2);
      expect(first.items.map((i) => i.event.amount)).toEqual([1.5, 2.5, 3.5]);
      expect(first.items[0]?.event.key).toBe(`ethereum:${transfer(1).txHash}:-1`);
      expect(first.rejected.map((r) => r.position)).toEqual(['stream seq 3', 'stream seq 4']);
      expect(first.rejected[0]?.reason).toMatch(/^not JSON/);
      expect(first.rejected[1]?.reason).toMatch(/amount/);
      expect(first.rejected.every((r) => r.source === `nats:${stream}`)).toBe(true);

      // The monitor finished the first two but not the third (say it crashed): only the third comes back,
      // and the malformed messages, settled, do not.
      const second = await take(new NatsTransferSource(options), 1, () => false);
      expect(second.items.map((i) => i.event.key)).toEqual([first.items[2]?.event.key]);
      expect(second.rejected).toEqual([]);

      // Acknowledging from a closed source is not an error: the event would just come again.
      await second.items[0]?.ack?.();
      const jsm = await jetstreamManager(nc);
      const info = await jsm.consumers.info(stream, 'argus-test');
      expect(info.config.filter_subject).toBe(subject);
      expect(info.num_pending + info.num_ack_pending).toBe(1);

      const other = ackPolicy === 'all' ? 'explicit' : 'all';
      await expect(take(new NatsTransferSource({ ...options, ackPolicy: other }), 1)).rejects.toThrow(
        /has ack policy/,
      );
    },
  );

  it('keeps the durable position across restarts, handing back what it pulled but did not yield', async () => {
    const { stream, subject } = names('durable');
    await publishTransfers(NATS_TEST_URL, stream, `${subject}.eth`, [transfer(1), transfer(2)], {
      streamSubjects: [`${subject}.>`],
    });
    await publishTransfers(NATS_TEST_URL, stream, `${subject}.btc`, [transfer(3)]);
    const options = { servers: NATS_TEST_URL, stream, subject: `${subject}.eth`, durable: 'keeps' };
    // The first reader pulls both eth messages but stops after one; the second gets the other one
    // without waiting out the 30 s ack wait, and never the btc one.
    expect((await take(new NatsTransferSource(options), 1)).items.map((i) => i.event.amount)).toEqual([1.5]);
    expect((await take(new NatsTransferSource(options), 1)).items.map((i) => i.event.amount)).toEqual([2.5]);

    const other = new NatsTransferSource({ ...options, subject: `${subject}.>` });
    await expect(take(other, 1)).rejects.toSatisfy(
      (err: unknown) => err instanceof ConflictError && /reads ".*\.eth", not ".*\.>"/.test(err.message),
    );
  });

  it('counts events published twice as duplicates and refuses invalid ones', async () => {
    const { stream, subject } = names('dupes');
    const events = [transfer(1), transfer(2)];
    await publishTransfers(NATS_TEST_URL, stream, subject, events);
    expect(await publishTransfers(NATS_TEST_URL, stream, subject, [...events, transfer(3)])).toEqual({
      published: 1,
      duplicates: 2,
    });
    await expect(
      publishTransfers(NATS_TEST_URL, stream, subject, [{ ...transfer(4), amount: Number.NaN }]),
    ).rejects.toThrow(/transfer #0 to publish is invalid/);
  });

  it('ends when aborted while waiting for messages, and names a missing stream', async () => {
    const { stream, subject } = names('abort');
    await publishTransfers(NATS_TEST_URL, stream, subject, [transfer(1)]);
    const controller = new AbortController();
    const seen: TransferEvent[] = [];
    for await (const item of new NatsTransferSource({ servers: NATS_TEST_URL, stream, subject }).read(
      controller.signal,
      () => {},
    )) {
      seen.push(item.event);
      // Nothing more will come: the source waits until the abort ends it.
      setTimeout(() => controller.abort(), 50);
    }
    expect(seen).toHaveLength(1);

    const missing = new NatsTransferSource({
      servers: NATS_TEST_URL,
      stream: `${stream}_NONE`,
      subject: 'x.>',
    });
    const read = async () => {
      for await (const _ of missing.read(new AbortController().signal, () => {})) {
        // never reached
      }
    };
    await expect(read()).rejects.toSatisfy(
      (err: unknown) =>
        err instanceof ArgusError && err.code === 'NOT_FOUND' && /does not exist/.test(err.message),
    );
  });

  it('fails with a clear error when no server listens', async () => {
    const source = new NatsTransferSource({ servers: 'nats://127.0.0.1:9', stream: 'S', subject: 'x' });
    const read = async () => {
      for await (const _ of source.read(new AbortController().signal, () => {})) {
        // never reached
      }
    };
    await expect(read()).rejects.toThrow(/cannot connect to NATS at nats:\/\/127\.0\.0\.1:9/);
  });
});
