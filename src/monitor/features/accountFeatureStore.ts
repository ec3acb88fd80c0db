import { z } from 'zod';
import { type CounterpartyRisk, NO_COUNTERPARTY_RISK } from '../../core/counterpartyRisk.js';
import { ArgusError, ValidationError } from '../../core/errors.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import { AccountColumns } from './accountColumns.js';
import {
  ADDRESS_HASH,
  AMOUNT_MEAN,
  AMOUNT_VAR,
  BASELINE_MEANS,
  BASELINE_TRACKED,
  CONTRACT_SHARE,
  F32_STRIDE,
  F64_STRIDE,
  FAN_IN_ESTIMATE,
  FAN_IN_SKETCH,
  FAN_OUT_ESTIMATE,
  FAN_OUT_SKETCH,
  FIRST_SEEN,
  HOUR_COS,
  HOUR_SIN,
  IN_COUNT_24H,
  IN_SUM_24H,
  IN_TOTAL,
  INTER_ARRIVAL_LOG_MEAN,
  LAST_IN_VALUE,
  LAST_OUT,
  LAST_SEEN,
  LAST_VALUE_IN,
  MAX_ACCOUNT_SLOTS,
  NEW_COUNTERPARTY_SHARE,
  OUT_COUNT_1H,
  OUT_COUNT_7D,
  OUT_COUNT_24H,
  OUT_SUM_1H,
  OUT_SUM_7D,
  OUT_SUM_24H,
  OUT_TOTAL,
  ROUND_SHARE,
  U8_STRIDE,
  U16_STRIDE,
  U32_STRIDE,
} from './accountLayout.js';
import { decodeSnapshot, encodeSnapshot, type StoreSnapshot } from './accountStoreSnapshot.js';
import { hashAddress } from './addressHash.js';
import { circularHourDistance, hourAngle, hourOfDayUtc, hourOfMeanVector } from './circularHour.js';
import { counterpartyFingerprint, rememberCounterparty } from './counterpartySet.js';
import { DAY_MS, DECAY_RATE_1H, DECAY_RATE_7D, DECAY_RATE_24H } from './decay.js';
import { SKETCH_REGISTERS, sketchAdd, sketchEstimate } from './distinctSketch.js';
import { FEATURE_COUNT, FEATURE_INDEX } from './featureNames.js';
import { isRoundAmount } from './roundAmount.js';

/** The fields of a transfer the features read; a TransferEvent is one. */
export type FeatureEvent = Pick<
  TransferEvent,
  'time' | 'from' | 'to' | 'amount' | 'valueUsd' | 'toKind' | 'chain'
>;

export interface AccountFeatureStoreOptions {
  /** Where counterparty_risk comes from; default: nothing is known about anyone. */
  counterpartyRisk?: CounterpartyRisk;
  /**
   * At most this many accounts are kept; when full, a new account takes the slot of one that has not
   * been active recently (CLOCK, an approximation of least recently active). Default and most:
   * MAX_ACCOUNT_SLOTS (16,777,216, about 8 GB), the most one store's typed arrays can hold.
   */
  maxAccounts?: number;
  /** Slots allocated up front (the arrays double when full). Default 1024, or maxAccounts if smaller. */
  initialCapacity?: number;
}

const OptionsSchema = z
  .object({
    maxAccounts: z.number().int().min(2).max(MAX_ACCOUNT_SLOTS).optional(),
    initialCapacity: z.number().int().min(1).max(MAX_ACCOUNT_SLOTS).optional(),
  })
  .strict();

const DEFAULT_CAPACITY = 1024;
/** Values above this are nonsense for any asset; clamping keeps every sum and ratio finite. */
const MAX_VALUE = 1e100;
/** The latest time a JavaScript Date can hold. */
const MAX_TIME_MS = 8.64e15;
/** Cap for "seconds since" features, also their value when there is no such earlier event. */
const SINCE_CAP_SECONDS = 365 * 86_400;
const SINCE_CAP_LOG = Math.log1p(SINCE_CAP_SECONDS);
/** Floor of amount_z's variance: std 0.1, so a 10 % change in amount is at most about 1 std. */
const MIN_AMOUNT_VAR = 0.01;
const MAX_PASS_THROUGH_RATIO = 1e12;
const MAX_U32 = 0xffff_ffff;
const EVENT_TIME = 0;
const EVENT_VALUE = 1;
/** How far the last advanceClock moved an account's clock (ms). */
const CLOCK_GAP = 2;
/** Where warmUp leaves the sum of what it read. */
const WARM_UP_SINK = 3;

const I = FEATURE_INDEX;

/**
 * Per-account streaming features for the transaction monitor: one `observe` per transfer writes the
 * sender's feature vector (FEATURE_NAMES order) and folds the transfer into the sender's outgoing and
 * the recipient's incoming history. State is a few hundred bytes per account in typed arrays, so a
 * million accounts fit in a few hundred megabytes, and an existing account's event allocates nothing.
 *
 * Decayed quantities use half-lives of 1 h, 24 h and 7 d on the event's time. Means (amount, shares,
 * hour, baselines) are exponentially weighted with the 7 d half-life. Time never runs backwards for an
 * account: an event older than the account's last activity counts as happening at that time.
 *
 * Addresses are opaque keys: sources must canonicalise them (e.g. lowercase hex), and a monitor that
 * mixes chains whose addresses mean different owners should use one store per chain.
 */
export class AccountFeatureStore {
  private columns: AccountColumns;
  private readonly index = new Map<string, number>();
  private addresses: string[] = [];
  private count = 0;
  private readonly maxAccounts: number;
  private hand = 0;
  private evicted = 0;
  private readonly risk: CounterpartyRisk;
  /**
   * The event's sanitised time and value and the sender's clock gap, read by the methods observe calls
   * (and a place for warmUp to leave its sum).
   * Doubles travel through this array rather than as arguments because V8 boxes (allocates) a double
   * passed to or returned from a call it did not inline, and observe's callees are too big for V8 to
   * inline them all. Inside the two methods V8 never inlines (writeSenderFeatures, foldOutgoing), the
   * helpers that take doubles are few, small and called on every event (V8 skips rarely taken call
   * sites), so they fit its inlining budget. Measured: 0 bytes allocated per event on known accounts.
   */
  private readonly scratch = new Float64Array(4);

  constructor(options: AccountFeatureStoreOptions = {}) {
    const { counterpartyRisk, ...numeric } = options;
    const parsed = OptionsSchema.safeParse(numeric);
    if (!parsed.success) {
      throw new ValidationError(
        'INPUT_INVALID',
        'account feature store options',
        describeZodIssues(parsed.error, numeric),
      );
    }
    this.maxAccounts = parsed.data.maxAccounts ?? MAX_ACCOUNT_SLOTS;
    this.risk = counterpartyRisk ?? NO_COUNTERPARTY_RISK;
    const capacity = Math.min(parsed.data.initialCapacity ?? DEFAULT_CAPACITY, this.maxAccounts);
    this.columns = new AccountColumns(capacity);
  }

  /** Accounts currently held. */
  get size(): number {
    return this.count;
  }

  /** Accounts dropped to make room since the store was created (carried across save/load). */
  get evictions(): number {
    return this.evicted;
  }

  /** Account slots allocated (memory is about 400 bytes per slot plus the address map). */
  get capacity(): number {
    return this.columns.capacity;
  }

  has(account: string): boolean {
    return this.index.has(account);
  }

  /**
   * Writes the sender's features for this transfer into `out` (length >= FEATURE_COUNT), then records
   * the transfer as outgoing for the sender and incoming for the recipient. When `baseline` is given it
   * receives the sender's baseline as it was before this transfer (see baselineOf), which is what an
   * explanation of this transfer should compare against.
   */
  observe(e: FeatureEvent, out: Float64Array, baseline?: Float64Array): void {
    if (out.length < FEATURE_COUNT || (baseline !== undefined && baseline.length < FEATURE_COUNT)) {
      throw new ArgusError('INPUT_INVALID', `feature vectors need ${FEATURE_COUNT} places`, {
        hint: 'allocate new Float64Array(FEATURE_COUNT) once and reuse it for every event',
      });
    }
    let time = e.time;
    if (!(time >= 0)) time = 0;
    else if (time > MAX_TIME_MS) time = MAX_TIME_MS;
    // valueUsd ?? amount, spelled so that V8 allocates nothing: when events come in several shapes
    // (valueUsd present or absent), a plain read of valueUsd merges "a number" with "undefined" and
    // boxes the number; reading it only where the property exists does not.
    const scratch = this.scratch;
    scratch[EVENT_VALUE] = e.amount;
    if ('valueUsd' in e) {
      const usd = e.valueUsd;
      if (usd !== undefined) scratch[EVENT_VALUE] = usd;
    }
    const value = scratch[EVENT_VALUE] as number;
    if (!(value > 0)) scratch[EVENT_VALUE] = 0;
    else if (value > MAX_VALUE) scratch[EVENT_VALUE] = MAX_VALUE;
    scratch[EVENT_TIME] = time;

    const s = this.slotOf(e.from, -1);
    const r = this.slotOf(e.to, s);
    this.warmUp(s, r);
    if (baseline !== undefined) this.writeBaseline(s, baseline);
    // Called from here rather than from the methods that use them, and with slots (small integers) as
    // the only arguments: see `scratch` for why.
    this.advanceClock(s);
    this.writeSenderFeatures(e, s, r, out);
    const risk = this.risk.riskOf(e.chain, e.to);
    out[I.counterparty_risk] = risk > 0 ? Math.min(risk, 1) : 0;
    this.foldOutgoing(s, r, out);
    this.advanceClock(r);
    this.foldIncoming(r, s);
  }

  /**
   * Reads one value from every cache line of both accounts' state that this event will use, before
   * any of it is needed. With hundreds of thousands of accounts that state is rarely in cache, and
   * reached one line at a time (each read waiting on the computation before it) the misses queue up
   * one after another; issued together here they overlap, so the event waits about as long as for
   * one. Measured: observe about 15 % faster at 200k accounts. Nothing is changed but a scratch
   * value, so that the reads are not optimised away.
   */
  private warmUp(s: number, r: number): void {
    const { f64, f32, u32, u16, u8 } = this.columns;
    const b = s * F64_STRIDE;
    const rb = r * F64_STRIDE;
    const b32 = s * F32_STRIDE;
    const sketch = s * U8_STRIDE + FAN_OUT_SKETCH;
    const rSketch = r * U8_STRIDE + FAN_IN_SKETCH;
    this.scratch[WARM_UP_SINK] =
      (f64[b] as number) +
      (f64[b + F64_STRIDE / 2] as number) +
      (f64[b + F64_STRIDE - 1] as number) +
      (f64[rb] as number) +
      (f64[rb + F64_STRIDE / 2] as number) +
      (f64[rb + F64_STRIDE - 1] as number) +
      (f32[b32] as number) +
      (f32[b32 + F32_STRIDE - 1] as number) +
      (u32[s * U32_STRIDE] as number) +
      (u32[s * U32_STRIDE + U32_STRIDE - 1] as number) +
      (u32[r * U32_STRIDE] as number) +
      (u32[r * U32_STRIDE + U32_STRIDE - 1] as number) +
      (u16[s * U16_STRIDE] as number) +
      (u16[s * U16_STRIDE + U16_STRIDE - 1] as number) +
      (u8[sketch] as number) +
      (u8[sketch + SKETCH_REGISTERS - 1] as number) +
      (u8[rSketch] as number) +
      (u8[rSketch + SKETCH_REGISTERS - 1] as number);
  }

  /** The sender's features (but counterparty_risk), from its history before this transfer; its clock is at now. */
  private writeSenderFeatures(e: FeatureEvent, s: number, r: number, out: Float64Array): void {
    const { f64, f32, u32, u16 } = this.columns;
    const time = this.scratch[EVENT_TIME] as number;
    const value = this.scratch[EVENT_VALUE] as number;
    const b = s * F64_STRIDE;
    const b32 = s * F32_STRIDE;
    const bu = s * U32_STRIDE;
    const now = f64[b + LAST_SEEN] as number;
    const outTotal = u32[bu + OUT_TOTAL] as number;
    const weight = f64[b + OUT_COUNT_7D] as number;

    const x = Math.log1p(value);
    out[I.amount_log] = x;
    if (outTotal > 0) {
      // Shrunk toward a variance of 1 with the weight of one transfer, so that two equal transfers do
      // not make a zero std and every later amount an extreme outlier.
      let v = (weight * (f64[b + AMOUNT_VAR] as number) + 1) / (weight + 1);
      if (v < MIN_AMOUNT_VAR) v = MIN_AMOUNT_VAR;
      out[I.amount_z] = (x - (f64[b + AMOUNT_MEAN] as number)) / Math.sqrt(v);
    } else {
      out[I.amount_z] = 0;
    }

    out[I.out_count_1h] = (f64[b + OUT_COUNT_1H] as number) + 1;
    out[I.out_count_24h] = (f64[b + OUT_COUNT_24H] as number) + 1;
    out[I.out_count_7d] = weight + 1;
    out[I.out_sum_1h] = Math.log1p((f64[b + OUT_SUM_1H] as number) + value);
    out[I.out_sum_24h] = Math.log1p((f64[b + OUT_SUM_24H] as number) + value);
    out[I.out_sum_7d] = Math.log1p((f64[b + OUT_SUM_7D] as number) + value);
    out[I.in_count_24h] = f64[b + IN_COUNT_24H] as number;
    out[I.in_sum_24h] = Math.log1p(f64[b + IN_SUM_24H] as number);

    let sinceOut = SINCE_CAP_SECONDS;
    if (outTotal > 0) sinceOut = Math.min((now - (f64[b + LAST_OUT] as number)) / 1000, SINCE_CAP_SECONDS);
    const sinceOutLog = Math.log1p(sinceOut);
    out[I.since_last_out_log] = sinceOutLog;
    out[I.inter_arrival_ratio_log] =
      outTotal >= 2 ? sinceOutLog - (f64[b + INTER_ARRIVAL_LOG_MEAN] as number) : 0;
    out[I.dormancy_days] = (this.scratch[CLOCK_GAP] as number) / DAY_MS;
    out[I.account_age_days] = (now - (f64[b + FIRST_SEEN] as number)) / DAY_MS;
    out[I.activity_log] = Math.log1p(outTotal + (u32[bu + IN_TOTAL] as number));

    // Remembering the recipient here rather than in foldOutgoing: the lookup answers the feature.
    const recipientHash = (u32[r * U32_STRIDE + ADDRESS_HASH] as number) | 0;
    const isNew = rememberCounterparty(u16, s * U16_STRIDE, counterpartyFingerprint(recipientHash));
    out[I.new_counterparty] = isNew ? 1 : 0;
    out[I.new_counterparty_share] = f32[b32 + NEW_COUNTERPARTY_SHARE] as number;
    out[I.fan_out_log] = Math.log1p(f32[b32 + FAN_OUT_ESTIMATE] as number);
    out[I.fan_in_log] = Math.log1p(f32[b32 + FAN_IN_ESTIMATE] as number);

    out[I.round_amount] = isRoundAmount(e.amount) ? 1 : 0;
    out[I.round_amount_share] = f32[b32 + ROUND_SHARE] as number;

    // Regularity: length of the mean direction, shrunk by the evidence behind it (weight / (weight + 1)).
    // Without history the mean direction is (0, 0), so the deviation comes out 0 with no branch, which
    // keeps these helper calls hot enough for V8 to inline them (see `scratch`).
    const meanCos = f32[b32 + HOUR_COS] as number;
    const meanSin = f32[b32 + HOUR_SIN] as number;
    const regularity = (Math.sqrt(meanCos * meanCos + meanSin * meanSin) * weight) / (weight + 1);
    const usual = hourOfMeanVector(meanCos, meanSin);
    out[I.hour_deviation] = circularHourDistance(hourOfDayUtc(time), usual) * regularity;

    out[I.to_contract] = e.toKind === 'contract' ? 1 : 0;
    out[I.contract_share] = f32[b32 + CONTRACT_SHARE] as number;

    const lastInValue = f64[b + LAST_IN_VALUE] as number;
    if (lastInValue > 0) {
      const sinceIn = (now - (f64[b + LAST_VALUE_IN] as number)) / 1000;
      out[I.since_last_in_log] = Math.log1p(Math.min(sinceIn, SINCE_CAP_SECONDS));
      out[I.out_over_last_in] = Math.min(value / lastInValue, MAX_PASS_THROUGH_RATIO);
    } else {
      out[I.since_last_in_log] = SINCE_CAP_LOG;
      out[I.out_over_last_in] = 0;
    }
  }

  /** Adds the transfer to the sender's outgoing history; `out` holds its features, already written. */
  private foldOutgoing(s: number, r: number, out: Float64Array): void {
    const { f64, f32, u32, u8 } = this.columns;
    const value = this.scratch[EVENT_VALUE] as number;
    const b = s * F64_STRIDE;
    const b32 = s * F32_STRIDE;
    const bu = s * U32_STRIDE;
    const outTotal = u32[bu + OUT_TOTAL] as number;
    const weight = f64[b + OUT_COUNT_7D] as number;
    const alpha = 1 / (weight + 1);

    f64[b + OUT_COUNT_1H] = out[I.out_count_1h] as number;
    f64[b + OUT_COUNT_24H] = out[I.out_count_24h] as number;
    f64[b + OUT_COUNT_7D] = weight + 1;
    f64[b + OUT_SUM_1H] = (f64[b + OUT_SUM_1H] as number) + value;
    f64[b + OUT_SUM_24H] = (f64[b + OUT_SUM_24H] as number) + value;
    f64[b + OUT_SUM_7D] = (f64[b + OUT_SUM_7D] as number) + value;

    const x = out[I.amount_log] as number;
    const mean = f64[b + AMOUNT_MEAN] as number;
    const delta = x - mean;
    const newMean = mean + delta * alpha;
    f64[b + AMOUNT_MEAN] = newMean;
    f64[b + AMOUNT_VAR] = (weight * (f64[b + AMOUNT_VAR] as number) + delta * (x - newMean)) * alpha;

    const sinceOutLog = out[I.since_last_out_log] as number;
    if (outTotal === 1) f64[b + INTER_ARRIVAL_LOG_MEAN] = sinceOutLog;
    else if (outTotal > 1) {
      // There is one gap fewer than transfers, so the earlier outgoing count is the weight the gap
      // history already has: exact without decay, close with it.
      const m = f64[b + INTER_ARRIVAL_LOG_MEAN] as number;
      f64[b + INTER_ARRIVAL_LOG_MEAN] = m + (sinceOutLog - m) / Math.max(weight, 1);
    }
    f64[b + LAST_OUT] = f64[b + LAST_SEEN] as number;

    const keep = 1 - alpha;
    f32[b32 + NEW_COUNTERPARTY_SHARE] =
      (f32[b32 + NEW_COUNTERPARTY_SHARE] as number) * keep + (out[I.new_counterparty] as number) * alpha;
    f32[b32 + ROUND_SHARE] =
      (f32[b32 + ROUND_SHARE] as number) * keep + (out[I.round_amount] as number) * alpha;
    f32[b32 + CONTRACT_SHARE] =
      (f32[b32 + CONTRACT_SHARE] as number) * keep + (out[I.to_contract] as number) * alpha;
    const angle = hourAngle(hourOfDayUtc(this.scratch[EVENT_TIME] as number));
    f32[b32 + HOUR_COS] = (f32[b32 + HOUR_COS] as number) * keep + Math.cos(angle) * alpha;
    f32[b32 + HOUR_SIN] = (f32[b32 + HOUR_SIN] as number) * keep + Math.sin(angle) * alpha;
    for (let k = 0; k < BASELINE_TRACKED.length; k++) {
      const at = b32 + BASELINE_MEANS + k;
      f32[at] = (f32[at] as number) * keep + (out[BASELINE_TRACKED[k] as number] as number) * alpha;
    }

    const sketch = s * U8_STRIDE + FAN_OUT_SKETCH;
    if (sketchAdd(u8, sketch, (u32[r * U32_STRIDE + ADDRESS_HASH] as number) | 0)) {
      this.refreshEstimate(sketch, b32 + FAN_OUT_ESTIMATE);
    }
    if (outTotal < MAX_U32) u32[bu + OUT_TOTAL] = outTotal + 1;
  }

  /** Caches a sketch's estimate after a register grew (rare: the estimate is a sum over 64 registers). */
  private refreshEstimate(sketchOffset: number, estimateAt: number): void {
    this.columns.f32[estimateAt] = sketchEstimate(this.columns.u8, sketchOffset);
  }

  /** Adds the transfer to the recipient's incoming history; its clock is already at now. */
  private foldIncoming(r: number, s: number): void {
    const { f64, u32, u8 } = this.columns;
    const value = this.scratch[EVENT_VALUE] as number;
    const rb = r * F64_STRIDE;
    f64[rb + IN_COUNT_24H] = (f64[rb + IN_COUNT_24H] as number) + 1;
    f64[rb + IN_SUM_24H] = (f64[rb + IN_SUM_24H] as number) + value;
    if (value > 0) {
      f64[rb + LAST_VALUE_IN] = f64[rb + LAST_SEEN] as number;
      f64[rb + LAST_IN_VALUE] = value;
    }
    const sketch = r * U8_STRIDE + FAN_IN_SKETCH;
    if (sketchAdd(u8, sketch, (u32[s * U32_STRIDE + ADDRESS_HASH] as number) | 0)) {
      this.refreshEstimate(sketch, r * F32_STRIDE + FAN_IN_ESTIMATE);
    }
    const inTotal = u32[r * U32_STRIDE + IN_TOTAL] as number;
    if (inTotal < MAX_U32) u32[r * U32_STRIDE + IN_TOTAL] = inTotal + 1;
  }

  /**
   * The account's typical value of each feature, in the feature's own units, for explanations such as
   * "amount_log 9.2 vs usual 3.1". False for an unknown account (out untouched). Over the account's
   * outgoing transfers, 7 d half-life:
   * - amount_log: mean of log1p(value); amount_z and inter_arrival_ratio_log: 0 (their centre);
   * - since_last_out_log: mean log1p gap between outgoing transfers (needs two of them);
   * - new_counterparty, round_amount, to_contract and their shares: the share;
   * - out_count_*, out_sum_*, in_count_24h, in_sum_24h, dormancy_days, hour_deviation,
   *   counterparty_risk, since_last_in_log, out_over_last_in: mean of the feature's past values.
   * NaN where there is no meaningful baseline: account_age_days, activity_log, fan_out_log and
   * fan_in_log (they only grow, so "usual" is just an earlier value), and every feature of an account
   * that has only received.
   */
  baselineOf(account: string, out: Float64Array): boolean {
    const s = this.index.get(account);
    if (s === undefined) return false;
    if (out.length < FEATURE_COUNT) {
      throw new ArgusError('INPUT_INVALID', `baseline vectors need ${FEATURE_COUNT} places`);
    }
    this.writeBaseline(s, out);
    return true;
  }

  /** The UTC hour (0 <= h < 24) the account usually sends at; NaN if unknown or it never sent. */
  usualHourOf(account: string): number {
    const s = this.index.get(account);
    if (s === undefined || this.columns.u32[s * U32_STRIDE + OUT_TOTAL] === 0) return Number.NaN;
    const f32 = this.columns.f32;
    return hourOfMeanVector(
      f32[s * F32_STRIDE + HOUR_COS] as number,
      f32[s * F32_STRIDE + HOUR_SIN] as number,
    );
  }

  /** The whole state, to resume after a restart with AccountFeatureStore.load. */
  save(): Uint8Array {
    return encodeSnapshot(this.snapshot());
  }

  /** Restores a store saved by save(); the counterparty risk source is not part of the snapshot. */
  static load(bytes: Uint8Array, options: { counterpartyRisk?: CounterpartyRisk } = {}): AccountFeatureStore {
    const snapshot = decodeSnapshot(bytes);
    const store = new AccountFeatureStore({
      ...options,
      maxAccounts: snapshot.maxAccounts,
      // restore() replaces the arrays with the snapshot's, so allocate next to nothing here.
      initialCapacity: 1,
    });
    store.restore(snapshot);
    return store;
  }

  private snapshot(): StoreSnapshot {
    return {
      columns: this.columns,
      addresses: this.addresses.slice(0, this.count),
      maxAccounts: this.maxAccounts,
      hand: this.hand,
      evictions: this.evicted,
    };
  }

  private restore(snapshot: StoreSnapshot): void {
    const count = snapshot.addresses.length;
    for (let i = 0; i < count; i++) {
      const address = snapshot.addresses[i] as string;
      if (this.index.has(address)) {
        throw new ArgusError('INPUT_INVALID', `account feature snapshot lists ${address} twice`);
      }
      this.index.set(address, i);
    }
    this.columns = snapshot.columns;
    this.addresses = snapshot.addresses.slice();
    this.count = count;
    this.hand = snapshot.hand;
    this.evicted = snapshot.evictions;
  }

  /** The account's slot, creating (and if full, evicting for) it; never evicts `keep`. */
  private slotOf(address: string, keep: number): number {
    const existing = this.index.get(address);
    if (existing !== undefined) {
      this.columns.ref[existing] = 1;
      return existing;
    }
    let s: number;
    if (this.count < this.maxAccounts) {
      if (this.count === this.columns.capacity) {
        this.columns.grow(Math.min(this.columns.capacity * 2, this.maxAccounts), this.count);
      }
      s = this.count++;
    } else {
      s = this.victim(keep);
      this.index.delete(this.addresses[s] as string);
      this.columns.clear(s);
      this.evicted++;
    }
    this.index.set(address, s);
    this.addresses[s] = address;
    const { f64, u32, ref } = this.columns;
    const time = this.scratch[EVENT_TIME] as number;
    f64[s * F64_STRIDE + FIRST_SEEN] = time;
    f64[s * F64_STRIDE + LAST_SEEN] = time;
    u32[s * U32_STRIDE + ADDRESS_HASH] = hashAddress(address);
    ref[s] = 1;
    return s;
  }

  /** CLOCK: sweep, clearing reference bits, until an account untouched since the last sweep turns up. */
  private victim(keep: number): number {
    const ref = this.columns.ref;
    for (;;) {
      const h = this.hand;
      this.hand = h + 1 >= this.count ? 0 : h + 1;
      if (h === keep) continue;
      if (ref[h] === 1) ref[h] = 0;
      else return h;
    }
  }

  /**
   * Moves the account's clock to the event time, decaying its counters on the way; an event older than
   * the account's last activity counts as happening then, so decay is never negative.
   */
  private advanceClock(s: number): void {
    const f64 = this.columns.f64;
    const b = s * F64_STRIDE;
    const now = this.scratch[EVENT_TIME] as number;
    const dt = now - (f64[b + LAST_SEEN] as number);
    if (!(dt > 0)) {
      this.scratch[CLOCK_GAP] = 0;
      return;
    }
    this.scratch[CLOCK_GAP] = dt;
    const d1 = Math.exp(-dt * DECAY_RATE_1H);
    const d24 = Math.exp(-dt * DECAY_RATE_24H);
    const d7 = Math.exp(-dt * DECAY_RATE_7D);
    f64[b + OUT_COUNT_1H] = (f64[b + OUT_COUNT_1H] as number) * d1;
    f64[b + OUT_SUM_1H] = (f64[b + OUT_SUM_1H] as number) * d1;
    f64[b + OUT_COUNT_24H] = (f64[b + OUT_COUNT_24H] as number) * d24;
    f64[b + OUT_SUM_24H] = (f64[b + OUT_SUM_24H] as number) * d24;
    f64[b + IN_COUNT_24H] = (f64[b + IN_COUNT_24H] as number) * d24;
    f64[b + IN_SUM_24H] = (f64[b + IN_SUM_24H] as number) * d24;
    f64[b + OUT_COUNT_7D] = (f64[b + OUT_COUNT_7D] as number) * d7;
    f64[b + OUT_SUM_7D] = (f64[b + OUT_SUM_7D] as number) * d7;
    f64[b + LAST_SEEN] = now;
  }

  private writeBaseline(s: number, out: Float64Array): void {
    // A loop rather than fill(): a builtin call costs more than 27 stores.
    for (let i = 0; i < FEATURE_COUNT; i++) out[i] = Number.NaN;
    const { f64, f32, u32 } = this.columns;
    const outTotal = u32[s * U32_STRIDE + OUT_TOTAL] as number;
    if (outTotal === 0) return;
    const b = s * F64_STRIDE;
    const b32 = s * F32_STRIDE;
    out[I.amount_log] = f64[b + AMOUNT_MEAN] as number;
    out[I.amount_z] = 0;
    if (outTotal >= 2) {
      out[I.since_last_out_log] = f64[b + INTER_ARRIVAL_LOG_MEAN] as number;
      out[I.inter_arrival_ratio_log] = 0;
    }
    const newShare = f32[b32 + NEW_COUNTERPARTY_SHARE] as number;
    out[I.new_counterparty] = newShare;
    out[I.new_counterparty_share] = newShare;
    const roundShare = f32[b32 + ROUND_SHARE] as number;
    out[I.round_amount] = roundShare;
    out[I.round_amount_share] = roundShare;
    const contractShare = f32[b32 + CONTRACT_SHARE] as number;
    out[I.to_contract] = contractShare;
    out[I.contract_share] = contractShare;
    for (let k = 0; k < BASELINE_TRACKED.length; k++) {
      out[BASELINE_TRACKED[k] as number] = f32[b32 + BASELINE_MEANS + k] as number;
    }
  }
}
