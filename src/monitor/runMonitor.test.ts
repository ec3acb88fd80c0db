import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../core/alert.js';
import { parseTransferEvent } from '../core/transferEvent.js';
import { FEATURE_INDEX } from './features/featureNames.js';
import type { FeatureComputer, RuleEvaluator } from './monitorParts.js';
import { runMonitor } from './runMonitor.js';
import type { SourceItem, TransferSource } from './sources/source.js';
import { TransactionMonitor } from './transactionMonitor.js';

const features: FeatureComputer = {
  observe(event, out, baseline) {
    out.fill(0);
    out[FEATURE_INDEX.amount_log] = Math.log1p(event.amount);
    baseline.fill(Number.NaN);
  },
};

const bigTransfers: RuleEvaluator = {
  evaluate(event, _row, emit) {
    if (event.amount >= 100) {
      emit({
        ruleId: 'big',
        type: 'test',
        severity: 'high',
        score: 0.9,
        title: 'Big',
        explanation: `sent ${event.amount}`,
        evidence: [],
        accounts: [event.from],
      });
    }
  },
};

function sourceOf(records: unknown[], log: string[]): TransferSource {
  return {
    name: 'test',
    async *read(_signal, onReject) {
      for (const [i, raw] of records.entries()) {
        const parsed = parseTransferEvent(raw);
        if (!parsed.ok) {
          onReject({ source: 'test', position: `record ${i}`, reason: parsed.reason });
          continue;
        }
        const item: SourceItem = { event: parsed.event, ack: () => void log.push(`ack ${i}`) };
        yield item;
      }
    },
  };
}

describe('runMonitor', () => {
  it('stores alerts before acknowledging, and counts malformed records without stopping', async () => {
    const log: string[] = [];
    const base = { time: 1_000, from: 'a', to: 'b' };
    const records = [
      { ...base, txHash: '0x1', amount: 1 },
      { ...base, txHash: '0x2', amount: 'lots' },
      { ...base, txHash: '0x3', amount: 500 },
      { ...base, txHash: '0x3', amount: 500 },
    ];
    const stored: AlertInput[] = [];
    const rejected: string[] = [];
    const result = await runMonitor({
      source: sourceOf(records, log),
      monitor: new TransactionMonitor({ features, rules: bigTransfers }),
      sink: async (alerts) => {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`stored ${alerts.length}`);
        stored.push(...alerts);
      },
      signal: new AbortController().signal,
      onReject: (r) => rejected.push(`${r.position}: ${r.reason}`),
    });
    expect(result).toMatchObject({ received: 3, rejected: 1, alerts: 1, done: true });
    expect(rejected[0]).toMatch(/^record 1: amount: /);
    // The redelivered 0x3 is acknowledged too (so the source stops redelivering it) but raises nothing.
    expect(log).toEqual(['ack 0', 'stored 1', 'ack 2', 'ack 3']);
    expect(stored[0]?.detector).toBe('monitor.rule.big');
  });
});
