import { ArgusError } from '../../core/errors.js';
import type { Severity } from '../../core/severity.js';
import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_COUNT } from '../features/featureNames.js';
import type { CompiledRule, RuleState } from './compiledRule.js';
import { CoordinatedWithdrawalRule } from './coordinatedWithdrawal.js';
import { DormantHighValue } from './dormantHighValue.js';
import { NewAddressHighValue } from './newAddressHighValue.js';
import { PassThroughRule } from './passThrough.js';
import type { EmitHit, RuleType } from './ruleHit.js';
import type { MonitorRuleConfig, MonitorRulesConfig } from './rulesSchema.js';
import { StructuringRule } from './structuring.js';
import { validateRules } from './validateRules.js';
import { VelocityRule } from './velocity.js';

export interface RuleSummary {
  id: string;
  type: RuleType;
  severity: Severity;
  enabled: boolean;
  description?: string;
}

export interface RuleStateReport extends RuleState {
  ruleId: string;
  type: RuleType;
}

export interface RuleEngine {
  /** Every configured rule, disabled ones included, in document order. */
  readonly rules: readonly RuleSummary[];
  /**
   * Runs every enabled rule on one transfer; `features` is the sender's feature vector (layout
   * FEATURE_NAMES) for this transfer. Calls `emit` once per rule that fires. Allocates nothing
   * unless a rule fires or a rule meets an account for the first time.
   */
  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void;
  /** What each stateful rule remembers now. */
  state(): RuleStateReport[];
}

function compileRule(rule: MonitorRuleConfig): CompiledRule {
  switch (rule.type) {
    case 'dormant-high-value':
      return new DormantHighValue(rule);
    case 'coordinated-withdrawal':
      return new CoordinatedWithdrawalRule(rule);
    case 'velocity':
      return new VelocityRule(rule);
    case 'structuring':
      return new StructuringRule(rule);
    case 'pass-through':
      return new PassThroughRule(rule);
    case 'new-address-high-value':
      return new NewAddressHighValue(rule);
  }
}

class CompiledRuleEngine implements RuleEngine {
  readonly rules: readonly RuleSummary[];
  private readonly compiled: CompiledRule[];

  constructor(config: MonitorRulesConfig) {
    this.rules = config.rules.map((r) => ({
      id: r.id,
      type: r.type,
      severity: r.severity,
      enabled: r.enabled,
      ...(r.description === undefined ? {} : { description: r.description }),
    }));
    this.compiled = config.rules.filter((r) => r.enabled).map(compileRule);
  }

  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void {
    if (features.length < FEATURE_COUNT) {
      throw new ArgusError(
        'INPUT_INVALID',
        `feature vector has ${features.length} values, rules expect ${FEATURE_COUNT} (FEATURE_NAMES)`,
        {
          hint: 'pass the vector the feature store computed for this event, or a zero-filled one of FEATURE_COUNT',
        },
      );
    }
    const rules = this.compiled;
    for (let i = 0; i < rules.length; i++) (rules[i] as CompiledRule).evaluate(event, features, emit);
  }

  state(): RuleStateReport[] {
    return this.compiled.map((r) => ({ ruleId: r.id, type: r.type, ...r.state() }));
  }
}

/** Builds an engine from rules already checked by validateRules. */
export function buildRuleEngine(config: MonitorRulesConfig): RuleEngine {
  return new CompiledRuleEngine(config);
}

/**
 * Validates a rules document as parsed from YAML or JSON (durations still "30d", not the output of
 * validateRules) and compiles it. Throws ValidationError('CONFIG_INVALID') with key paths.
 */
export function compileRules(document: unknown, source?: string): RuleEngine {
  return buildRuleEngine(validateRules(document, source));
}
