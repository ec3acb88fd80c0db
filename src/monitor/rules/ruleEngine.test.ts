import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../core/alert.js';
import { ArgusError } from '../../core/errors.js';
import { DEFAULT_MONITOR_RULES } from './defaultRules.js';
import { loadRules } from './loadRules.js';
import type { RuleHit } from './ruleHit.js';
import { features, HOUR, harness, MINUTE, T0, transfer } from './rules.fixture.js';

const EXAMPLE = new URL('../../../docs/monitor-rules.example.yaml', import.meta.url);

describe('RuleEngine', () => {
  it('ships defaults that load, and the example file holds the same rules', () => {
    const defaults = loadRules(DEFAULT_MONITOR_RULES, 'DEFAULT_MONITOR_RULES');
    expect([...new Set(defaults.rules.map((r) => r.type))].sort()).toEqual([
      'coordinated-withdrawal',
      'dormant-high-value',
      'new-address-high-value',
      'pass-through',
      'structuring',
      'velocity',
    ]);
    const example = loadRules(readFileSync(EXAMPLE, 'utf8'), 'docs/monitor-rules.example.yaml');
    expect(example.rules).toEqual(defaults.rules);
  });

  it('every default rule can fire, and each hit makes a valid alert', () => {
    const { send, hits } = harness(DEFAULT_MONITOR_RULES);
    const fresh = features({ new_counterparty: 1 });
    send(
      { from: 'sleeper', to: 'fence', valueUsd: 60_000 },
      features({ dormancy_days: 100, new_counterparty: 1 }),
    );
    send(
      { from: 'payer', valueUsd: 150_000 },
      features({ new_counterparty: 1, account_age_days: 30, counterparty_risk: Number.NaN }),
    );
    for (let i = 0; i < 3; i++) send({ from: 'splitter', valueUsd: 9_500, time: T0 + i * HOUR });
    for (let i = 0; i < 21; i++) send({ from: 'busy', valueUsd: 100, time: T0 + i * MINUTE });
    for (let i = 0; i < 5; i++)
      send({ from: 'thief', to: `drop${i}`, valueUsd: 300, time: T0 + i * MINUTE }, fresh);
    send({ from: 'stranger', to: 'mule', fromKind: 'external', toKind: 'customer', valueUsd: 20_000 }, fresh);
    send({ from: 'mule', to: 'elsewhere', valueUsd: 19_000, time: T0 + 5 * MINUTE }, fresh);
    const hop = { fromKind: 'external', toKind: 'external', valueUsd: 19_000 } as const;
    send({ from: 'origin', to: 'hop1', toKind: 'external', valueUsd: 20_000, time: T0 + 2 * HOUR }, fresh);
    send({ ...hop, from: 'hop1', to: 'hop2', time: T0 + 2 * HOUR + 5 * MINUTE }, fresh);
    send({ ...hop, from: 'hop2', to: 'hop3', valueUsd: 18_500, time: T0 + 2 * HOUR + 9 * MINUTE }, fresh);
    ['DE', 'FR', 'DE'].forEach((country, i) => {
      send(
        {
          from: `victim${i}`,
          to: 'collector',
          fromJurisdiction: country,
          valueUsd: 500,
          time: T0 + 3 * HOUR + i * MINUTE,
        },
        fresh,
      );
    });
    expect(hits.map((h) => h.ruleId).sort()).toEqual([
      'coordinated-withdrawal',
      'dormant-high-value',
      'new-address-high-value',
      'pass-through',
      'peel-chain',
      'structuring-10k',
      'takeover-burst',
      'velocity',
    ]);
    expect(hits.find((h) => h.ruleId === 'peel-chain')?.accounts).toEqual(['hop2']);
    for (const hit of hits) {
      const alert = AlertInputSchema.safeParse({
        area: 'monitor',
        detector: `rule:${hit.ruleId}`,
        subject: { kind: 'account', id: hit.accounts[0] },
        severity: hit.severity,
        score: hit.score,
        title: hit.title,
        explanation: hit.explanation,
        evidence: hit.evidence,
      });
      expect(alert.error?.issues, hit.ruleId).toBeUndefined();
    }
    const payee = hits.find((h) => h.ruleId === 'new-address-high-value');
    expect(payee?.evidence.some((e) => e.kind === 'feature' && e.name === 'counterparty_risk')).toBe(false);
  });

  it('runs every enabled rule on each event and emits one hit per rule that fires', () => {
    const { send } = harness(`
rules:
  - { id: dormant, type: dormant-high-value, severity: high, dormantFor: 30d, minValue: 1000 }
  - { id: payee, type: new-address-high-value, severity: low, minValue: 1000 }
  - { id: off, type: new-address-high-value, severity: low, minValue: 1, enabled: false }
`);
    const hits = send({ valueUsd: 5_000 }, features({ dormancy_days: 60, new_counterparty: 1 }));
    expect(hits.map((h: RuleHit) => h.ruleId)).toEqual(['dormant', 'payee']);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThanOrEqual(0.5);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a feature vector shorter than the FEATURE_NAMES contract', () => {
    const engine = loadRules(DEFAULT_MONITOR_RULES);
    expect(() => engine.evaluate(transfer(), new Float64Array(3), () => {})).toThrow(ArgusError);
  });

  it('keeps per-account state bounded by maxAccounts, and forgets accounts idle for a window', () => {
    const { engine, send } = harness(`
rules:
  - { id: fast, type: velocity, severity: low, window: 10m, maxCount: 3, maxAccounts: 500 }
  - { id: mule, type: pass-through, severity: low, window: 1h, maxAccounts: 300 }
`);
    for (let i = 0; i < 5_000; i++) send({ from: `a${i}`, to: `b${i}`, time: T0 + i });
    const [fast, mule] = engine.state();
    expect(fast).toMatchObject({ ruleId: 'fast', entries: 500, maxEntries: 500 });
    expect(mule).toMatchObject({ ruleId: 'mule', entries: 300, maxEntries: 300 });
    const bytes = fast?.bytes;
    for (let i = 0; i < 5_000; i++) send({ from: `c${i}`, to: `d${i}`, time: T0 + i });
    expect(engine.state()[0]?.bytes).toBe(bytes);
    // 2 hours later every earlier account has been idle for longer than both windows.
    send({ from: 'late', to: 'x', time: T0 + 2 * HOUR });
    expect(engine.state().map((s) => s.entries)).toEqual([1, 1]);
  });

  it('never lets an out-of-order stream produce a hit from a negative span', () => {
    const { send, hits } = harness(`
rules:
  - { id: fast, type: velocity, severity: low, window: 10m, maxCount: 2 }
`);
    // Three transfers, 15 minutes apart, delivered newest first: no 10-minute window holds three.
    for (const m of [30, 15, 0]) send({ time: T0 + m * MINUTE });
    expect(hits).toEqual([]);
  });
});
