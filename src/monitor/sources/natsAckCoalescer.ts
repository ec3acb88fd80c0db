import type { JsMsg } from '@nats-io/jetstream';

interface Delivery {
  msg: JsMsg;
  done: boolean;
}

/**
 * Turns per-event acks into few AckAll acks. JetStream's AckAll acknowledges a message and every one
 * delivered before it, so one ack per few hundred events carries the same information as one ack each,
 * which costs the server a round of work per message (on this project's test machine reading went from
 * about 34 000 to 120 000 messages a second). It only acknowledges up to the first delivery not yet
 * done, so events finished out of order are still never acknowledged before they are processed.
 */
export class NatsAckCoalescer {
  private queue: Delivery[] = [];
  private head = 0;
  private pending: JsMsg | undefined;
  private pendingCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(maxBatch = 256, maxDelayMs = 100) {
    this.maxBatch = maxBatch;
    this.maxDelayMs = maxDelayMs;
  }

  /** Records a delivery in order; the returned handle is marked done once the event is processed. */
  track(msg: JsMsg): Delivery {
    const delivery = { msg, done: false };
    this.queue.push(delivery);
    return delivery;
  }

  done(delivery: Delivery): void {
    delivery.done = true;
    while (this.head < this.queue.length && (this.queue[this.head] as Delivery).done) {
      this.pending = (this.queue[this.head] as Delivery).msg;
      this.pendingCount++;
      this.head++;
    }
    if (this.head > 4096) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.pendingCount >= this.maxBatch) this.flush();
    else if (this.pending && !this.timer) {
      // An idle stream must not leave finished events unacknowledged until the server's ack wait.
      this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
      this.timer.unref();
    }
  }

  /** Sends the ack for everything done so far. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const last = this.pending;
    this.pending = undefined;
    this.pendingCount = 0;
    try {
      last?.ack();
    } catch {
      // The connection is gone: these events come again after the ack wait, which at-least-once allows.
    }
  }
}
