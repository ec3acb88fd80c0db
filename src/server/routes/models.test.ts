import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../app.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import type { ModelHealthCheck } from '../../store/types.js';
import { createApiKey } from '../apiKeys.js';

const T0 = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };

function check(model: string, at: number, psi: number, generation = 1): ModelHealthCheck {
  return {
    model,
    at,
    generation,
    sampleSize: 1_000,
    psi,
    level: psi >= 0.2 ? 'significant' : psi >= 0.1 ? 'moderate' : 'stable',
    details: {
      kind: 'check',
      drifted: psi >= 0.2,
      deciles: { edges: [0.5], current: [0.4, 0.6], baseline: [0.5, 0.5] },
      alerts: { scored: 100, model: 1, rules: 0, modelRate: 0.01, ruleRate: 0 },
    },
  };
}

const monitorRows = Array.from({ length: 30 }, (_, i) => check('monitor', T0 + i * HOUR, 0.01 * i));
const retrain: ModelHealthCheck = {
  model: 'monitor',
  at: T0 + 20 * HOUR + 1,
  generation: 2,
  sampleSize: 3_000,
  psi: 0,
  level: 'stable',
  details: { kind: 'retrain', retrain: { reason: 'drift', rows: 3_000, previousPsi: 0.2 } },
};
const otherRow = check('fraud-scorer', T0 + 5 * HOUR, 0.12);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-model-routes-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  auth = { authorization: `Bearer ${key}` };
  await app.store.modelHealth.recordMany([...monitorRows.slice(0, 21), retrain, otherRow]);
  await app.store.modelHealth.recordMany(monitorRows.slice(21));
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = auth) =>
  app.server.inject({ method: 'GET', url, headers });

describe('GET /v1/models/health', () => {
  it('lists every model with its latest row', async () => {
    const res = await get('/v1/models/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toStrictEqual({ items: [otherRow, monitorRows[29]] });
  });

  it('wants an API key', async () => {
    expect((await get('/v1/models/health', {})).statusCode).toBe(401);
  });
});

describe('GET /v1/models/:model/health', () => {
  it("returns a model's checks and retrains oldest first", async () => {
    const res = await get('/v1/models/monitor/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model).toBe('monitor');
    expect(body.truncated).toBe(false);
    expect(body.items).toStrictEqual([...monitorRows.slice(0, 21), retrain, ...monitorRows.slice(21)]);
  });

  it('keeps to [since, until) given as ISO times or epoch ms', async () => {
    const since = new Date(T0 + 10 * HOUR).toISOString();
    const res = await get(`/v1/models/monitor/health?since=${since}&until=${T0 + 13 * HOUR}`);
    expect(res.json().items).toStrictEqual(monitorRows.slice(10, 13));
    const later = await get(`/v1/models/fraud-scorer/health?since=${T0 + 6 * HOUR}`);
    expect(later.json()).toStrictEqual({ model: 'fraud-scorer', items: [], truncated: false });
  });

  it('returns the latest `limit` rows of a longer range and says it cut the rest', async () => {
    const res = await get('/v1/models/monitor/health?limit=5');
    expect(res.json()).toStrictEqual({ model: 'monitor', items: monitorRows.slice(25), truncated: true });
    const exact = await get(`/v1/models/monitor/health?limit=3&since=${T0 + 27 * HOUR}`);
    expect(exact.json()).toStrictEqual({ model: 'monitor', items: monitorRows.slice(27), truncated: false });
  });

  it('answers 404 for a model that was never checked', async () => {
    const res = await get('/v1/models/nothing-here/health');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/nothing-here/);
  });

  it('rejects bad times, an empty range, a bad limit and a bad model name with 400', async () => {
    for (const query of ['since=yesterday', `since=${T0 + HOUR}&until=${T0}`, 'limit=0', 'limit=2001']) {
      const res = await get(`/v1/models/monitor/health?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('INPUT_INVALID');
    }
    expect((await get(`/v1/models/${encodeURIComponent('bad name')}/health`)).statusCode).toBe(400);
  });
});
