import { z } from 'zod';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_INDEX } from '../features/featureNames.js';
import { AccountWindows, stateBudgetProblem } from './accountWindows.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber, formatValue } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS, MaxAccountsSchema } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, vectorEvidence } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';

const NEW_COUNTERPARTY = FEATURE_INDEX.new_counterparty;

/** Transfers remembered per account when only maxValue is set (see VelocityRule). */
export const VALUE_ONLY_HISTORY = 64;

export const VelocityRuleSchema = z
  .strictObject({
    ...COMMON_RULE_KEYS,
    type: z.literal('velocity'),
    window: DurationSchema,
    /** Fires on more than this many outgoing transfers within the window. */
    maxCount: z.number().int().min(0).max(1_000).optional(),
    /** Fires on more than this total value within the window. */
    maxValue: AmountSchema.optional(),
    /**
     * Count only transfers to recipients the account never paid before (feature new_counterparty):
     * someone emptying a taken-over account pays many new addresses in a row, its owner mostly pays
     * the same few.
     */
    onlyNewRecipients: z.boolean().default(false),
    maxAccounts: MaxAccountsSchema,
  })
  .superRefine((rule, ctx) => {
    if (rule.maxCount === undefined && rule.maxValue === undefined) {
      ctx.addIssue({ code: 'custom', path: ['maxCount'], message: 'expected maxCount, maxValue or both' });
    }
    const problem = stateBudgetProblem(historyWidth(rule.maxCount), rule.maxAccounts);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['maxCount'], message: problem });
  });
export type VelocityRuleConfig = z.output<typeof VelocityRuleSchema>;

/** Transfers each account must remember: one past the limit is all the count needs. */
function historyWidth(maxCount: number | undefined): number {
  return maxCount === undefined ? VALUE_ONLY_HISTORY : maxCount + 1;
}

/**
 * Too many, or too much, sent by one account within a window. Exact rather than decayed: the feature
 * store's decayed counts have fixed half-lives (1 h, 24 h, 7 d) and blur the edge, while an operator
 * who writes "more than 10 in 10m" expects 11 transfers spanning exactly 10 minutes to fire and 11
 * spanning a millisecond more not to. Each account keeps its last maxCount + 1 transfers, which is
 * all the count needs; the value total is exact too whenever the count has not already fired. With
 * maxValue alone the account keeps its last 64 transfers, so a total spread over more than 64
 * transfers in one window is undercounted (a lower bound).
 */
export class VelocityRule implements CompiledRule {
  readonly type = 'velocity' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly windows: AccountWindows;
  private readonly maxCount: number;
  private readonly maxValue: number;

  constructor(private readonly rule: VelocityRuleConfig) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.maxCount = rule.maxCount ?? Number.POSITIVE_INFINITY;
    this.maxValue = rule.maxValue ?? Number.POSITIVE_INFINITY;
    this.windows = new AccountWindows(historyWidth(rule.maxCount), rule.window, rule.maxAccounts);
  }

  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    if (this.rule.onlyNewRecipients && !((features[NEW_COUNTERPARTY] as number) >= 0.5)) return;
    if (!this.scope.matches(event, event.fromKind, event.toKind)) return;
    const slot = this.windows.record(event.from, event);
    if (slot < 0) return;
    const peak = this.windows.peakAround(slot);
    const tooMany = peak.count > this.maxCount;
    const tooMuch = peak.sum > this.maxValue;
    if (!tooMany && !tooMuch) return;
    this.windows.markFired(slot, event.time);

    const value = event.valueUsd ?? event.amount;
    const window = formatDuration(this.rule.window);
    const atLeast = this.windows.mayUndercount(slot, peak) ? 'at least ' : '';
    const limits: string[] = [];
    const what = this.rule.onlyNewRecipients ? 'transfers to new recipients' : 'transfers';
    if (this.rule.maxCount !== undefined) limits.push(`more than ${this.rule.maxCount} ${what}`);
    if (this.rule.maxValue !== undefined) limits.push(`more than ${formatNumber(this.rule.maxValue)}`);
    const score = Math.max(
      tooMany ? exceedanceScore(peak.count, this.maxCount) : 0,
      tooMuch ? exceedanceScore(peak.sum, this.maxValue) : 0,
    );
    emit({
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score,
      title: tooMany
        ? `${peak.count} ${what} within ${window}`
        : `${formatNumber(peak.sum)} sent within ${window}`,
      explanation:
        `sent ${atLeast}${peak.count} ${what} totalling ${atLeast}${formatNumber(peak.sum)} within ${window}` +
        ` (this one ${formatValue(value, event)}); rule: ${limits.join(' or ')} within ${window}`,
      evidence: [
        { kind: 'feature', name: 'transfers_in_window', value: peak.count, ...baseline(this.rule.maxCount) },
        { kind: 'feature', name: 'value_in_window', value: peak.sum, ...baseline(this.rule.maxValue) },
        ...vectorEvidence(features, ['out_count_1h', 'out_sum_24h', 'inter_arrival_ratio_log']),
      ],
      accounts: [event.from],
    });
  }

  state(): RuleState {
    return this.windows.state();
  }
}

function baseline(limit: number | undefined): { baseline?: number } {
  return limit === undefined ? {} : { baseline: limit };
}
