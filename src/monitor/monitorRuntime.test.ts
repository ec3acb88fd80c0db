import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../core/config/schema.js';
import type { TransferEvent } from '../core/transferEvent.js';
import { createMonitorRuntime } from './monitorRuntime.js';
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
