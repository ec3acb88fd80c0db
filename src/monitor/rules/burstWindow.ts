import type { Timed } from './accountSlots.js';
import { DistinctCounter } from './distinctCounter.js';
import { StringMap } from './stringMap.js';

/** Who is in one group's part of the window: distinct accounts and jurisdictions. */
export class GroupTally {
  readonly accounts = new DistinctCounter();
  readonly jurisdictions = new DistinctCounter();
  /** Transfers of this group in the window. */
  entries = 0;
  key = '';
}

/**
 * One sliding window over every transfer (not per account): a ring of at most `capacity` transfers
 * in arrival order, with running distinct-account and distinct-jurisdiction counts per group (per
 * destination, or one group for all). The window ends at the newest time seen; a transfer older than
 * the window is ignored, so no span is negative. Under a flood of more than `capacity` transfers per
 * window the oldest arrivals leave early.
 *
 * A late transfer is appended like any other rather than slid into time order (that would cost up to
 * `capacity` moves each), so it can outstay the window by as much as it was late. The running counts
 * are then an upper bound; `exact` recounts from the ring, and callers use it before firing whenever
 * `approximate` says a late transfer is still held. In order, the counts are exact. Tallies of
 * groups that leave are reused and every index is a StringMap, so once warm, adding a transfer
 * allocates nothing.
 */
export class BurstWindow {
  private readonly times: Float64Array;
  private readonly late: Uint8Array;
  private readonly accounts: string[];
  private readonly jurisdictions: (string | undefined)[];
  private readonly groups: (GroupTally | undefined)[];
  private start = 0;
  private size = 0;
  private lateHeld = 0;
  private watermark = Number.NEGATIVE_INFINITY;
  private readonly tallies = new StringMap<GroupTally>(64);
  private readonly spare: GroupTally[] = [];
  private readonly recount = new GroupTally();

  constructor(
    readonly capacity: number,
    private readonly windowMs: number,
  ) {
    this.times = new Float64Array(capacity);
    this.late = new Uint8Array(capacity);
    this.accounts = new Array<string>(capacity).fill('');
    this.jurisdictions = new Array<string | undefined>(capacity).fill(undefined);
    this.groups = new Array<GroupTally | undefined>(capacity).fill(undefined);
  }

  get length(): number {
    return this.size;
  }

  /** The newest time seen, where the window ends. */
  get end(): number {
    return this.watermark;
  }

  /** True while a late transfer is held, so the running counts may include one past the window. */
  get approximate(): boolean {
    return this.lateHeld > 0;
  }

  /** Bytes of the ring (time, late flag and three references per transfer) and of the group tallies. */
  get bytes(): number {
    const tallyBytes = (t: GroupTally): number => t.accounts.bytes + t.jurisdictions.bytes + 32;
    let bytes = this.capacity * (8 + 1 + 3 * 8) + this.tallies.bytes + tallyBytes(this.recount);
    this.tallies.forEach((tally) => {
      bytes += tallyBytes(tally);
    });
    for (const tally of this.spare) bytes += tallyBytes(tally);
    return bytes;
  }

  /**
   * Adds a transfer at `at.time` (the event itself: a time passed as a number would be boxed on the
   * heap); returns its group's tally, or undefined when it is older than the window.
   */
  add(at: Timed, account: string, jurisdiction: string | undefined, group: string): GroupTally | undefined {
    const time = at.time;
    const late = time < this.watermark;
    if (!late) this.watermark = time;
    const horizon = this.watermark - this.windowMs;
    if (time < horizon) return undefined;
    while (this.size > 0 && (this.times[this.start] as number) < horizon) this.removeOldest();
    if (this.size === this.capacity) this.removeOldest();

    const tally = this.tallyOf(group);
    const here = (this.start + this.size) % this.capacity;
    this.times[here] = time;
    this.late[here] = late ? 1 : 0;
    if (late) this.lateHeld += 1;
    this.accounts[here] = account;
    this.jurisdictions[here] = jurisdiction;
    this.groups[here] = tally;
    this.size += 1;

    tally.entries += 1;
    tally.accounts.add(account);
    if (jurisdiction !== undefined) tally.jurisdictions.add(jurisdiction);
    return tally;
  }

  /**
   * The group's counts over exactly the window (time ≥ end − window), recounted from the ring into a
   * tally reused between calls; O(length).
   */
  exact(tally: GroupTally): GroupTally {
    const out = this.recount;
    out.accounts.clear();
    out.jurisdictions.clear();
    out.entries = 0;
    out.key = tally.key;
    const horizon = this.watermark - this.windowMs;
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.capacity;
      if (this.groups[i] !== tally || (this.times[i] as number) < horizon) continue;
      out.entries += 1;
      out.accounts.add(this.accounts[i] as string);
      const jurisdiction = this.jurisdictions[i];
      if (jurisdiction !== undefined) out.jurisdictions.add(jurisdiction);
    }
    return out;
  }

  private tallyOf(group: string): GroupTally {
    let tally = this.tallies.get(group);
    if (tally === undefined) {
      tally = this.spare.pop() ?? new GroupTally();
      tally.key = group;
      this.tallies.set(group, tally);
    }
    return tally;
  }

  private removeOldest(): void {
    const i = this.start;
    const tally = this.groups[i] as GroupTally;
    tally.accounts.remove(this.accounts[i] as string);
    const jurisdiction = this.jurisdictions[i];
    if (jurisdiction !== undefined) tally.jurisdictions.remove(jurisdiction);
    tally.entries -= 1;
    if (tally.entries === 0) {
      this.tallies.delete(tally.key);
      this.spare.push(tally);
    }
    if (this.late[i] === 1) this.lateHeld -= 1;
    // Drop the references so forgotten account ids can be collected.
    this.accounts[i] = '';
    this.jurisdictions[i] = undefined;
    this.groups[i] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.size -= 1;
  }
}
