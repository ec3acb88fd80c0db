import { StringMap } from './stringMap.js';

/** Anything with an event time; hot paths pass the event itself, since a number argument would be boxed. */
export interface Timed {
  readonly time: number;
}

/** Told when slots are handed out and when the arrays behind them must grow. */
export interface SlotListener {
  /** A slot was (re)assigned to an account: clear what the previous owner left in it. */
  reset(slot: number): void;
  /** Capacity grew to `capacity` slots: grow the per-slot arrays, keeping their contents. */
  grow(capacity: number): void;
}

const NONE = -1;

/**
 * Gives each account a small integer slot so a rule can keep its state in typed arrays, and keeps
 * that state bounded: an account idle for longer than `idleMs` (event time, against the newest time
 * seen) is forgotten, and past `maxAccounts` the least recently active one is. Recency is a doubly
 * linked list threaded through Int32Arrays and the index is a StringMap, so touching, evicting and
 * admitting accounts are O(1) and allocate nothing once the tables have grown to their working size.
 * Idle accounts are found from the least recently
 * touched end, so when events arrive out of order an idle account may wait behind a fresher one a
 * little longer; maxAccounts bounds memory regardless.
 */
export class AccountSlots {
  private readonly index = new StringMap<number>(64);
  private owners: (string | undefined)[] = [];
  private prev: Int32Array;
  private next: Int32Array;
  private lastSeen: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  /** Slots ever handed out; slots at or above it are untouched. */
  private highWater = 0;
  /** Most recently active. */
  private head = NONE;
  /** Least recently active: the next to go. */
  private tail = NONE;
  private watermark = Number.NEGATIVE_INFINITY;
  private capacity: number;

  constructor(
    readonly maxAccounts: number,
    private readonly idleMs: number,
    private readonly listener: SlotListener,
    initialCapacity = 1_024,
  ) {
    this.capacity = Math.max(1, Math.min(maxAccounts, initialCapacity));
    this.prev = new Int32Array(this.capacity);
    this.next = new Int32Array(this.capacity);
    this.lastSeen = new Float64Array(this.capacity);
    this.freeSlots = new Int32Array(this.capacity);
    listener.grow(this.capacity);
  }

  get size(): number {
    return this.index.size;
  }

  /** Allocated slots, for memory accounting. */
  get allocated(): number {
    return this.capacity;
  }

  /** Per slot: recency links (2 × 4), last seen (8), free list (4). */
  static readonly BYTES_PER_SLOT = 20;

  /** Bytes of the index, recency list and timestamps (the account id strings come on top). */
  get bytes(): number {
    return this.capacity * AccountSlots.BYTES_PER_SLOT + this.index.bytes;
  }

  /** The account's slot, or -1 when it is not remembered. Does not count as activity. */
  find(account: string): number {
    return this.index.get(account) ?? NONE;
  }

  /**
   * The account's slot, assigning one (reset by the listener) if it has none, and marks it active at
   * `time`. Out-of-order times never move an account's last activity backwards.
   */
  acquire(account: string, at: Timed): number {
    const time = at.time;
    if (time > this.watermark) this.watermark = time;
    this.evictIdle();
    let slot = this.index.get(account);
    if (slot === undefined) {
      slot = this.assign(account);
      this.lastSeen[slot] = time;
    } else {
      this.unlink(slot);
      if (time > (this.lastSeen[slot] as number)) this.lastSeen[slot] = time;
    }
    this.pushFront(slot);
    return slot;
  }

  private evictIdle(): void {
    const horizon = this.watermark - this.idleMs;
    while (this.tail !== NONE && (this.lastSeen[this.tail] as number) < horizon) this.release(this.tail);
  }

  private assign(account: string): number {
    if (this.index.size >= this.maxAccounts) this.release(this.tail);
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount] as number;
    else {
      if (this.highWater === this.capacity) this.grow();
      slot = this.highWater++;
    }
    this.index.set(account, slot);
    this.owners[slot] = account;
    this.listener.reset(slot);
    return slot;
  }

  private release(slot: number): void {
    const owner = this.owners[slot];
    if (owner !== undefined) this.index.delete(owner);
    this.owners[slot] = undefined;
    this.unlink(slot);
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = Math.min(this.maxAccounts, this.capacity * 2);
    this.prev = copyInto(new Int32Array(capacity), this.prev);
    this.next = copyInto(new Int32Array(capacity), this.next);
    this.lastSeen = copyInto(new Float64Array(capacity), this.lastSeen);
    this.freeSlots = copyInto(new Int32Array(capacity), this.freeSlots);
    this.capacity = capacity;
    this.listener.grow(capacity);
  }

  private unlink(slot: number): void {
    const p = this.prev[slot] as number;
    const n = this.next[slot] as number;
    if (p !== NONE) this.next[p] = n;
    else if (this.head === slot) this.head = n;
    if (n !== NONE) this.prev[n] = p;
    else if (this.tail === slot) this.tail = p;
    this.prev[slot] = NONE;
    this.next[slot] = NONE;
  }

  private pushFront(slot: number): void {
    this.prev[slot] = NONE;
    this.next[slot] = this.head;
    if (this.head !== NONE) this.prev[this.head] = slot;
    this.head = slot;
    if (this.tail === NONE) this.tail = slot;
  }
}

/** Copies `from` into the front of `to` and returns `to`. */
export function copyInto<T extends Float64Array | Int32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
