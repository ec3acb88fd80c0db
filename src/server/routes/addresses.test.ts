import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../app.js';
import { ConfigSchema } from '../../core/config/schema.js';
import type { Label } from '../../core/label.js';
import { graphSnapshotName } from '../../graph/graph/graphSnapshotName.js';
import { TransferGraph } from '../../graph/graph/transferGraph.js';
import type { AddressView } from '../../graph/screening/addressView.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import {
  describePostgres,
  dropSchema,
  PG_TEST_URL,
  postgresUnavailable,
  randomSchema,
} from '../../store/postgres/testServer.fixture.js';
import { createApiKey } from '../apiKeys.js';

const SANCTIONED = '0x5555555555555555555555555555555555555555';
const MIDDLE = '0x1111111111111111111111111111111111111111';
const TARGET = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SHOP = '0x2222222222222222222222222222222222222222';
const EXCHANGE = '0x3333333333333333333333333333333333333333';
const NOWHERE = '0x4444444444444444444444444444444444444444';
const T0 = Date.UTC(2026, 2, 1, 8);
const HOUR = 3_600_000;

const label = (
  address: string,
  category: Label['category'],
  text: string,
  source: Label['source'],
): Label => ({
  chain: 'ethereum',
  address,
  category,
  label: text,
  source,
  sourceRef: 'addresses.test',
  importedAt: '2026-01-01T00:00:00.000Z',
});

function addressRouteSuite(storeConfig: () => Record<string, unknown>) {
  let dir: string;
  let app: ArgusApp;
  let auth: { authorization: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argus-address-routes-'));
    const config = ConfigSchema.parse({ store: storeConfig(), server: { port: 0 } });
    const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
    app = await createArgusApp({
      config,
      baseDir: dir,
      policy,
      logger: { info() {}, warn() {}, error() {} },
    });
    auth = { authorization: `Bearer ${(await createApiKey(app.store.apiKeys, 'test')).key}` };

    // sanctioned → middle → target ← exchange, and target pays a shop.
    const graph = new TransferGraph();
    graph.addTransfer(SANCTIONED, MIDDLE, 80, T0);
    graph.addTransfer(MIDDLE, TARGET, 40, T0 + HOUR);
    graph.addTransfer(TARGET, SHOP, 5, T0 + 2 * HOUR);
    graph.addTransfer(EXCHANGE, TARGET, 20, T0 + 3 * HOUR);
    await app.store.graphs.save({
      name: graphSnapshotName('ethereum'),
      data: graph.save(),
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      at: T0 + 4 * HOUR,
    });
    await app.store.labels.upsertMany([
      label(SANCTIONED, 'sanctions', 'Lazarus Group', 'ofac'),
      label(EXCHANGE, 'exchange', 'Example Exchange', 'manual'),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = auth) =>
    app.server.inject({ method: 'GET', url, headers });

  it('describes an address: risk traced to the sanctioned source, activity per hour, the neighbourhood', async () => {
    const res = await get(`/v1/addresses/ethereum/${TARGET.toUpperCase().replace('0X', '0x')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as AddressView;
    expect(body).toMatchObject({ chain: 'ethereum', address: TARGET, labels: [] });
    expect(body.graph).toMatchObject({ nodes: 5, edges: 4, savedAt: T0 + 4 * HOUR });

    // 40 of its 60 inflow came through the middle, all of whose inflow was sanctioned.
    expect(body.risk.score).toBeCloseTo(40 / 60);
    expect(body.risk.sources).toEqual([
      {
        source: SANCTIONED,
        category: 'sanctions',
        relation: 'traced',
        hops: 2,
        share: expect.closeTo(40 / 60, 9),
        path: [SANCTIONED, MIDDLE, TARGET],
        label: 'Lazarus Group',
      },
    ]);

    expect(body.activity.bucket).toBe('hour');
    expect(body.activity.buckets).toEqual([
      { start: T0 + HOUR, inCount: 1, outCount: 0, inValue: 40, outValue: 0 },
      { start: T0 + 2 * HOUR, inCount: 0, outCount: 1, inValue: 0, outValue: 5 },
      { start: T0 + 3 * HOUR, inCount: 1, outCount: 0, inValue: 20, outValue: 0 },
    ]);
    expect(body.activity.totals).toMatchObject({ inValue: 60, outValue: 5, senders: 2, receivers: 1 });

    const hood = body.neighbourhood;
    expect(hood).toMatchObject({ hops: 2, maxNodes: 60, truncated: false, seen: 5 });
    const byAddress = new Map(hood.nodes.map((n) => [n.address, n]));
    expect(byAddress.get(TARGET)).toMatchObject({ isCenter: true, hops: 0, risk: body.risk.score });
    expect(byAddress.get(SANCTIONED)).toMatchObject({
      hops: 2,
      isCenter: false,
      category: 'sanctions',
      labels: [{ category: 'sanctions', label: 'Lazarus Group', source: 'ofac' }],
      risk: 1,
    });
    expect(byAddress.get(EXCHANGE)).toMatchObject({ hops: 1, category: 'exchange', risk: 0 });
    expect(byAddress.get(MIDDLE)?.risk).toBeGreaterThan(0.9);
    expect(byAddress.get(SHOP)?.category).toBeUndefined();
    expect(hood.edges).toHaveLength(4);
    expect(hood.edges).toContainEqual({
      from: SANCTIONED,
      to: MIDDLE,
      value: 80,
      transfers: 1,
      firstTime: T0,
      lastTime: T0,
    });
    expect(body.cluster?.size).toBeGreaterThanOrEqual(1);
  });

  it('gives a labelled address its labels and its own risk', async () => {
    const body = (await get(`/v1/addresses/ethereum/${SANCTIONED}`)).json() as AddressView;
    expect(body.labels).toMatchObject([{ category: 'sanctions', label: 'Lazarus Group', source: 'ofac' }]);
    expect(body.risk.score).toBe(1);
    expect(body.risk.sources[0]).toMatchObject({ source: SANCTIONED, relation: 'self', hops: 0 });
  });

  it('honours hops, maxNodes (risk paths first, truncation said) and bucket', async () => {
    const one = (await get(`/v1/addresses/ethereum/${TARGET}?hops=1`)).json() as AddressView;
    expect(one.neighbourhood.nodes.map((n) => n.address).sort()).toEqual(
      [EXCHANGE, MIDDLE, SHOP, TARGET].sort(),
    );
    expect(one.neighbourhood.truncated).toBe(false);

    const three = (await get(`/v1/addresses/ethereum/${TARGET}?maxNodes=3`)).json() as AddressView;
    expect(three.neighbourhood.nodes.map((n) => n.address)).toEqual([TARGET, MIDDLE, SANCTIONED]);
    expect(three.neighbourhood.truncated).toBe(true);
    expect(three.neighbourhood.edges).toHaveLength(2);

    const daily = (await get(`/v1/addresses/ethereum/${TARGET}?bucket=day`)).json() as AddressView;
    expect(daily.activity.bucket).toBe('day');
    expect(daily.activity.buckets).toEqual([
      { start: Date.UTC(2026, 2, 1), inCount: 2, outCount: 1, inValue: 60, outValue: 5 },
    ]);
  });

  it('answers 404 with the reason when the address or the chain has no stored graph', async () => {
    const missing = await get(`/v1/addresses/ethereum/${NOWHERE}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.json().message).toContain(`${NOWHERE} is not on the stored ethereum transfer graph`);

    const noGraph = await get(`/v1/addresses/polygon/${TARGET}`);
    expect(noGraph.statusCode).toBe(404);
    expect(noGraph.json().message).toContain('no polygon transfer graph is stored yet');
  });

  it('rejects a malformed address, an unknown chain and bad options with 400 and the reason', async () => {
    const bad = await get('/v1/addresses/ethereum/0x12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INPUT_INVALID', errors: [{ path: 'address' }] });
    expect(bad.json().message).toContain('is not 0x followed by 40 hex digits');

    const checksum = await get('/v1/addresses/ethereum/0xaAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(checksum.statusCode).toBe(400);
    expect(checksum.json().message).toContain('EIP-55');

    const tron = await get(`/v1/addresses/tron/${TARGET}`);
    expect(tron.statusCode).toBe(400);
    expect(tron.json().message).toContain('does not start with T');

    const chain = await get(`/v1/addresses/dogecoin/${TARGET}`);
    expect(chain.statusCode).toBe(400);
    expect(chain.json().message).toMatch(/params.*chain/);

    for (const query of ['hops=0', 'hops=4', 'maxNodes=1', 'maxNodes=500', 'bucket=week', 'hops=two']) {
      const res = await get(`/v1/addresses/ethereum/${TARGET}?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('INPUT_INVALID');
    }
  });

  it('needs an API key for reads', async () => {
    expect((await get(`/v1/addresses/ethereum/${TARGET}`, {})).statusCode).toBe(401);
  });

  it('is documented under the graph tag', async () => {
    const doc = (await get('/openapi.json', {})).json();
    const route = doc.paths['/v1/addresses/{chain}/{address}'].get;
    expect(route.tags).toEqual(['graph']);
    expect(route.summary).toMatch(/neighbourhood/);
  });
}

describe('GET /v1/addresses/:chain/:address on SQLite', () => {
  addressRouteSuite(() => ({ sqlite: { path: ':memory:' } }));
});

const unavailable = await postgresUnavailable();
const schema = randomSchema();
describePostgres('GET /v1/addresses/:chain/:address on PostgreSQL', unavailable, () => {
  afterAll(() => dropSchema(schema));
  addressRouteSuite(() => ({ driver: 'postgres', postgres: { url: PG_TEST_URL, schema, poolSize: 2 } }));
});
