import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArgusApp, createArgusApp } from '../app.js';
import { ConfigSchema } from '../core/config/schema.js';
import type { AddressView } from '../graph/screening/addressView.js';
import { parsePolicy } from '../respond/policy/parsePolicy.js';
import { createApiKey } from '../server/apiKeys.js';
import { demoGraphData, scenarioAddresses } from './demoGraphTransfers.js';
import { seedDemoGraph } from './seedDemoGraph.js';

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };
let line: string;
let seconds: number;
const now = Date.UTC(2026, 4, 4, 9, 30);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-seed-graph-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy({ rules: [] }, 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  auth = { authorization: `Bearer ${(await createApiKey(app.store.apiKeys, 'test')).key}` };
  const started = performance.now();
  line = await seedDemoGraph({ app, config, baseDir: dir, now });
  seconds = (performance.now() - started) / 1000;
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const view = async (address: string): Promise<AddressView> => {
  const res = await app.server.inject({
    method: 'GET',
    url: `/v1/addresses/ethereum/${address}`,
    headers: auth,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AddressView;
};

describe('seedDemoGraph', () => {
  it('saves an ethereum graph through the graph watch, quickly, and says what it made', async () => {
    const data = demoGraphData(now);
    expect(data.transfers.length).toBeGreaterThan(200);
    expect(line).toMatch(
      new RegExp(`^ethereum transfer graph of ${data.transfers.length} transfers \\(\\d+ addresses`),
    );
    const meta = await app.store.graphs.info('transfer-graph/ethereum');
    expect(meta?.edges).toBeGreaterThan(150);
    expect(seconds).toBeLessThan(2);
  });

  it('is the same data for the same start time', () => {
    expect(demoGraphData(now)).toEqual(demoGraphData(now));
  });

  it('reads the addresses it needs from the scripted scenario', () => {
    const s = scenarioAddresses();
    expect(s.hotWallet).toMatch(/^0x[0-9a-f]{40}$/);
    expect(s.sanctioned).toHaveLength(1);
    expect(s.destinations).toHaveLength(1);
    expect(s.alertAddresses).toEqual(expect.arrayContaining([s.hotWallet, ...s.sanctioned]));
  });

  it('gives every address the scripted alerts name a neighbourhood on the graph', async () => {
    for (const address of scenarioAddresses().alertAddresses) {
      const body = await view(address);
      expect(body.neighbourhood.nodes.length, address).toBeGreaterThan(5);
      expect(body.activity.buckets.length, address).toBeGreaterThan(0);
    }
  });

  it('makes the sanctioned router a sanctions source the hot wallet is drawn next to', async () => {
    const { hotWallet, sanctioned } = scenarioAddresses();
    const router = sanctioned[0] as string;
    const routerView = await view(router);
    expect(routerView.labels).toMatchObject([{ category: 'sanctions', source: 'manual' }]);
    expect(routerView.risk.score).toBe(1);

    const hot = await view(hotWallet);
    expect(hot.labels).toMatchObject([{ category: 'exchange' }]);
    expect(hot.activity.bucket).toBe('day');
    const drawnRouter = hot.neighbourhood.nodes.find((n) => n.address === router);
    expect(drawnRouter).toMatchObject({ hops: 1, category: 'sanctions', risk: 1 });
    // Funds from the router and the exploiter reached the hot wallet through customers' deposit addresses.
    expect(hot.risk.score).toBeGreaterThan(0);
    expect(hot.neighbourhood.truncated).toBe(true);
    expect(hot.neighbourhood.nodes).toHaveLength(60);
  });

  it('traces the scripted withdrawal destination back to the exploiter', async () => {
    const data = demoGraphData(now);
    const destination = data.addresses.destinations[0] as string;
    const body = await view(destination);
    expect(body.risk.sources).toContainEqual(
      expect.objectContaining({
        source: data.addresses.exploiter,
        category: 'hack',
        relation: 'traced',
        hops: 2,
      }),
    );
    expect(body.neighbourhood.nodes.find((n) => n.address === data.addresses.exploiter)?.category).toBe(
      'hack',
    );
  });
});
