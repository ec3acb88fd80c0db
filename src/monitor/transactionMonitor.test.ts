import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../core/alert.js';
import { parseTransferEvent, type TransferEvent } from '../core/transferEvent.js';
import { FEATURE_COUNT, FEATURE_INDEX } from './features/featureNames.js';
import type { FeatureComputer, RowScorer, RuleEvaluator } from './monitorParts.js';
import { TransactionMonitor } from './transactionMonitor.js';

function transfer(overrides: Record<string, unknown> = {}): TransferEvent {
  const parsed = parseTransferEvent({
    txHash: `0x${Math.random().toString(16).slice(2)}`,
    time: 1_700_000_000_000,
    from: '0xaaaa000000000000000000000000000000000001',
    to: '0xbbbb000000000000000000000000000000000002',
    amount: 2,
    valueUsd: 4_000,
    fromJurisdiction: 'DE',
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

/** Features = log1p(value) in amount_log, a fixed usual of 3 for every feature. */
const features: FeatureComputer = {
  observe(event, out, baseline) {
    out.fill(0);
    out[FEATURE_INDEX.amount_log] = Math.log1p(event.valueUsd ?? event.amount);
    baseline.fill(3);
  },
};

/** Scores a row by its value alone: above 100,000 is anomalous. */
const scorer: RowScorer = {
  scoreRow: (row) => ((row[FEATURE_INDEX.amount_log] as number) > Math.log1p(100_000) ? 0.9995 : 0.5),
  explainRow: () => [{ feature: FEATURE_INDEX.amount_log, contribution: 0.4 }],
};

describe('TransactionMonitor', () => {
  it('raises a model alert that names the features against the account baseline', () => {
    const monitor = new TransactionMonitor({ features, model: { current: scorer } });
    expect(monitor.process(transfer())).toHaveLength(0);
    const alerts = monitor.process(transfer({ valueUsd: 250_000 }));
    expect(alerts).toHaveLength(1);
    const alert = AlertInputSchema.parse(alerts[0]);
    expect(alert).toMatchObject({ area: 'monitor', detector: 'monitor.model', severity: 'low' });
    expect(alert.subject).toMatchObject({ kind: 'account', attributes: { jurisdiction: 'DE' } });
    expect(alert.explanation).toContain('value 250,000 (usual 19.1)');
    expect(alert.evidence).toHaveLength(FEATURE_COUNT);
    expect(alert.evidence[FEATURE_INDEX.amount_log]).toMatchObject({ name: 'amount_log', contribution: 0.4 });
    expect(monitor.stats).toMatchObject({ processed: 2, scored: 2, modelAlerts: 1 });
  });

  it('ignores a redelivered event by its key', () => {
    const monitor = new TransactionMonitor({ features, model: { current: scorer } });
    const event = transfer({ valueUsd: 500_000 });
    expect(monitor.process(event)).toHaveLength(1);
    expect(monitor.process({ ...event })).toHaveLength(0);
    expect(monitor.stats).toMatchObject({ processed: 1, duplicates: 1 });
  });

  it('hands every accepted transfer to the observers once, after dedupe, and sends their alerts out', () => {
    const seen: string[] = [];
    const observer = {
      observe(event: TransferEvent) {
        seen.push(event.key);
        if ((event.valueUsd ?? 0) < 10_000) return [];
        return [
          {
            area: 'graph' as const,
            detector: 'graph.test',
            subject: { kind: 'address' as const, id: event.to },
            severity: 'high' as const,
            score: 0.9,
            title: 'observed',
            explanation: 'an observer alert',
          },
        ];
      },
    };
    const monitor = new TransactionMonitor({ features, observers: [observer] });
    const small = transfer();
    expect(monitor.process(small)).toHaveLength(0);
    expect(monitor.process({ ...small })).toHaveLength(0);
    const alerts = monitor.process(transfer({ valueUsd: 20_000 }));
    expect(alerts.map((a) => a.detector)).toEqual(['graph.test']);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(small.key);
    expect(monitor.stats).toMatchObject({ processed: 2, duplicates: 1, observerAlerts: 1 });
  });

  it('turns rule hits into alerts and keeps the rule evidence first', () => {
    const rules: RuleEvaluator = {
      evaluate(event, row, emit) {
        if ((event.valueUsd ?? 0) >= 9_000 && (event.valueUsd ?? 0) < 10_000) {
          emit({
            ruleId: 'structuring',
            type: 'structuring',
            severity: 'high',
            score: 0.8,
            title: 'Structuring',
            explanation: '3 transfers just below 10,000',
            evidence: [{ kind: 'feature', name: 'amount_log', value: row[0] as number }],
            accounts: [event.from, '0xother'],
          });
        }
      },
    };
    const monitor = new TransactionMonitor({ features, rules });
    const [alert] = monitor.process(transfer({ valueUsd: 9_500 }));
    expect(alert).toMatchObject({ detector: 'monitor.rule.structuring', severity: 'high', score: 0.8 });
    expect(alert?.subject.attributes?.accounts).toContain('0xother');
    const names = (alert?.evidence ?? []).map((e) => (e.kind === 'feature' ? e.name : ''));
    expect(names.filter((n) => n === 'amount_log')).toHaveLength(1);
    expect(monitor.stats.scored).toBe(0);
  });

  it('reads the model holder on every event, so a swapped model takes effect at once', () => {
    const holder: { current: RowScorer | undefined } = { current: undefined };
    const monitor = new TransactionMonitor({ features, model: holder });
    expect(monitor.process(transfer({ valueUsd: 900_000 }))).toHaveLength(0);
    holder.current = scorer;
    expect(monitor.process(transfer({ valueUsd: 900_000 }))).toHaveLength(1);
  });

  it('raises a supervised alert when the feedback model is confident, naming the features behind it', () => {
    const supervised = {
      predictRow: (row: Float64Array) => ((row[FEATURE_INDEX.amount_log] as number) > 10 ? 0.93 : 0.1),
      explainRow: () => {
        const margins = new Float64Array(FEATURE_COUNT);
        margins[FEATURE_INDEX.amount_log] = 2.5;
        margins[FEATURE_INDEX.hour_deviation] = -1;
        return margins;
      },
    };
    const monitor = new TransactionMonitor({ features, supervised: { current: supervised } });
    expect(monitor.process(transfer({ valueUsd: 100 }))).toHaveLength(0);
    const [alert] = monitor.process(transfer({ valueUsd: 80_000 }));
    expect(alert).toMatchObject({ detector: 'monitor.supervised', score: 0.93, severity: 'high' });
    expect(alert?.explanation).toContain('93%');
    expect(alert?.explanation).toContain('value 80,000');
    expect(alert?.explanation).not.toContain('usual hour');
    expect(monitor.stats.supervisedAlerts).toBe(1);
  });

  it('raises model alerts only on transfers worth at least modelAlertMinValue, and never words a score as 100%', () => {
    const extreme: RowScorer = { ...scorer, scoreRow: (row) => (scorer.scoreRow(row) > 0.9 ? 0.99996 : 0.5) };
    const monitor = new TransactionMonitor({
      features,
      model: { current: extreme },
      modelAlertThreshold: 0.9999,
      modelAlertMinValue: 300_000,
    });
    expect(monitor.process(transfer({ valueUsd: 250_000 }))).toHaveLength(0);
    const [alert] = monitor.process(transfer({ valueUsd: 300_000 }));
    expect(alert).toMatchObject({ detector: 'monitor.model', severity: 'low' });
    expect(alert?.explanation).toMatch(/^Scored above 99\.99% of the traffic/);
    expect(monitor.stats).toMatchObject({ scored: 2, modelAlerts: 1 });
  });
});
