import { z } from 'zod';
import type { Evidence } from '../../core/alert.js';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_INDEX } from '../features/featureNames.js';
import { BurstWindow, type GroupTally } from './burstWindow.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { formatDuration, formatNumber } from './display.js';
import { DurationSchema } from './duration.js';
import { AmountSchema, COMMON_RULE_KEYS } from './ruleCommon.js';
import { type EmitHit, exceedanceScore, meanScore, type RuleHit } from './ruleHit.js';
import { compileScope, type ScopeFilter } from './scope.js';

const NEW_COUNTERPARTY = FEATURE_INDEX.new_counterparty;

export const CoordinatedWithdrawalRuleSchema = z
  .strictObject({
    ...COMMON_RULE_KEYS,
    type: z.literal('coordinated-withdrawal'),
    /** Distinct sending accounts needed in one window. */
    minAccounts: z.number().int().min(2).max(10_000),
    /** Distinct sender jurisdictions (fromJurisdiction) needed among them; events without one add none. */
    minJurisdictions: z.number().int().min(1).max(250).default(1),
    window: DurationSchema,
    /** Only transfers of at least this value take part. */
    minValue: AmountSchema.default(0),
    /** "same": the accounts must all pay one destination; "any": destinations do not matter. */
    destination: z.enum(['any', 'same']).default('any'),
    /**
     * Only transfers to a recipient the sender never paid before take part (feature new_counterparty):
     * a ring cashing out pays an address none of its accounts used, while customers who share a
     * recipient they all know (a merchant, a payroll address) have paid it before.
     */
    onlyNewRecipients: z.boolean().default(false),
    /** Quiet time after firing (for the same destination); defaults to the window. */
    cooldown: DurationSchema.optional(),
    /** Most transfers the window holds; under a heavier flood it covers the most recent ones. */
    maxEvents: z.number().int().min(16).max(1_000_000).default(10_000),
  })
  .superRefine((rule, ctx) => {
    if (rule.minJurisdictions > rule.minAccounts) {
      ctx.addIssue({
        code: 'custom',
        path: ['minJurisdictions'],
        message: `expected at most minAccounts (${rule.minAccounts}): each jurisdiction needs its own account`,
      });
    }
    if (rule.maxEvents < rule.minAccounts) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxEvents'],
        message: `expected at least minAccounts (${rule.minAccounts}), or the window could never hold a burst`,
      });
    }
  });
export type CoordinatedWithdrawalRuleConfig = z.output<typeof CoordinatedWithdrawalRuleSchema>;

// Quiet periods are only kept for groups that fired; past this many, expired ones are swept.
const QUIET_SWEEP_AT = 1_024;
const ACCOUNTS_NAMED_IN_TEXT = 5;

/**
 * Many accounts in several countries sending at once (a credential-stuffing wave cashing out, a
 * compromised batch of accounts). One window for the whole stream, since no single account looks
 * odd; fires once per burst, then stays quiet for `cooldown`, so a campaign that goes on fires again
 * with the accounts that joined since.
 *
 * Bytes: 33 per transfer in the window (maxEvents of them at most), plus 40 to 80 per distinct
 * account, jurisdiction and destination in it (StringMap tables, which keep their largest size).
 */
export class CoordinatedWithdrawalRule implements CompiledRule {
  readonly type = 'coordinated-withdrawal' as const;
  readonly id: string;
  private readonly severity: Severity;
  private readonly scope: ScopeFilter;
  private readonly window: BurstWindow;
  private readonly sameDestination: boolean;
  private readonly cooldown: number;
  /** Per group that fired: the time until which it stays quiet. */
  private readonly quietUntil = new Map<string, number>();

  constructor(private readonly rule: CoordinatedWithdrawalRuleConfig) {
    this.id = rule.id;
    this.severity = rule.severity;
    this.scope = compileScope(rule.scope);
    this.window = new BurstWindow(rule.maxEvents, rule.window);
    this.sameDestination = rule.destination === 'same';
    this.cooldown = rule.cooldown ?? rule.window;
  }

  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    const value = event.valueUsd ?? event.amount;
    if (!(value >= this.rule.minValue)) return;
    if (this.rule.onlyNewRecipients && !((features[NEW_COUNTERPARTY] as number) >= 0.5)) return;
    if (!this.scope.matches(event, event.fromKind, event.toKind)) return;
    const group = this.sameDestination ? event.to : '';
    const running = this.window.add(event, event.from, event.fromJurisdiction, group);
    if (running === undefined || !this.isBurst(running)) return;
    const quiet = this.quietUntil.get(group);
    if (quiet !== undefined && event.time <= quiet) return;
    // A late transfer may still be counted past the window: confirm on an exact recount.
    const tally = this.window.approximate ? this.window.exact(running) : running;
    if (tally !== running && !this.isBurst(tally)) return;
    this.startQuiet(group, event.time + this.cooldown);
    emit(this.hit(event, tally));
  }

  private isBurst(tally: GroupTally): boolean {
    return (
      tally.accounts.size >= this.rule.minAccounts && tally.jurisdictions.size >= this.rule.minJurisdictions
    );
  }

  private startQuiet(group: string, until: number): void {
    if (this.quietUntil.size >= QUIET_SWEEP_AT) {
      for (const [key, end] of this.quietUntil) if (end < this.window.end) this.quietUntil.delete(key);
    }
    this.quietUntil.set(group, until);
  }

  private hit(event: TransferEvent, tally: GroupTally): RuleHit {
    const accounts = tally.accounts.list();
    const jurisdictions = tally.jurisdictions.list();
    const window = formatDuration(this.rule.window);
    const each = this.rule.minValue > 0 ? ` each sent ≥ ${formatNumber(this.rule.minValue)}` : ' sent';
    const to = this.sameDestination ? ` to ${event.to}` : '';
    const fresh = this.rule.onlyNewRecipients ? ', each to a recipient it never paid before' : '';
    const named = accounts.slice(0, ACCOUNTS_NAMED_IN_TEXT).join(', ');
    const more =
      accounts.length > ACCOUNTS_NAMED_IN_TEXT ? ` and ${accounts.length - ACCOUNTS_NAMED_IN_TEXT} more` : '';
    const evidence: Evidence[] = [
      { kind: 'feature', name: 'distinct_accounts', value: accounts.length, baseline: this.rule.minAccounts },
      {
        kind: 'feature',
        name: 'distinct_jurisdictions',
        value: jurisdictions.length,
        baseline: this.rule.minJurisdictions,
      },
      { kind: 'feature', name: 'transfers_in_window', value: tally.entries },
      { kind: 'fact', name: 'jurisdictions', value: jurisdictions.join(',') },
    ];
    if (this.sameDestination) evidence.push({ kind: 'fact', name: 'destination', value: event.to });
    return {
      ruleId: this.id,
      type: this.type,
      severity: this.severity,
      score: meanScore(
        exceedanceScore(accounts.length, this.rule.minAccounts),
        exceedanceScore(jurisdictions.length, this.rule.minJurisdictions),
      ),
      title: `Coordinated withdrawals: ${accounts.length} accounts in ${jurisdictions.length} jurisdictions within ${window}`,
      explanation:
        `${accounts.length} accounts in ${jurisdictions.length} jurisdictions (${jurisdictions.join(', ')})${each}${to}` +
        ` within ${window}: ${named}${more}; rule: ≥ ${this.rule.minAccounts} accounts in ≥ ${this.rule.minJurisdictions}` +
        ` jurisdictions within ${window}${this.sameDestination ? ' to one destination' : ''}${fresh}`,
      evidence,
      accounts,
    };
  }

  state(): RuleState {
    return { entries: this.window.length, maxEntries: this.window.capacity, bytes: this.window.bytes };
  }
}
