import { z } from 'zod';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_INDEX } from '../features/featureNames.js';
import { AccountSlots, copyInto, type SlotListener } from './accountSlots.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS, MaxAccountsSchema } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, type RuleHit, vectorEvidence } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';

const NEW_COUNTERPARTY = FEATURE_INDEX.new_counterparty;
const REPORTED = 1;
const DROPPED = 2;

export const PassThroughRuleSchema = z.strictObject({
  ...COMMON_RULE_KEYS,
  type: z.literal('pass-through'),
  /** How soon after receiving the value must leave. */
  window: DurationSchema,
  /** Share of the inbound value that must leave: 0.9 means at least 90 %. */
  ratio: z.number().gt(0).max(100).default(0.9),
  /**
   * Most that may leave, as a share of the inbound value, for it still to be this value passing
   * through: an account that receives 2,000 and then pays out 10,000 is spending its own balance.
   * Once the outgoing sum passes it the inbound transfer is no longer followed. Absent: no limit.
   */
  maxRatio: z.number().gt(0).max(1_000_000).optional(),
  /** Smallest inbound value worth following. */
  minValue: AmountSchema.default(0),
  /**
   * Only follow inbound transfers from a sender that never paid this account before (the sender's
   * feature new_counterparty): a mule is fed by people it does not know, a customer tops up from
   * their own wallets.
   */
  requireNewSender: z.boolean().default(false),
  /**
   * At least one of the onward transfers goes to a recipient the account never paid before (feature
   * new_counterparty): a mule passes money to someone new, a customer topping up and withdrawing to
   * their own wallet does not.
   */
  requireNewRecipient: z.boolean().default(false),
  /**
   * Accounts in a row that must each receive the value and pass it on within the window before the
   * rule fires: 1 for a single mule, 2 or more for a peel chain, whose hops are fresh addresses that
   * forward almost everything within minutes. A chain fires once, at the hop that reaches minHops;
   * hops further down the same chain stay quiet.
   */
  minHops: z.number().int().min(1).max(1_000).default(1),
  maxAccounts: MaxAccountsSchema,
});
export type PassThroughRuleConfig = z.output<typeof PassThroughRuleSchema>;

/**
 * Value received and sent on almost at once (a mule or a peel chain). Own state rather than the
 * features since_last_in_log / out_over_last_in: those compare one outgoing transfer with the last
 * inbound one, while a mule usually splits what it forwards; here the outgoing transfers after an
 * inbound one are summed until they reach the ratio or the window closes. Inbound transfers are seen
 * as the `to` side of the events the engine evaluates. The latest inbound transfer replaces the one
 * before it (as in out_over_last_in), and fires at most once.
 *
 * Hops: an inbound transfer from an account that is itself passing on value it received within the
 * window extends that account's chain by one; an inbound from anyone else starts a chain of one.
 *
 * Bytes per account: 8 (inbound time) + 8 (inbound value) + 8 (sum sent since) + 4 (flags, hops) +
 * 20 (recency list, last seen, free list) + 40 to 80 (index table), plus the account id string when
 * nothing else holds it.
 */
export class PassThroughRule implements CompiledRule, SlotListener {
  readonly type = 'pass-through' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly slots: AccountSlots;
  private readonly maxRatio: number;
  private inTime = new Float64Array(0);
  private inValue = new Float64Array(0);
  private outSum = new Float64Array(0);
  /** 0 while following this inbound; REPORTED once reported here or upstream in its chain; DROPPED once too much left. */
  private fired = new Uint8Array(0);
  /** 1 once an onward transfer went to a new recipient. */
  private newRecipient = new Uint8Array(0);
  /** Position of this account in its chain of pass-through hops (1: the value came from outside one). */
  private hops = new Uint16Array(0);

  constructor(private readonly rule: PassThroughRuleConfig) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.slots = new AccountSlots(rule.maxAccounts, rule.window, this);
    this.maxRatio = rule.maxRatio ?? Number.POSITIVE_INFINITY;
  }

  grow(capacity: number): void {
    this.inTime = copyInto(new Float64Array(capacity), this.inTime);
    this.inValue = copyInto(new Float64Array(capacity), this.inValue);
    this.outSum = copyInto(new Float64Array(capacity), this.outSum);
    const fired = new Uint8Array(capacity);
    fired.set(this.fired);
    this.fired = fired;
    const newRecipient = new Uint8Array(capacity);
    newRecipient.set(this.newRecipient);
    this.newRecipient = newRecipient;
    const hops = new Uint16Array(capacity);
    hops.set(this.hops);
    this.hops = hops;
  }

  reset(slot: number): void {
    this.inTime[slot] = Number.NaN;
    this.inValue[slot] = 0;
    this.outSum[slot] = 0;
    this.fired[slot] = 0;
    this.newRecipient[slot] = 0;
    this.hops[slot] = 0;
  }

  // Helpers take the event rather than its time and value: numbers passed to a call that is not
  // inlined are boxed on the heap, and this runs for every transfer.
  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    if (event.from === event.to) return;
    // The sender's slot when it is passing on value received within the window, else -1.
    let upstream = -1;
    if (this.slots.size > 0 && this.scope.matches(event, event.fromKind, event.toKind)) {
      const slot = this.slots.find(event.from);
      if (slot >= 0 && this.sent(slot, event, features, emit)) upstream = slot;
    }
    const value = event.valueUsd ?? event.amount;
    if (!(value > 0 && value >= this.rule.minValue)) return;
    // The vector is the sender's, so new_counterparty says whether it paid this recipient before.
    if (this.rule.requireNewSender && !((features[NEW_COUNTERPARTY] as number) >= 0.5)) return;
    if (this.scope.matches(event, event.toKind, event.fromKind)) this.received(event, upstream);
  }

  private received(event: TransferEvent, upstream: number): void {
    // Read the sender's chain before acquire(), which may hand its slot to the recipient.
    const hops = upstream >= 0 ? Math.min((this.hops[upstream] as number) + 1, 0xffff) : 1;
    const firedUpstream = upstream >= 0 && this.fired[upstream] === REPORTED ? REPORTED : 0;
    const slot = this.slots.acquire(event.to, event);
    const time = event.time;
    // A late inbound transfer older than the one already followed does not replace it.
    if (time < (this.inTime[slot] as number)) return;
    this.inTime[slot] = time;
    this.inValue[slot] = event.valueUsd ?? event.amount;
    this.outSum[slot] = 0;
    this.fired[slot] = this.rule.minHops > 1 ? firedUpstream : 0;
    this.newRecipient[slot] = 0;
    this.hops[slot] = hops;
  }

  /** Counts an onward transfer; true when it lies within the window of the inbound one (a hop). */
  private sent(slot: number, event: TransferEvent, features: Float64Array, emit: EmitHit): boolean {
    const elapsed = event.time - (this.inTime[slot] as number);
    // Negative: sent before the inbound transfer (a late event); NaN: nothing received yet.
    if (!(elapsed >= 0 && elapsed <= this.rule.window)) return false;
    if (this.fired[slot] !== 0) return true;
    const sum = (this.outSum[slot] as number) + (event.valueUsd ?? event.amount);
    this.outSum[slot] = sum;
    if ((features[NEW_COUNTERPARTY] as number) >= 0.5) this.newRecipient[slot] = 1;
    if (sum < this.rule.ratio * (this.inValue[slot] as number)) return true;
    if (sum > this.maxRatio * (this.inValue[slot] as number)) {
      // More left than came in: the account's own money, not this inbound passing through.
      this.fired[slot] = DROPPED;
      return true;
    }
    if (this.rule.requireNewRecipient && this.newRecipient[slot] === 0) return true;
    if ((this.hops[slot] as number) < this.rule.minHops) return true;
    this.fired[slot] = REPORTED;
    emit(this.hit(slot, event, features));
    return true;
  }

  /** Kept apart from sent(), so the hot check stays small enough to inline. */
  private hit(slot: number, event: TransferEvent, features: Float64Array): RuleHit {
    const sum = this.outSum[slot] as number;
    const received = this.inValue[slot] as number;
    const elapsed = event.time - (this.inTime[slot] as number);
    const share = sum / received;
    const hops = this.hops[slot] as number;
    const window = formatDuration(this.rule.window);
    const inbound = this.rule.minValue > 0 ? ` of an inbound ≥ ${formatNumber(this.rule.minValue)}` : '';
    const chain = this.rule.minHops > 1 ? `, hop ${hops} of a chain of accounts each passing it on` : '';
    const upTo = this.rule.maxRatio === undefined ? '' : ` (at most ${formatPercent(this.rule.maxRatio)})`;
    let rule = `≥ ${formatPercent(this.rule.ratio)}${upTo}${inbound} sent on within ${window}`;
    if (this.rule.requireNewSender) rule += ', from a new sender';
    if (this.rule.requireNewRecipient) rule += ', to a new recipient';
    if (this.rule.minHops > 1) rule += `, ≥ ${this.rule.minHops} hops in a row`;
    const title =
      this.rule.minHops > 1
        ? `Chain of ${hops} pass-through hops: ${formatPercent(share)} of ${formatNumber(received)} sent on within ${formatDuration(elapsed)}`
        : `${formatPercent(share)} of an inbound ${formatNumber(received)} sent on within ${formatDuration(elapsed)}`;
    return {
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: exceedanceScore(share, this.rule.ratio),
      title,
      explanation:
        `received ${formatNumber(received)}, then sent ${formatNumber(sum)} (${formatPercent(share)} of it)` +
        ` within ${formatDuration(elapsed)}${chain}; rule: ${rule} (values in the reference currency)`,
      evidence: [
        { kind: 'feature', name: 'hops', value: hops, baseline: this.rule.minHops },
        { kind: 'feature', name: 'sent_over_received', value: share, baseline: this.rule.ratio },
        { kind: 'feature', name: 'received_value', value: received, baseline: this.rule.minValue },
        {
          kind: 'feature',
          name: 'seconds_since_received',
          value: elapsed / 1_000,
          baseline: this.rule.window / 1_000,
        },
        ...vectorEvidence(features, ['since_last_in_log', 'out_over_last_in']),
      ],
      accounts: [event.from],
    };
  }

  state(): RuleState {
    return {
      entries: this.slots.size,
      maxEntries: this.slots.maxAccounts,
      bytes: this.slots.allocated * 28 + this.slots.bytes,
    };
  }
}

function formatPercent(share: number): string {
  return `${formatNumber(Math.round(share * 1_000) / 10)}%`;
}
