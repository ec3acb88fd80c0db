import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../app.js';
import { type ArgusConfig, ConfigSchema } from '../core/config/schema.js';
import { parsePolicy } from '../respond/policy/parsePolicy.js';
import { createApiKey } from '../server/apiKeys.js';
import type { ModelHealthCheck } from '../store/types.js';
import { seedModelHealth } from './seedModelHealth.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12);

let dir: string;
let app: ArgusApp;
let config: ArgusConfig;
let line: string;
let rows: ModelHealthCheck[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-seed-model-health-'));
  config = ConfigSchema.parse({ store: { sqlite: { path: join(dir, 'argus.db') } }, server: { port: 0 } });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  line = await seedModelHealth({ app, config, baseDir: dir, now: NOW });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  const res = await app.server.inject({
    method: 'GET',
    url: '/v1/models/monitor/health?limit=2000',
    headers: { authorization: `Bearer ${key}` },
  });
  rows = res.json().items;
}, 30_000);

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedModelHealth', () => {
  it('records the real monitor’s drift checks and generations, ending at now', () => {
    expect(line).toMatch(/^\d+ drift checks over [\d,]+ scored transfers, \d+ model generations, PSI up to/);
    const checks = rows.filter((r) => r.details.kind === 'check');
    expect(checks.length).toBeGreaterThan(30);
    expect(rows.at(-1)?.at).toBeLessThanOrEqual(NOW);
    expect(rows.at(-1)?.at).toBeGreaterThan(NOW - DAY);
    for (const c of checks) {
      expect(c.model).toBe('monitor');
      expect(c.details.features).toHaveLength(27);
      expect(c.details.histogram?.baseline).toHaveLength(20);
      expect(c.details.alerts?.scored).toBeGreaterThan(0);
    }
    const reasons = new Set(rows.flatMap((r) => (r.details.retrain ? [r.details.retrain.reason] : [])));
    expect([...reasons].sort()).toEqual(['drift', 'first', 'schedule']);
  });

  it('shows the new product: within the charted fortnight PSI climbs past 0.1, then 0.2, and a retrain follows', () => {
    const fortnight = rows.filter((r) => r.at >= NOW - 14 * DAY);
    const launch = NOW - 8 * DAY;
    const peak = (from: number, to: number) =>
      Math.max(
        ...fortnight.filter((r) => r.at >= from && r.at < to && r.details.kind === 'check').map((r) => r.psi),
      );
    expect(peak(launch, NOW)).toBeGreaterThan(peak(NOW - 14 * DAY, launch));

    const drifted = fortnight.findIndex((r) => r.at >= launch && r.details.drifted);
    expect(drifted).toBeGreaterThan(0);
    const alarm = fortnight[drifted] as ModelHealthCheck;
    expect(alarm.psi).toBeGreaterThanOrEqual(0.2);
    const rising = fortnight
      .slice(0, drifted)
      .filter((r) => r.at >= launch && r.generation === alarm.generation);
    expect(rising.some((r) => r.level === 'moderate')).toBe(true);
    expect(fortnight[drifted + 1]?.details.retrain).toMatchObject({ reason: 'drift' });
    expect(fortnight[drifted + 1]?.generation).toBe(alarm.generation + 1);
  });
});
