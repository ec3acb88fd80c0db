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
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import { createApiKey } from '../apiKeys.js';

const SOURCE = '0x5555555555555555555555555555555555555555';
const MIDDLE = '0x1111111111111111111111111111111111111111';
const TARGET = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const FUNDER = '0xf000000000000000000000000000000000000000';
const FRESH1 = '0x5100000000000000000000000000000000000000';
const FRESH2 = '0x5200000000000000000000000000000000000000';

const sanctioned: Label = {
  chain: 'ethereum',
  address: SOURCE,
  category: 'sanctions',
  label: 'Lazarus Group',
  source: 'ofac',
  sourceRef: 'sdn.csv:12',
  importedAt: '2026-01-01T00:00:00.000Z',
};

let dir: string;
let app: ArgusApp;
let auth: { authorization: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-graph-routes-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({
    config,
    baseDir: dir,
    policy,
    logger: { info() {}, warn() {}, error() {} },
  });
  const { key } = await createApiKey(app.store.apiKeys, 'test');
  auth = { authorization: `Bearer ${key}` };

  // source → middle → target, and a funder that set up two fresh addresses a minute apart.
  const graph = new TransferGraph();
  graph.addTransfer(SOURCE, MIDDLE, 80, 1_000);
  graph.addTransfer(MIDDLE, TARGET, 40, 2_000);
  graph.addTransfer(FUNDER, FRESH1, 0.1, 0);
  graph.addTransfer(FUNDER, FRESH2, 0.1, 60_000);
  graph.addTransfer(FRESH1, MIDDLE, 0.1, 1_500);
  await app.store.graphs.save({
    name: graphSnapshotName('ethereum'),
    data: graph.save(),
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    at: 1_700_000_000_000,
  });
  await app.store.labels.upsertMany([sanctioned]);
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(url: string, payload: unknown, headers: Record<string, string> = auth) {
  return app.server.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
}

describe('POST /v1/screen', () => {
  it('traces the target back through the intermediary to the sanctioned source', async () => {
    const res = await post('/v1/screen', { address: TARGET.toUpperCase().replace('0X', '0x') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      chain: 'ethereum',
      address: TARGET,
      graph: { revision: 1, savedAt: 1_700_000_000_000, nodes: 6, edges: 5 },
    });
    expect(body.note).toBeUndefined();
    expect(body.result.known).toBe(true);
    expect(body.result.direct).toEqual([]);
    expect(body.result.indirect).toHaveLength(1);
    const hit = body.result.indirect[0];
    expect(hit).toMatchObject({ source: SOURCE, category: 'sanctions', hops: 2, poison: true, pathCount: 1 });
    // The middle received 80 from the source and 0.1 from FRESH1 before forwarding.
    expect(hit.haircutShare).toBeCloseTo(80 / 80.1);
    expect(hit.paths[0].nodes).toEqual([SOURCE, MIDDLE, TARGET]);
    expect(body.result.riskScore).toBeGreaterThan(0.9);
    expect(body.labels).toEqual([sanctioned]);
  });

  it('reports direct exposure of the intermediary and respects hops', async () => {
    const middle = (await post('/v1/screen', { address: MIDDLE, chain: 'ethereum' })).json();
    expect(middle.result.direct).toEqual([
      { source: SOURCE, category: 'sanctions', relation: 'received', value: 80, transfers: 1 },
    ]);
    expect(middle.result.riskScore).toBeGreaterThan(0);

    const oneHop = (await post('/v1/screen', { address: TARGET, hops: 1, paths: 1 })).json();
    expect(oneHop.result.indirect).toEqual([]);
    expect(oneHop.result.riskScore).toBe(0);
  });

  it('answers for a chain without a stored graph from the labels alone', async () => {
    await app.store.labels.upsertMany([{ ...sanctioned, chain: 'polygon' }]);
    const body = (await post('/v1/screen', { address: SOURCE, chain: 'polygon' })).json();
    expect(body.graph).toBeNull();
    expect(body.note).toMatch(/no polygon transfer graph/);
    expect(body.result.direct).toMatchObject([{ source: SOURCE, relation: 'self', category: 'sanctions' }]);
    expect(body.result.riskScore).toBe(1);
  });

  it('rejects a malformed address, an unknown chain and bad bodies with 400 and the reason', async () => {
    const bad = await post('/v1/screen', { address: '0x12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INPUT_INVALID', errors: [{ path: 'address' }] });
    expect(bad.json().message).toContain('is not 0x followed by 40 hex digits');

    const checksum = await post('/v1/screen', { address: '0xaAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(checksum.statusCode).toBe(400);
    expect(checksum.json().message).toContain('EIP-55');

    const chain = await post('/v1/screen', { address: TARGET, chain: 'dogecoin' });
    expect(chain.statusCode).toBe(400);
    expect(chain.json().message).toContain('unknown chain "dogecoin"');
    expect(chain.json().hint).toContain('bitcoin');

    for (const body of [{ address: TARGET, hops: 9 }, { address: TARGET, extra: 1 }, { chain: 'ethereum' }]) {
      const res = await post('/v1/screen', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INPUT_INVALID');
    }
  });

  it('needs an API key', async () => {
    expect((await post('/v1/screen', { address: TARGET }, {})).statusCode).toBe(401);
  });
});

describe('POST /v1/linkability', () => {
  it('names the common-funding link and scores the linked share of activity', async () => {
    const res = await post('/v1/linkability', { address: FRESH1 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ chain: 'ethereum', address: FRESH1, graph: { revision: 1 } });
    expect(body.links).toEqual([
      { heuristic: 'commonFunding', other: FRESH2, evidence: `both first funded by ${FUNDER}, 60 s apart` },
    ]);
    expect(body.score).toBeCloseTo(0.5);
  });

  it('gives 0 without a stored graph and 400 on a malformed address', async () => {
    const none = (await post('/v1/linkability', { address: FRESH1, chain: 'base' })).json();
    expect(none).toMatchObject({ score: 0, links: [], graph: null });
    const bad = await post('/v1/linkability', { address: 'bc1qnotanaddress', chain: 'bitcoin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('address');
  });
});

describe('OpenAPI', () => {
  it('lists both routes under the graph tag', async () => {
    const doc = (await app.server.inject({ url: '/openapi.json' })).json();
    expect(doc.paths['/v1/screen'].post.tags).toEqual(['graph']);
    expect(doc.paths['/v1/linkability'].post.tags).toEqual(['graph']);
    expect(doc.paths['/v1/screen'].post.summary).toMatch(/risk score/);
  });
});
