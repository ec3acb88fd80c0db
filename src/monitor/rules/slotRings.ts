import { copyInto } from './accountSlots.js';

/**
 * For every slot, the last `width` (time, value) pairs in time order, in one pair of flat typed
 * arrays. An in-order append is O(1); a late event is slid into place (O(width)), and when the ring
 * is full the oldest pair goes, so a late event older than everything kept is dropped.
 */
export class SlotRings {
  times = new Float64Array(0);
  values = new Float64Array(0);
  /** Physical index, within the slot's block, of its oldest pair. */
  private start = new Int32Array(0);
  private length = new Int32Array(0);
  /** 1 once the slot has let go of a pair (ring full), so counts over its ring are lower bounds. */
  private forgot = new Uint8Array(0);

  constructor(readonly width: number) {}

  grow(capacity: number): void {
    this.times = copyInto(new Float64Array(capacity * this.width), this.times);
    this.values = copyInto(new Float64Array(capacity * this.width), this.values);
    this.start = copyInto(new Int32Array(capacity), this.start);
    this.length = copyInto(new Int32Array(capacity), this.length);
    const forgot = new Uint8Array(capacity);
    forgot.set(this.forgot);
    this.forgot = forgot;
  }

  reset(slot: number): void {
    this.start[slot] = 0;
    this.length[slot] = 0;
    this.forgot[slot] = 0;
  }

  /** Whether the slot ever let go of a pair to make room. */
  hasForgotten(slot: number): boolean {
    return this.forgot[slot] === 1;
  }

  count(slot: number): number {
    return this.length[slot] as number;
  }

  /** Flat index of the slot's k-th oldest pair. */
  at(slot: number, k: number): number {
    return slot * this.width + (((this.start[slot] as number) + k) % this.width);
  }

  /** Inserts in time order; returns the pair's logical index (0 = oldest), or -1 if it was dropped. */
  insert(slot: number, time: number, value: number): number {
    const width = this.width;
    let n = this.length[slot] as number;
    if (n === width) {
      this.forgot[slot] = 1;
      if (time < (this.times[this.at(slot, 0)] as number)) return -1;
      this.start[slot] = ((this.start[slot] as number) + 1) % width;
      n -= 1;
    }
    // Slide newer pairs up by one; in order this loop does not run.
    let k = n;
    while (k > 0) {
      const before = this.at(slot, k - 1);
      if ((this.times[before] as number) <= time) break;
      const here = this.at(slot, k);
      this.times[here] = this.times[before] as number;
      this.values[here] = this.values[before] as number;
      k -= 1;
    }
    const here = this.at(slot, k);
    this.times[here] = time;
    this.values[here] = value;
    this.length[slot] = n + 1;
    return k;
  }
}

/** Result of densestWindow, reused between calls so the hot path allocates nothing. */
export interface WindowPeak {
  /** Most pairs in one window. */
  count: number;
  /** Largest value total in one window. */
  sum: number;
}

/**
 * Over every window [a, a + windowMs] that contains the slot's k-th pair, the most pairs and the
 * largest total value one of them holds. For an in-order event (k is the newest) that is simply the
 * window ending at the event; for a late event it also looks at windows reaching past it, so a burst
 * completed by a late arrival is still seen. Never looks at a negative span.
 */
export function densestWindow(
  rings: SlotRings,
  slot: number,
  k: number,
  windowMs: number,
  out: WindowPeak,
): WindowPeak {
  const { times, values } = rings;
  const n = rings.count(slot);
  const tk = times[rings.at(slot, k)] as number;
  // Start the window at pair k, and stretch its end as far as windowMs allows.
  let end = k;
  let sum = values[rings.at(slot, k)] as number;
  while (end + 1 < n && (times[rings.at(slot, end + 1)] as number) - tk <= windowMs) {
    end += 1;
    sum += values[rings.at(slot, end)] as number;
  }
  let bestCount = end - k + 1;
  let bestSum = sum;
  // Move the start back pair by pair; the end can only come back with it.
  for (let j = k - 1; j >= 0; j--) {
    const tj = times[rings.at(slot, j)] as number;
    if (tk - tj > windowMs) break;
    sum += values[rings.at(slot, j)] as number;
    while ((times[rings.at(slot, end)] as number) - tj > windowMs) {
      sum -= values[rings.at(slot, end)] as number;
      end -= 1;
    }
    if (end - j + 1 > bestCount) bestCount = end - j + 1;
    if (sum > bestSum) bestSum = sum;
  }
  out.count = bestCount;
  out.sum = bestSum;
  return out;
}
