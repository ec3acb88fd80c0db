import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../core/config/schema.js';
import type { TransferEvent } from '../core/transferEvent.js';
import type { ModelHealthCheck } from '../store/types.js';
import { FEATURE_NAMES } from './features/featureNames.js';
import { createMonitorRuntime, type MonitorRuntime } from './monitorRuntime.js';
import { simulateTransfers } from './simulate/simulateTransfers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function config(overrides: Record<string, unknown> = {}) {
  return ConfigSchema.parse({
    monitor: { warmupEvents: 1_000, retrain: { windowSize: 2_000, everyEvents: 5_000 }, ...overrides },
  }).monitor;
}

function stream(n: number, seed = 3): TransferEvent[] {
  const events: TransferEvent[] = [];
  for (const e of simulateTransfers({ accounts: 500, days: 20, seed })) {
    events.push(e);
    if (events.length === n) break;
  }
  return events;
}

describe('createMonitorRuntime', () => {
  it('fits its first model after the warm-up and scores every event after it', () => {
    const runtime = createMonitorRuntime({ config: config(), baseDir: '.', retraining: 'inline' });
    for (const e of stream(3_000)) runtime.monitor.process(e);
    expect(runtime.model.generation).toBe(1);
    expect(runtime.monitor.stats.scored).toBe(2_001);
  });

  it('saves history, remembered keys and model, and a restart drops what it already processed', async () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'argus-monitor-'));
    dirs.push(baseDir);
    const events = stream(2_500);
    const first = createMonitorRuntime({
      config: config(),
      baseDir,
      retraining: 'inline',
      persistState: true,
    });
    for (const e of events) first.monitor.process(e);
    first.saveState();
    await first.close();
    expect(existsSync(join(baseDir, '.argus/monitor/model.json'))).toBe(true);

    const second = createMonitorRuntime({
      config: config(),
      baseDir,
      retraining: 'inline',
      persistState: true,
    });
    expect(second.model.current).toBeDefined();
    expect(second.features.size).toBe(first.features.size);
    for (const e of events.slice(-100)) second.monitor.process(e);
    expect(second.monitor.stats).toMatchObject({ processed: 0, duplicates: 100 });
    await second.close();
  });

  it('raises a drift alert when the score distribution moves away from training', () => {
    const runtime = createMonitorRuntime({
      config: config({ drift: { window: 500, psiThreshold: 0.2 } }),
      baseDir: '.',
      retraining: 'inline',
    });
    for (const e of stream(2_000)) runtime.monitor.process(e);
    // The same accounts suddenly move 1,000 times their usual amounts to fresh addresses.
    const drifted = stream(1_500, 3).map((e, i) => ({
      ...e,
      key: `drift:${i}`,
      to: `0xfresh${i}`,
      amount: e.amount * 1_000,
      valueUsd: (e.valueUsd ?? e.amount) * 1_000,
      time: e.time + 30 * 86_400_000,
    }));
    const drift = drifted
      .flatMap((e) => runtime.monitor.process(e))
      .filter((a) => a.detector === 'monitor.drift');
    expect(drift.length).toBeGreaterThanOrEqual(1);
    expect(drift[0]?.title).toMatch(/PSI/);
    // Drift refits the model on the recent window at once, instead of waiting for the schedule.
    expect(runtime.model.generation).toBeGreaterThan(1);
  });

  it('refuses an unknown detector with the key path', () => {
    expect(() =>
      createMonitorRuntime({ config: config({ detector: 'magic' }), baseDir: '.', retraining: 'inline' }),
    ).toThrow(/monitor\.detector: unknown detector "magic"/);
  });
});

describe('createMonitorRuntime with model health', () => {
  it('records every drift check and every new generation through the sink, off the hot path', async () => {
    const rows: ModelHealthCheck[] = [];
    const scoresPerGeneration = new Map<number, number>();
    let runtime: MonitorRuntime | undefined;
    runtime = createMonitorRuntime({
      config: config({ drift: { window: 500, psiThreshold: 0.2 } }),
      baseDir: '.',
      retraining: 'inline',
      modelHealth: {
        sink: async (batch) => {
          rows.push(...batch);
        },
      },
      onScore: () => {
        const generation = runtime?.model.generation ?? 0;
        scoresPerGeneration.set(generation, (scoresPerGeneration.get(generation) ?? 0) + 1);
      },
    });
    const normal = stream(2_000);
    const drifted = stream(1_500, 3).map((e, i) => ({
      ...e,
      key: `drift:${i}`,
      to: `0xfresh${i}`,
      amount: e.amount * 1_000,
      valueUsd: (e.valueUsd ?? e.amount) * 1_000,
      time: e.time + 30 * 86_400_000,
    }));
    const driftAlerts = [...normal, ...drifted]
      .flatMap((e) => runtime.monitor.process(e))
      .filter((a) => a.detector === 'monitor.drift');
    expect(rows).toHaveLength(0);
    await runtime.close();

    const checks = rows.filter((r) => r.details.kind === 'check');
    const retrains = rows.filter((r) => r.details.kind === 'retrain');
    // The detector checks once its 500-score window is full, then every 100 scores, per generation.
    let expectedChecks = 0;
    for (const n of scoresPerGeneration.values())
      if (n >= 500) expectedChecks += 1 + Math.floor((n - 500) / 100);
    expect(checks.length).toBe(expectedChecks);
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(retrains.map((r) => r.generation)).toEqual(
      Array.from({ length: runtime.model.generation }, (_, i) => i + 1),
    );
    expect(retrains[0]?.details.retrain).toEqual({ reason: 'first', rows: 1_000 });
    expect(retrains[0]?.sampleSize).toBe(1_000);

    // Each drift alert is a check marked drifted, and a retrain on drift follows it at once.
    const driftedChecks = checks.filter((c) => c.details.drifted);
    expect(driftedChecks.map((c) => Number(c.psi.toFixed(4)))).toEqual(
      driftAlerts.map((a) => {
        const psi = a.evidence?.find((e) => e.kind === 'fact' && e.name === 'psi');
        return psi?.kind === 'fact' ? psi.value : undefined;
      }),
    );
    expect(driftedChecks.length).toBeGreaterThanOrEqual(1);
    for (const c of driftedChecks) {
      const next = rows[rows.indexOf(c) + 1];
      expect(next?.details.retrain?.reason).toBe('drift');
      expect(next?.generation).toBe(c.generation + 1);
      expect(next?.details.retrain?.previousPsi).toBeCloseTo(c.psi, 5);
    }

    const times = rows.map((r) => r.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(normal[0]?.time ?? 0);
    expect(times.at(-1)).toBeLessThanOrEqual(drifted.at(-1)?.time ?? 0);
    const sum = (values: number[] = []) => values.reduce((a, b) => a + b, 0);
    for (const c of checks) {
      expect(c.sampleSize).toBe(500);
      expect(c.level).toBe(c.psi >= 0.2 ? 'significant' : c.psi >= 0.1 ? 'moderate' : 'stable');
      expect(sum(c.details.deciles?.current)).toBeCloseTo(1, 4);
      expect(sum(c.details.deciles?.baseline)).toBeCloseTo(1, 4);
      expect(c.details.histogram?.current).toHaveLength(20);
      expect(sum(c.details.histogram?.current)).toBeCloseTo(1, 4);
      expect(sum(c.details.histogram?.baseline)).toBeCloseTo(1, 4);
      expect(c.details.features?.map((f) => f.name)).toEqual([...FEATURE_NAMES]);
      expect(c.details.features?.every((f) => Number.isFinite(f.psi) && f.psi >= 0)).toBe(true);
    }
    // Alert counts are the monitor's own counters between checks.
    expect(sum(checks.map((c) => c.details.alerts?.scored ?? 0))).toBeLessThanOrEqual(
      runtime.monitor.stats.scored,
    );
    expect(sum(checks.map((c) => c.details.alerts?.model ?? 0))).toBeLessThanOrEqual(
      runtime.monitor.stats.modelAlerts,
    );
    // The amounts that moved a thousandfold show in the per-feature drift of the last check.
    const last = checks.at(-1);
    const amount = last?.details.features?.find((f) => f.name === 'amount_log');
    expect(amount?.psi).toBeGreaterThan(0.2);
  });

  it('records a model loaded from saved state as a new generation, and its scheduled refits', async () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'argus-monitor-'));
    dirs.push(baseDir);
    const events = stream(7_000);
    const first = createMonitorRuntime({
      config: config(),
      baseDir,
      retraining: 'inline',
      persistState: true,
    });
    for (const e of events.slice(0, 1_500)) first.monitor.process(e);
    first.saveState();
    await first.close();

    const rows: ModelHealthCheck[] = [];
    const before = Date.now();
    const second = createMonitorRuntime({
      config: config(),
      baseDir,
      retraining: 'inline',
      persistState: true,
      modelHealth: { model: 'monitor-eu', sink: async (batch) => void rows.push(...batch) },
    });
    for (const e of events.slice(1_500)) second.monitor.process(e);
    await second.settle();
    const retrains = rows.filter((r) => r.details.kind === 'retrain');
    // Loaded at start (no event yet, so stamped with the clock), then a refit every 5,000 events.
    expect(retrains.map((r) => [r.generation, r.details.retrain?.reason])).toEqual([
      [1, 'loaded'],
      [2, 'schedule'],
    ]);
    expect(retrains[0]?.at).toBeGreaterThanOrEqual(before);
    expect(retrains[1]?.at).toBe(events[1_500 + 4_999]?.time);
    expect(rows.every((r) => r.model === 'monitor-eu')).toBe(true);
    await second.close();
  });

  it('stamps a swap from the retrain worker, which lands between events, with the last event time', async () => {
    const rows: ModelHealthCheck[] = [];
    const runtime = createMonitorRuntime({
      config: config(),
      baseDir: '.',
      retraining: 'worker',
      modelHealth: { sink: async (batch) => void rows.push(...batch) },
    });
    try {
      const events = stream(1_200);
      for (const e of events) runtime.monitor.process(e);
      await runtime.settle();
      expect(rows).toEqual([
        expect.objectContaining({
          generation: 1,
          at: events.at(-1)?.time,
          details: { kind: 'retrain', retrain: { reason: 'first', rows: 1_000 } },
        }),
      ]);
    } finally {
      await runtime.close();
    }
  });
});
