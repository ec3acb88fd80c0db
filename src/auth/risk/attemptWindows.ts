import { Slab, SlotMap } from './slotMap.js';
import { hashUsername } from './usernameHash.js';

export interface WindowLimits {
  windowMs: number;
  /** Failures per user at full strength: each user's ring keeps this many. */
  userFailures: number;
  /** Failures per IP at full strength. */
  ipFailures: number;
  /** Distinct usernames per source at full strength: each source keeps this many (the newest). */
  stuffingUsernames: number;
  /** Keys each map tracks. */
  windowKeys: number;
}

export type StuffingSource = 'ip' | 'network' | 'device';

export interface Attempt {
  userId: string;
  ip: string;
  network: string;
  deviceId?: string | undefined;
  outcome: 'success' | 'failure' | 'unknown';
  at: number;
}

/**
 * A ring of the last `n` failure times per key, in a slab: slot layout [next, filled, t0 .. tn-1].
 * Counting in a window is exact up to n, and the velocity signals saturate at n.
 */
class FailureRings {
  private readonly keys: SlotMap;
  private readonly slab: Slab;

  constructor(
    private readonly n: number,
    capacity: number,
  ) {
    this.keys = new SlotMap(capacity);
    this.slab = new Slab(n + 2);
  }

  add(key: string, at: number): void {
    const { slot, fresh } = this.keys.acquire(key);
    const o = this.slab.ensure(slot);
    const d = this.slab.data;
    if (fresh) d.fill(0, o, o + this.slab.stride);
    const next = d[o] as number;
    d[o + 2 + next] = at;
    d[o] = (next + 1) % this.n;
    d[o + 1] = Math.min(this.n, (d[o + 1] as number) + 1);
  }

  countAfter(key: string, since: number): number {
    const slot = this.keys.peek(key);
    if (slot < 0) return 0;
    const o = slot * this.slab.stride;
    const d = this.slab.data;
    const filled = d[o + 1] as number;
    let count = 0;
    for (let i = 0; i < filled; i++) if ((d[o + 2 + i] as number) > since) count++;
    return count;
  }

  stats(): { keys: number; evicted: number } {
    return { keys: this.keys.size, evicted: this.keys.evicted };
  }
}

/**
 * The newest `n` distinct usernames (32-bit hashes) a source tried, with their last time and
 * whether any attempt got in, in a slab: slot layout [size, (hash, time, succeeded) × n].
 */
class UsernameSets {
  private readonly keys: SlotMap;
  private readonly slab: Slab;

  constructor(
    private readonly n: number,
    capacity: number,
  ) {
    this.keys = new SlotMap(capacity);
    this.slab = new Slab(1 + 3 * n);
  }

  add(key: string, userHash: number, at: number, succeeded: boolean): void {
    const { slot, fresh } = this.keys.acquire(key);
    const o = this.slab.ensure(slot);
    const d = this.slab.data;
    if (fresh) d.fill(0, o, o + this.slab.stride);
    const size = d[o] as number;
    let oldest = 0;
    for (let i = 0; i < size; i++) {
      const e = o + 1 + 3 * i;
      if (d[e] === userHash) {
        d[e + 1] = Math.max(d[e + 1] as number, at);
        if (succeeded) d[e + 2] = 1;
        return;
      }
      if ((d[e + 1] as number) < (d[o + 2 + 3 * oldest] as number)) oldest = i;
    }
    const i = size < this.n ? size : oldest;
    if (size < this.n) d[o] = size + 1;
    const e = o + 1 + 3 * i;
    d[e] = userHash;
    d[e + 1] = at;
    d[e + 2] = succeeded ? 1 : 0;
  }

  countAfter(key: string, since: number): { distinct: number; succeeded: number } {
    const slot = this.keys.peek(key);
    if (slot < 0) return { distinct: 0, succeeded: 0 };
    const o = slot * this.slab.stride;
    const d = this.slab.data;
    const size = d[o] as number;
    let distinct = 0;
    let succeeded = 0;
    for (let i = 0; i < size; i++) {
      const e = o + 1 + 3 * i;
      if ((d[e + 1] as number) > since) {
        distinct++;
        succeeded += d[e + 2] as number;
      }
    }
    return { distinct, succeeded };
  }

  stats(): { keys: number; evicted: number } {
    return { keys: this.keys.size, evicted: this.keys.evicted };
  }
}

/**
 * Recent login attempts in memory, for the velocity and stuffing signals: failures per user and per
 * IP, and the distinct usernames (with their successes) per IP, per network and per device. Each map
 * tracks at most windowKeys keys (least recently seen forgotten first) in fixed-size slots of one
 * typed array, so memory is bounded — windowKeys × 8 bytes × (userFailures + ipFailures + 4 +
 * 3 × (1 + 3 × stuffingUsernames)) at most, about 49 MB at the defaults — and the heap holds one Map
 * entry per key. The price of the bound: a flood of more than windowKeys fresh keys inside one window
 * makes the oldest keys forget.
 */
export class AttemptWindows {
  private readonly userFailures: FailureRings;
  private readonly ipFailures: FailureRings;
  private readonly sources: Record<StuffingSource, UsernameSets>;

  constructor(readonly limits: WindowLimits) {
    this.userFailures = new FailureRings(limits.userFailures, limits.windowKeys);
    this.ipFailures = new FailureRings(limits.ipFailures, limits.windowKeys);
    this.sources = {
      ip: new UsernameSets(limits.stuffingUsernames, limits.windowKeys),
      network: new UsernameSets(limits.stuffingUsernames, limits.windowKeys),
      device: new UsernameSets(limits.stuffingUsernames, limits.windowKeys),
    };
  }

  /** Counts an attempt: failures go into the failure rings, every outcome into the username sets. */
  record(attempt: Attempt): void {
    const { userId, ip, network, deviceId, outcome, at } = attempt;
    if (outcome === 'failure') {
      this.userFailures.add(userId, at);
      this.ipFailures.add(ip, at);
    }
    const hash = hashUsername(userId);
    const succeeded = outcome === 'success';
    this.sources.ip.add(ip, hash, at, succeeded);
    this.sources.network.add(network, hash, at, succeeded);
    if (deviceId !== undefined) this.sources.device.add(deviceId, hash, at, succeeded);
  }

  /** Failed attempts for the user in the window ending at `at` (exact up to velocity.userFailures). */
  userFailuresAt(userId: string, at: number): number {
    return this.userFailures.countAfter(userId, at - this.limits.windowMs);
  }

  /** Failed attempts from the IP in the window ending at `at` (exact up to velocity.ipFailures). */
  ipFailuresAt(ip: string, at: number): number {
    return this.ipFailures.countAfter(ip, at - this.limits.windowMs);
  }

  /** Distinct usernames the source tried in the window ending at `at` (up to stuffingUsernames), and how many got in. */
  usernamesAt(source: StuffingSource, key: string, at: number): { distinct: number; succeeded: number } {
    return this.sources[source].countAfter(key, at - this.limits.windowMs);
  }

  /** Keys tracked now and keys forgotten to stay bounded, per map. */
  stats(): Record<string, { keys: number; evicted: number }> {
    return {
      userFailures: this.userFailures.stats(),
      ipFailures: this.ipFailures.stats(),
      ipUsernames: this.sources.ip.stats(),
      networkUsernames: this.sources.network.stats(),
      deviceUsernames: this.sources.device.stats(),
    };
  }
}
