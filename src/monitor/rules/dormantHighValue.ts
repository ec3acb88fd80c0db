import { z } from 'zod';
import type { Evidence } from '../../core/alert.js';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_INDEX } from '../features/featureNames.js';
import { AccountSlots, copyInto, type SlotListener } from './accountSlots.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber, formatValue } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS, MaxAccountsSchema } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, meanScore, type RuleHit, vectorEvidence } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';
import { usualOutgoingValue } from './usualValue.js';

export const DormantHighValueRuleSchema = z.strictObject({
  ...COMMON_RULE_KEYS,
  type: z.literal('dormant-high-value'),
  /** Least time without any activity (in or out) before the transfer that wakes the account. */
  dormantFor: DurationSchema,
  /** Least value sent, in total over `window` after waking. */
  minValue: AmountSchema,
  /**
   * How long after waking the account's transfers add up (a drain often comes in a few parts);
   * absent: the waking transfer alone must reach the thresholds.
   */
  window: DurationSchema.optional(),
  /**
   * The total must also be at least this many times the account's usual outgoing transfer (decayed
   * mean), so that an account that always moves large amounts does not fire just for a pause.
   * Accounts that never sent have no usual value and only need minValue.
   */
  minTimesUsual: z.number().min(1).max(1_000_000).optional(),
  /** At least one of the transfers goes to a recipient the account never paid before (feature new_counterparty). */
  requireNewRecipient: z.boolean().default(false),
  maxAccounts: MaxAccountsSchema,
});
export type DormantHighValueRule = z.output<typeof DormantHighValueRuleSchema>;

const DORMANCY = FEATURE_INDEX.dormancy_days;
const NEW_COUNTERPARTY = FEATURE_INDEX.new_counterparty;
const DAY_MS = 86_400_000;

/**
 * A long-silent account wakes and moves a large amount (account takeover, a sold account, an insider's
 * exit). Dormancy comes from the feature `dormancy_days`: remembering every account's last activity
 * for months is the feature store's job. The rule itself only remembers accounts that woke within the
 * last `window`, so its state stays small: dormant accounts waking up are few.
 *
 * Bytes per remembered account: 8 (woke at) + 8 (sent since) + 8 (usual value) + 2 (flags) + 20
 * (recency list, last seen, free list) + 40 to 80 (index table).
 */
export class DormantHighValue implements CompiledRule, SlotListener {
  readonly type = 'dormant-high-value' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly dormantDays: number;
  private readonly windowMs: number;
  private readonly slots: AccountSlots;
  private wokeAt = new Float64Array(0);
  private sent = new Float64Array(0);
  private usual = new Float64Array(0);
  private newRecipient = new Uint8Array(0);
  private fired = new Uint8Array(0);
  /** Dormancy at waking, kept for the explanation of a hit that completes later. */
  private dormancy = new Float64Array(0);

  constructor(private readonly rule: DormantHighValueRule) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.dormantDays = rule.dormantFor / DAY_MS;
    this.windowMs = rule.window ?? 0;
    this.slots = new AccountSlots(rule.maxAccounts, Math.max(1, this.windowMs), this, 64);
  }

  grow(capacity: number): void {
    this.wokeAt = copyInto(new Float64Array(capacity), this.wokeAt);
    this.sent = copyInto(new Float64Array(capacity), this.sent);
    this.usual = copyInto(new Float64Array(capacity), this.usual);
    this.dormancy = copyInto(new Float64Array(capacity), this.dormancy);
    const newRecipient = new Uint8Array(capacity);
    newRecipient.set(this.newRecipient);
    this.newRecipient = newRecipient;
    const fired = new Uint8Array(capacity);
    fired.set(this.fired);
    this.fired = fired;
  }

  reset(slot: number): void {
    this.wokeAt[slot] = Number.NaN;
    this.sent[slot] = 0;
    this.usual[slot] = Number.NaN;
    this.dormancy[slot] = 0;
    this.newRecipient[slot] = 0;
    this.fired[slot] = 0;
  }

  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    // The common case, an account that was active lately and did not wake within the window, costs
    // one comparison and (while some account is awake) one lookup.
    const dormancy = features[DORMANCY] as number;
    let slot: number;
    if (dormancy >= this.dormantDays) slot = this.wake(event, features);
    else {
      if (this.windowMs === 0 || this.slots.size === 0) return;
      slot = this.slots.find(event.from);
      if (slot < 0) return;
    }
    if (this.fired[slot] === 1) return;
    const elapsed = event.time - (this.wokeAt[slot] as number);
    if (!(elapsed >= 0 && elapsed <= this.windowMs)) return;
    if (!this.scope.matches(event, event.fromKind, event.toKind)) return;
    const total = (this.sent[slot] as number) + (event.valueUsd ?? event.amount);
    this.sent[slot] = total;
    if ((features[NEW_COUNTERPARTY] as number) >= 0.5) this.newRecipient[slot] = 1;
    if (!(total >= this.needed(slot))) return;
    if (this.rule.requireNewRecipient && this.newRecipient[slot] === 0) return;
    this.fired[slot] = 1;
    emit(this.hit(slot, event, features));
  }

  /** Starts following an account that just woke: this transfer is the first after its silence. */
  private wake(event: TransferEvent, features: Float64Array): number {
    const slot = this.slots.acquire(event.from, event);
    this.reset(slot);
    this.wokeAt[slot] = event.time;
    this.dormancy[slot] = features[DORMANCY] as number;
    this.usual[slot] = usualOutgoingValue(features, event.valueUsd ?? event.amount);
    return slot;
  }

  /** The total that fires: minValue, or minTimesUsual × the usual transfer when that is more. */
  private needed(slot: number): number {
    const usual = this.usual[slot] as number;
    const times = this.rule.minTimesUsual;
    if (times === undefined || !(usual > 0)) return this.rule.minValue;
    return Math.max(this.rule.minValue, times * usual);
  }

  private hit(slot: number, event: TransferEvent, features: Float64Array): RuleHit {
    const total = this.sent[slot] as number;
    const dormancy = this.dormancy[slot] as number;
    const usual = this.usual[slot] as number;
    const needed = this.needed(slot);
    const elapsed = event.time - (this.wokeAt[slot] as number);
    const times = this.rule.minTimesUsual;
    let rule = `≥ ${formatDuration(this.dormantDays * DAY_MS)} dormant and ≥ ${formatNumber(this.rule.minValue)}`;
    if (times !== undefined) rule += ` and ≥ ${formatNumber(times)}× its usual transfer`;
    if (this.windowMs > 0) rule += ` within ${formatDuration(this.windowMs)} of waking`;
    if (this.rule.requireNewRecipient) rule += ', to a new recipient';
    const sent =
      elapsed > 0
        ? `sent ${formatValue(total, event)} within ${formatDuration(elapsed)} of waking, the last to ${event.to}`
        : `sent ${formatValue(total, event)} to ${event.to}`;
    let usualText = '';
    if (times !== undefined) {
      usualText =
        usual > 0 ? ` (its usual transfer: ${formatValue(usual, event)})` : ' (it never sent before)';
    }
    const evidence: Evidence[] = [
      { kind: 'feature', name: 'dormancy_days', value: dormancy, baseline: this.dormantDays },
      { kind: 'feature', name: 'value_since_waking', value: total, baseline: needed },
      { kind: 'fact', name: 'recipient', value: event.to },
    ];
    if (usual > 0) evidence.push({ kind: 'feature', name: 'usual_transfer_value', value: usual });
    return {
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: meanScore(exceedanceScore(dormancy, this.dormantDays), exceedanceScore(total, needed)),
      title: `Dormant account moved ${formatValue(total, event)}`,
      explanation: `dormant for ${formatDuration(dormancy * DAY_MS)}, then ${sent}${usualText}; rule: ${rule}`,
      evidence: [
        ...evidence,
        ...vectorEvidence(features, ['account_age_days', 'activity_log', 'new_counterparty']),
      ],
      accounts: [event.from],
    };
  }

  state(): RuleState {
    return {
      entries: this.slots.size,
      maxEntries: this.slots.maxAccounts,
      bytes: this.slots.allocated * 34 + this.slots.bytes,
    };
  }
}
