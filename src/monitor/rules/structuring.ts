import { z } from 'zod';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { AccountWindows, stateBudgetProblem } from './accountWindows.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber, formatValue } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS, MaxAccountsSchema } from './ruleCommon.js';
import { type EmitHit, exceedanceScore } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';

export const StructuringRuleSchema = z
  .strictObject({
    ...COMMON_RULE_KEYS,
    type: z.literal('structuring'),
    /** The reporting threshold being dodged, in the reference currency. */
    threshold: AmountSchema.positive('expected an amount above 0'),
    /** How far below the threshold still counts: 0.1 means [0.9·threshold, threshold). */
    margin: z.number().gt(0).lt(1).default(0.1),
    minCount: z.number().int().min(2).max(1_000),
    window: DurationSchema,
    maxAccounts: MaxAccountsSchema,
  })
  .superRefine((rule, ctx) => {
    const problem = stateBudgetProblem(rule.minCount, rule.maxAccounts);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['minCount'], message: problem });
  });
export type StructuringRuleConfig = z.output<typeof StructuringRuleSchema>;

/**
 * Several transfers from one account just under a reporting threshold within a window (splitting
 * to stay under it). Only transfers in the band touch state, so accounts that never send such
 * amounts cost nothing; each account keeps its last minCount band transfers, exactly what the
 * count needs.
 */
export class StructuringRule implements CompiledRule {
  readonly type = 'structuring' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly windows: AccountWindows;
  private readonly low: number;

  constructor(private readonly rule: StructuringRuleConfig) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.low = rule.threshold * (1 - rule.margin);
    this.windows = new AccountWindows(rule.minCount, rule.window, rule.maxAccounts);
  }

  evaluate(event: TransferEvent, _features: Float64Array, emit: EmitHit): void {
    const value = event.valueUsd ?? event.amount;
    if (!(value >= this.low && value < this.rule.threshold)) return;
    if (!this.scope.matches(event, event.fromKind, event.toKind)) return;
    const slot = this.windows.record(event.from, event);
    if (slot < 0) return;
    const peak = this.windows.peakAround(slot);
    if (peak.count < this.rule.minCount) return;
    this.windows.markFired(slot, event.time);

    const atLeast = this.windows.mayUndercount(slot, peak) ? 'at least ' : '';
    const band = `[${formatNumber(this.low)}, ${formatNumber(this.rule.threshold)})`;
    const window = formatDuration(this.rule.window);
    emit({
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: exceedanceScore(peak.count, this.rule.minCount),
      title: `${peak.count} transfers just below ${formatNumber(this.rule.threshold)} within ${window}`,
      explanation:
        `sent ${atLeast}${peak.count} transfers in ${band} totalling ${atLeast}${formatNumber(peak.sum)} within ${window}` +
        ` (this one ${formatValue(value, event)}); rule: ≥ ${this.rule.minCount} transfers in ${band} within ${window}`,
      evidence: [
        {
          kind: 'feature',
          name: 'transfers_below_threshold',
          value: peak.count,
          baseline: this.rule.minCount,
        },
        { kind: 'feature', name: 'transfer_value', value, baseline: this.rule.threshold },
        { kind: 'feature', name: 'value_in_window', value: peak.sum },
      ],
      accounts: [event.from],
    });
  }

  state(): RuleState {
    return this.windows.state();
  }
}
