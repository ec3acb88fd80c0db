import { type Alert, type AlertStatus, dedupeKeyOf } from '../../core/alert.js';
import { seededRandom } from '../../ml/random.js';
import { FEATURE_NAMES } from '../features/featureNames.js';

const T0 = 1_700_000_000_000;

/** A monitor alert carrying the given feature values as evidence. */
export function monitorAlert(
  id: string,
  status: AlertStatus,
  features: Record<string, number>,
  overrides: Partial<Alert> = {},
): Alert {
  const alert: Alert = {
    id,
    dedupeKey: '',
    area: 'monitor',
    detector: 'transfer-anomaly',
    subject: { kind: 'account', id: `acct-${id}`, chain: 'ethereum' },
    severity: 'high',
    score: 0.8,
    title: 'Unusual outgoing transfer',
    explanation: 'amount far above the account history',
    evidence: [
      ...Object.entries(features).map(([name, value]) => ({ kind: 'feature' as const, name, value })),
      { kind: 'fact', name: 'source', value: 'fixture' },
    ],
    context: {},
    occurredAt: T0,
    firstSeenAt: T0,
    lastSeenAt: T0,
    count: 1,
    status,
    ...overrides,
  };
  return { ...alert, dedupeKey: dedupeKeyOf(alert) };
}

/**
 * Triaged alerts where confirmed ones (resolved) tend to have a large amount_z, a new counterparty and
 * a risky recipient, and false positives do not; the classes overlap. Every feature is present.
 */
export function triagedAlerts(confirmed: number, falsePositives: number, seed: number): Alert[] {
  const random = seededRandom(seed);
  const out: Alert[] = [];
  for (let i = 0; i < confirmed + falsePositives; i++) {
    const positive = i < confirmed;
    const features: Record<string, number> = {};
    for (const name of FEATURE_NAMES) features[name] = random.next();
    features.amount_z = (positive ? 2 : 1) + 2 * random.next();
    features.new_counterparty = random.next() < (positive ? 0.8 : 0.3) ? 1 : 0;
    features.counterparty_risk = positive ? 0.4 + 0.6 * random.next() : 0.5 * random.next();
    out.push(
      monitorAlert(`a${i}`, positive ? 'resolved' : 'false-positive', features, {
        lastSeenAt: T0 + i * 1000,
      }),
    );
  }
  return out;
}
