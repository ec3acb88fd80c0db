import { z } from 'zod';
import type { Severity } from '../../core/severity.js';
import { FEATURE_INDEX } from '../features/featureNames.js';
import type { TransferEvent } from '../transferEvent.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber, formatValue } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, meanScore, vectorEvidence } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';

export const DormantHighValueRuleSchema = z.strictObject({
  ...COMMON_RULE_KEYS,
  type: z.literal('dormant-high-value'),
  /** Least time without any activity (in or out) before this transfer. */
  dormantFor: DurationSchema,
  minValue: AmountSchema,
});
export type DormantHighValueRule = z.output<typeof DormantHighValueRuleSchema>;

const DORMANCY = FEATURE_INDEX.dormancy_days;
const DAY_MS = 86_400_000;
const NO_STATE: RuleState = { entries: 0, maxEntries: 0, bytes: 0 };

/**
 * A long-silent account suddenly moves a large amount (account takeover, an insider's exit).
 * Dormancy comes from the feature `dormancy_days`: remembering every account's last activity for
 * months is what the feature store already does, so this rule keeps no state of its own.
 */
export class DormantHighValue implements CompiledRule {
  readonly type = 'dormant-high-value' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly dormantDays: number;
  private readonly minValue: number;

  constructor(rule: DormantHighValueRule) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.dormantDays = rule.dormantFor / DAY_MS;
    this.minValue = rule.minValue;
  }

  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    const value = event.valueUsd ?? event.amount;
    if (!(value >= this.minValue)) return;
    const dormancy = features[DORMANCY] as number;
    if (!(dormancy >= this.dormantDays)) return;
    if (!this.scope.matches(event, event.fromKind)) return;
    const rule = `≥ ${formatDuration(this.dormantDays * DAY_MS)} dormant and ≥ ${formatNumber(this.minValue)}`;
    emit({
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: meanScore(exceedanceScore(dormancy, this.dormantDays), exceedanceScore(value, this.minValue)),
      title: `Dormant account moved ${formatValue(value, event)}`,
      explanation: `dormant for ${formatDuration(dormancy * DAY_MS)}, then sent ${formatValue(value, event)} to ${event.to}; rule: ${rule}`,
      evidence: [
        { kind: 'feature', name: 'dormancy_days', value: dormancy, baseline: this.dormantDays },
        { kind: 'feature', name: 'transfer_value', value, baseline: this.minValue },
        { kind: 'fact', name: 'recipient', value: event.to },
        ...vectorEvidence(features, ['account_age_days', 'activity_log']),
      ],
      accounts: [event.from],
    });
  }

  state(): RuleState {
    return NO_STATE;
  }
}
