import type { TransferEvent } from '../../core/transferEvent.js';
import { FEATURE_COUNT, FEATURE_INDEX, type FeatureName } from '../features/featureNames.js';
import { loadRules } from './loadRules.js';
import type { RuleEngine } from './ruleEngine.js';
import type { RuleHit } from './ruleHit.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** 2025-01-01T00:00:00Z, so times read as real dates. */
export const T0 = Date.UTC(2025, 0, 1);

let sequence = 0;

/** A customer transfer priced in USD; override what the test is about. */
export function transfer(overrides: Partial<TransferEvent> = {}): TransferEvent {
  sequence += 1;
  return {
    key: `test:${sequence}`,
    chain: 'ethereum',
    time: T0,
    from: 'alice',
    to: 'bob',
    asset: 'USDT',
    amount: 1_000,
    valueUsd: 1_000,
    fromKind: 'customer',
    ...overrides,
  };
}

/** A feature vector of zeros except the named features. */
export function features(values: Partial<Record<FeatureName, number>> = {}): Float64Array {
  const vector = new Float64Array(FEATURE_COUNT);
  for (const [name, value] of Object.entries(values)) vector[FEATURE_INDEX[name as FeatureName]] = value;
  return vector;
}

const NO_FEATURES = features();

/** An engine running the YAML rules, and every hit it emitted so far. */
export function harness(yaml: string): {
  engine: RuleEngine;
  hits: RuleHit[];
  send: (event: Partial<TransferEvent>, vector?: Float64Array) => RuleHit[];
} {
  const engine = loadRules(yaml, 'test.yaml');
  const hits: RuleHit[] = [];
  const send = (event: Partial<TransferEvent>, vector = NO_FEATURES): RuleHit[] => {
    const before = hits.length;
    engine.evaluate(transfer(event), vector, (hit) => hits.push(hit));
    return hits.slice(before);
  };
  return { engine, hits, send };
}
