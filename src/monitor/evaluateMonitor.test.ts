import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../core/config/schema.js';
import { evaluateMonitor } from './evaluateMonitor.js';
import { createSimulation } from './simulate/simulateTransfers.js';
import { TYPOLOGY_NAMES } from './simulate/typologyNames.js';
import type { TransferSource } from './sources/source.js';

const PER_TYPOLOGY = 6;

/**
 * The whole monitor with its shipped defaults (rules, model, thresholds) against a simulated
 * exchange it has never seen: 3,000 accounts over 30 days (about 80,000 transfers) with six incidents
 * of every typology. The floors sit below what the defaults reach on this stream (every incident
 * found, about 90 % of alerts true), so the test fails when a change to rules, features or defaults
 * loses a typology or floods analysts with false alerts, not when it moves a number a little.
 */
describe('evaluateMonitor with the default configuration', () => {
  it('finds most incidents of every typology, and most of its alerts are true', async () => {
    const simulation = createSimulation({
      accounts: 3_000,
      days: 30,
      seed: 2024,
      typologies: Object.fromEntries(TYPOLOGY_NAMES.map((name) => [name, PER_TYPOLOGY])),
    });
    const source: TransferSource = {
      name: 'simulation',
      async *read() {
        for (const event of simulation.events()) yield { event };
      },
    };
    const { report, stats } = await evaluateMonitor({
      source,
      truth: simulation.truth,
      config: ConfigSchema.parse({}).monitor,
      baseDir: tmpdir(),
    });

    expect(stats.processed).toBeGreaterThan(50_000);
    // The model was trained and scored the stream, so its alerts are part of what is measured.
    expect(stats.scored).toBeGreaterThan(0);
    const detected = new Map(report.typologies.map((t) => [t.typology, t.detected]));
    for (const name of TYPOLOGY_NAMES) {
      expect(detected.get(name), `${name}: incidents detected of ${PER_TYPOLOGY}`).toBeGreaterThanOrEqual(
        PER_TYPOLOGY - 1,
      );
    }
    expect(report.overall.alerts).toBeGreaterThan(0);
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.6);
  }, 60_000);
});
