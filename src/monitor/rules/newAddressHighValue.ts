import { z } from 'zod';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_INDEX } from '../features/featureNames.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber, formatValue } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, vectorEvidence } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';
import { usualOutgoingValue } from './usualValue.js';

export const NewAddressHighValueRuleSchema = z.strictObject({
  ...COMMON_RULE_KEYS,
  type: z.literal('new-address-high-value'),
  minValue: AmountSchema,
  /**
   * Skip accounts younger than this: every first transfer of a new account goes to a new address,
   * which some operators want to see and others (with their own onboarding checks) do not.
   */
  minAccountAge: DurationSchema.optional(),
  /**
   * The transfer must also be at least this many times the account's usual outgoing transfer (decayed
   * mean), so that a customer who always moves six figures does not fire on every new counterparty.
   * Accounts that never sent only need minValue.
   */
  minTimesUsual: z.number().min(1).max(1_000_000).optional(),
});
export type NewAddressHighValueRule = z.output<typeof NewAddressHighValueRuleSchema>;

const NEW_COUNTERPARTY = FEATURE_INDEX.new_counterparty;
const AGE = FEATURE_INDEX.account_age_days;
const DAY_MS = 86_400_000;
const NO_STATE: RuleState = { entries: 0, maxEntries: 0, bytes: 0 };

/**
 * A large first payment to a recipient the account never paid before (a drained account, a
 * changed payout address). "Never paid before" is the feature `new_counterparty`: remembering every
 * account's recipients is the feature store's job, and it does that in bounded memory.
 */
export class NewAddressHighValue implements CompiledRule {
  readonly type = 'new-address-high-value' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly minValue: number;
  private readonly minAgeDays: number;
  private readonly minTimes: number;

  constructor(rule: NewAddressHighValueRule) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.minValue = rule.minValue;
    this.minAgeDays = rule.minAccountAge === undefined ? 0 : rule.minAccountAge / DAY_MS;
    this.minTimes = rule.minTimesUsual ?? 0;
  }

  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    const value = event.valueUsd ?? event.amount;
    if (!(value >= this.minValue)) return;
    if (!((features[NEW_COUNTERPARTY] as number) >= 0.5)) return;
    const age = features[AGE] as number;
    if (this.minAgeDays > 0 && !(age >= this.minAgeDays)) return;
    if (!this.scope.matches(event, event.fromKind, event.toKind)) return;
    const usual = this.minTimes > 0 ? usualOutgoingValue(features, value) : Number.NaN;
    if (usual > 0 && value < this.minTimes * usual) return;
    const timesRule = this.minTimes > 0 ? ` and ≥ ${this.minTimes}× its usual transfer` : '';
    const ageRule =
      this.minAgeDays > 0 ? ` from an account at least ${formatDuration(this.minAgeDays * DAY_MS)} old` : '';
    emit({
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: exceedanceScore(value, this.minValue),
      title: `${formatValue(value, event)} to a new address`,
      explanation:
        `sent ${formatValue(value, event)} to ${event.to}, a recipient this account never paid before` +
        (usual > 0 ? ` (usual transfer ${formatNumber(Math.round(usual * 100) / 100)})` : '') +
        `; rule: first transfer to a new recipient and ≥ ${formatNumber(this.minValue)}${timesRule}${ageRule}`,
      evidence: [
        { kind: 'feature', name: 'new_counterparty', value: 1 },
        { kind: 'feature', name: 'transfer_value', value, baseline: this.minValue },
        ...(usual > 0 ? [{ kind: 'feature' as const, name: 'usual_transfer_value', value: usual }] : []),
        { kind: 'fact', name: 'recipient', value: event.to },
        ...vectorEvidence(features, [
          'new_counterparty_share',
          'counterparty_risk',
          'fan_out_log',
          'account_age_days',
        ]),
      ],
      accounts: [event.from],
    });
  }

  state(): RuleState {
    return NO_STATE;
  }
}
