import type { TransferEvent } from '../../core/transferEvent.js';
import type { EmitHit, RuleType } from './ruleHit.js';

/** How much a rule remembers, so an operator can see that state stays bounded. */
export interface RuleState {
  /** Accounts (or, for coordinated withdrawals, transfers in the window) currently remembered. */
  entries: number;
  /** Most entries the rule will ever hold. */
  maxEntries: number;
  /** Bytes of state allocated now, index tables included; the account id strings are not counted. */
  bytes: number;
}

/**
 * A rule ready for the hot path. Each rule reads the event's value (valueUsd ?? amount) itself: a
 * double passed as an argument to a call the engine cannot inline (one call site, six rule classes)
 * would be boxed on the heap for every event and every rule.
 */
export interface CompiledRule {
  readonly id: string;
  readonly type: RuleType;
  evaluate(event: TransferEvent, features: Float64Array, emit: EmitHit): void;
  state(): RuleState;
}
