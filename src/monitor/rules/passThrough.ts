import { z } from 'zod';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../transferEvent.js';
import { AccountSlots, copyInto, type SlotListener } from './accountSlots.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS, MaxAccountsSchema } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, type RuleHit, vectorEvidence } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';

export const PassThroughRuleSchema = z.strictObject({
  ...COMMON_RULE_KEYS,
  type: z.literal('pass-through'),
  /** How soon after receiving the value must leave. */
  window: DurationSchema,
  /** Share of the inbound value that must leave: 0.9 means at least 90 %. */
  ratio: z.number().gt(0).max(100).default(0.9),
  /** Smallest inbound value worth following. */
  minValue: AmountSchema.default(0),
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
 * Bytes per account: 8 (inbound time) + 8 (inbound value) + 8 (sum sent since) + 1 (fired) + 20
 * (recency list, last seen, free list) + 40 to 80 (index table), plus the account id string when
 * nothing else holds it.
 */
export class PassThroughRule implements CompiledRule, SlotListener {
  readonly type = 'pass-through' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly slots: AccountSlots;
  private inTime = new Float64Array(0);
  private inValue = new Float64Array(0);
  private outSum = new Float64Array(0);
  private fired = new Uint8Array(0);

  constructor(private readonly rule: PassThroughRuleConfig) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.slots = new AccountSlots(rule.maxAccounts, rule.window, this);
  }

  grow(capacity: number): void {
    this.inTime = copyInto(new Float64Array(capacity), this.inTime);
    this.inValue = copyInto(new Float64Array(capacity), this.inValue);
    this.outSum = copyInto(new Float64Array(capacity), this.outSum);
    const fired = new Uint8Array(capacity);
    fired.set(this.fired);
    this.fired = fired;
  }

  reset(slot: number): void {
    this.inTime[slot] = Number.NaN;
    this.inValue[slot] = 0;
    this.outSum[slot] = 0;
    this.fired[slot] = 0;
  }

  // Helpers take the event rather than its time and value: numbers passed to a call that is not
  // inlined are boxed on the heap, and this runs for every transfer.
  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    if (event.from === event.to) return;
    if (this.slots.size > 0 && this.scope.matches(event, event.fromKind, event.toKind)) {
      const slot = this.slots.find(event.from);
      if (slot >= 0) this.sent(slot, event, features, emit);
    }
    const value = event.valueUsd ?? event.amount;
    if (value > 0 && value >= this.rule.minValue && this.scope.matches(event, event.toKind, event.fromKind)) {
      this.received(event);
    }
  }

  private received(event: TransferEvent): void {
    const slot = this.slots.acquire(event.to, event);
    const time = event.time;
    // A late inbound transfer older than the one already followed does not replace it.
    if (time < (this.inTime[slot] as number)) return;
    this.inTime[slot] = time;
    this.inValue[slot] = event.valueUsd ?? event.amount;
    this.outSum[slot] = 0;
    this.fired[slot] = 0;
  }

  private sent(slot: number, event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    if (this.fired[slot] === 1) return;
    const elapsed = event.time - (this.inTime[slot] as number);
    // Negative: sent before the inbound transfer (a late event); NaN: nothing received yet.
    if (!(elapsed >= 0 && elapsed <= this.rule.window)) return;
    const sum = (this.outSum[slot] as number) + (event.valueUsd ?? event.amount);
    this.outSum[slot] = sum;
    if (sum < this.rule.ratio * (this.inValue[slot] as number)) return;
    this.fired[slot] = 1;
    emit(this.hit(slot, event, features));
  }

  /** Kept apart from sent(), so the hot check stays small enough to inline. */
  private hit(slot: number, event: TransferEvent, features: Float64Array): RuleHit {
    const sum = this.outSum[slot] as number;
    const received = this.inValue[slot] as number;
    const elapsed = event.time - (this.inTime[slot] as number);
    const share = sum / received;
    const window = formatDuration(this.rule.window);
    const inbound = this.rule.minValue > 0 ? ` of an inbound ≥ ${formatNumber(this.rule.minValue)}` : '';
    return {
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: exceedanceScore(share, this.rule.ratio),
      title: `${formatPercent(share)} of an inbound ${formatNumber(received)} sent on within ${formatDuration(elapsed)}`,
      explanation:
        `received ${formatNumber(received)}, then sent ${formatNumber(sum)} (${formatPercent(share)} of it)` +
        ` within ${formatDuration(elapsed)}; rule: ≥ ${formatPercent(this.rule.ratio)}${inbound} sent on within ${window}` +
        ' (values in the reference currency)',
      evidence: [
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
      bytes: this.slots.allocated * 25 + this.slots.bytes,
    };
  }
}

function formatPercent(share: number): string {
  return `${formatNumber(Math.round(share * 1_000) / 10)}%`;
}
