import type { TransferEvent } from '../../core/transferEvent.js';
import { AccountSlots, copyInto, type SlotListener } from './accountSlots.js';
import type { RuleState } from './compiledRule.js';
import { densestWindow, SlotRings, type WindowPeak } from './slotRings.js';

/** Bytes per slot of the rings (times, values, start, length, forgot flag) and the fired-at time. */
function ringBytes(width: number): number {
  return 16 * width + 8 + 1 + 8;
}

/** Bytes per remembered account for rings of `width` pairs, index table and id string excluded. */
export function accountWindowBytes(width: number): number {
  return ringBytes(width) + AccountSlots.BYTES_PER_SLOT;
}

/** Most typed-array state one rule may plan for, so a large maxCount cannot quietly take gigabytes. */
export const MAX_RULE_STATE_BYTES = 256 * 1024 * 1024;

/** Why a rule's width × maxAccounts is too much, or undefined when it fits. */
export function stateBudgetProblem(width: number, maxAccounts: number): string | undefined {
  const bytes = accountWindowBytes(width) * maxAccounts;
  if (bytes <= MAX_RULE_STATE_BYTES) return undefined;
  const fits = Math.floor(MAX_RULE_STATE_BYTES / accountWindowBytes(width));
  return (
    `${width} transfers remembered for each of ${maxAccounts} accounts needs ${Math.round(bytes / 2 ** 20)} MiB` +
    ` (at most ${MAX_RULE_STATE_BYTES / 2 ** 20} MiB per rule): lower the count or set maxAccounts to at most ${fits}`
  );
}

/**
 * Per-account exact sliding windows for the count-in-a-window rules (velocity, structuring): each
 * account keeps its last `width` (time, value) pairs and when it last fired. Accounts idle for a whole
 * window are forgotten, since nothing they left can still be inside one.
 *
 * Bytes per account: 16·width (times and values) + 9 (ring start, length, flag) + 8 (fired at) + 20
 * (recency list, last seen, free list) + 40 to 80 (index table at load 1/2 to 1/4), plus the
 * account id string when nothing else holds it.
 */
export class AccountWindows implements SlotListener {
  readonly rings: SlotRings;
  readonly slots: AccountSlots;
  private firedAt = new Float64Array(0);
  private readonly peak: WindowPeak = { count: 0, sum: 0 };
  /** Logical index of the pair the last record() put in place. */
  private lastIndex = 0;

  constructor(
    width: number,
    readonly windowMs: number,
    maxAccounts: number,
  ) {
    this.rings = new SlotRings(width);
    this.slots = new AccountSlots(maxAccounts, windowMs, this);
  }

  grow(capacity: number): void {
    this.rings.grow(capacity);
    this.firedAt = copyInto(new Float64Array(capacity), this.firedAt);
  }

  reset(slot: number): void {
    this.rings.reset(slot);
    this.firedAt[slot] = Number.NaN;
  }

  /**
   * Records a transfer; returns its slot, or -1 when it is too old to matter (older than every pair a
   * full ring keeps) or the account already fired within one window of this time (one alert per
   * burst). Takes the event rather than its time and value, which would be boxed as arguments.
   */
  record(account: string, event: TransferEvent): number {
    const time = event.time;
    const slot = this.slots.acquire(account, event);
    const k = this.rings.insert(slot, time, event.valueUsd ?? event.amount);
    if (k < 0) return -1;
    this.lastIndex = k;
    if (Math.abs(time - (this.firedAt[slot] as number)) <= this.windowMs) return -1;
    return slot;
  }

  /** The busiest window around the transfer just recorded in `slot`. */
  peakAround(slot: number): WindowPeak {
    return densestWindow(this.rings, slot, this.lastIndex, this.windowMs, this.peak);
  }

  /**
   * Whether the peak just computed may undercount: the window held every pair the ring keeps and
   * the ring has let older ones go. Explanations then say "at least".
   */
  mayUndercount(slot: number, peak: WindowPeak): boolean {
    return this.rings.hasForgotten(slot) && peak.count >= this.rings.count(slot);
  }

  markFired(slot: number, time: number): void {
    this.firedAt[slot] = time;
  }

  state(): RuleState {
    return {
      entries: this.slots.size,
      maxEntries: this.slots.maxAccounts,
      bytes: this.slots.allocated * ringBytes(this.rings.width) + this.slots.bytes,
    };
  }
}
