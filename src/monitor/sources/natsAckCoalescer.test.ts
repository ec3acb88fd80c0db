import type { JsMsg } from '@nats-io/jetstream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NatsAckCoalescer } from './natsAckCoalescer.js';

function messages(n: number, acked: number[]): JsMsg[] {
  return Array.from(
    { length: n },
    (_, i) => ({ seq: i + 1, ack: () => acked.push(i + 1) }) as unknown as JsMsg,
  );
}

describe('NatsAckCoalescer', () => {
  afterEach(() => vi.useRealTimers());

  it('acks once per batch, only up to the first delivery not yet done', () => {
    const acked: number[] = [];
    const acks = new NatsAckCoalescer(3, 1_000);
    const d = messages(8, acked).map((m) => acks.track(m));
    const done = (i: number) => acks.done(d[i] as (typeof d)[number]);
    done(1);
    done(2);
    expect(acked).toEqual([]); // the first is not done: nothing may be acknowledged
    done(0);
    expect(acked).toEqual([3]); // three done in a row: one AckAll for seq 3 covers 1-3
    done(3);
    done(5);
    acks.flush();
    expect(acked).toEqual([3, 4]); // 6 waits for 5
    acks.flush();
    expect(acked).toEqual([3, 4]);
  });

  it('acks what is done after a short delay when the stream goes quiet', () => {
    vi.useFakeTimers();
    const acked: number[] = [];
    const acks = new NatsAckCoalescer(100, 50);
    for (const m of messages(2, acked)) acks.done(acks.track(m));
    expect(acked).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(acked).toEqual([2]);
  });

  it('swallows an ack that can no longer be sent', () => {
    const acks = new NatsAckCoalescer(1);
    const broken = {
      ack: () => {
        throw new Error('closed');
      },
    } as unknown as JsMsg;
    expect(() => acks.done(acks.track(broken))).not.toThrow();
  });
});
