import type { Evidence } from '../../core/alert.js';
import type { Severity } from '../../core/severity.js';
import { FEATURE_INDEX, type FeatureName } from '../features/featureNames.js';

export const RULE_TYPES = [
  'dormant-high-value',
  'coordinated-withdrawal',
  'velocity',
  'structuring',
  'pass-through',
  'new-address-high-value',
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** What a rule reports when it fires; the monitor turns it into an Alert (area "monitor"). */
export interface RuleHit {
  ruleId: string;
  type: RuleType;
  severity: Severity;
  /** 0.5 at the threshold, towards 1 the further past it (see exceedanceScore). */
  score: number;
  title: string;
  /** Names the observed values and the rule's thresholds, for a person deciding what to do. */
  explanation: string;
  evidence: Evidence[];
  /** The sending account; for coordinated withdrawals every account in the burst. */
  accounts: string[];
}

export type EmitHit = (hit: RuleHit) => void;

/**
 * How far past a threshold an observation is, as a score: 0.5 exactly at the threshold, 0.75 at
 * twice it, 0.95 at ten times. Rules fire at the threshold, so a score below 0.5 never occurs; the
 * upper half ranks hits against each other without pretending to be a probability.
 */
export function exceedanceScore(observed: number, threshold: number): number {
  if (!(threshold > 0)) return observed > 0 ? 1 : 0.5;
  if (!(observed > threshold)) return 0.5;
  return 1 - 0.5 * (threshold / observed);
}

/** Mean of the scores of the conditions a rule needs all of. */
export function meanScore(a: number, b: number): number {
  return (a + b) / 2;
}

/**
 * The named features of the sender's vector as evidence, for context beside the rule's own numbers.
 * A feature the store could not compute (NaN) is left out, since alert evidence must be finite.
 */
export function vectorEvidence(features: Float64Array, names: readonly FeatureName[]): Evidence[] {
  const out: Evidence[] = [];
  for (const name of names) {
    const value = features[FEATURE_INDEX[name]];
    if (value !== undefined && Number.isFinite(value)) out.push({ kind: 'feature', name, value });
  }
  return out;
}
