import { describe, expect, it } from 'vitest';
import type { Chain } from '../../core/chain.js';
import { ArgusError, ValidationError } from '../../core/errors.js';
import type { Label } from '../../core/label.js';
import type { GraphSnapshotMeta } from '../../store/types.js';
import { graphSnapshotName } from '../graph/graphSnapshotName.js';
import { TransferGraph } from '../graph/transferGraph.js';
import { type GraphScreeningDeps, GraphScreeningService } from './graphScreeningService.js';
import { ADDR, label, SCENARIO_LABELS } from './screening.fixture.js';

/** In-memory stand-ins for the two store interfaces, counting the calls that cost. */
function fakeStore(initialLabels: Label[] = []) {
  const snapshots = new Map<string, { meta: GraphSnapshotMeta; data: Uint8Array }>();
  const labels = [...initialLabels];
  const calls = { load: 0, info: 0, all: 0 };
  const deps: GraphScreeningDeps = {
    graphs: {
      async info(name) {
        calls.info++;
        return snapshots.get(name)?.meta;
      },
      async load(name) {
        calls.load++;
        // A real load reads hundreds of megabytes; yield so concurrent callers overlap with it.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return snapshots.get(name);
      },
    },
    labels: {
      async count(filter) {
        return labels.filter((l) => filter.chain === undefined || l.chain === filter.chain).length;
      },
      async forAddress(chain: Chain, address: string) {
        return labels.filter((l) => l.chain === chain && l.address === address);
      },
      async *all(chain?: Chain) {
        calls.all++;
        for (const l of labels) if (chain === undefined || l.chain === chain) yield l;
      },
    },
  };
  const save = (name: string, data: Uint8Array, nodes: number, edges: number, at: number): void => {
    const revision = (snapshots.get(name)?.meta.revision ?? 0) + 1;
    snapshots.set(name, { meta: { name, savedAt: at, bytes: data.length, nodes, edges, revision }, data });
  };
  return { deps, labels, calls, save };
}

// hacker → mule → hop ← sanctioned; hop → target. At hop the sanctioned inflow is 100, the mule's 50.
function scenarioGraph(): TransferGraph {
  const g = new TransferGraph();
  g.addTransfer(ADDR.hacker, ADDR.mule, 50, 1000);
  g.addTransfer(ADDR.sanctioned, ADDR.hop, 100, 2000);
  g.addTransfer(ADDR.mule, ADDR.hop, 50, 2500);
  g.addTransfer(ADDR.hop, ADDR.target, 60, 3000);
  g.addTransfer(ADDR.payer, ADDR.clean, 5, 4000);
  return g;
}

function saveGraph(store: ReturnType<typeof fakeStore>, g: TransferGraph, at = 10_000): void {
  store.save(graphSnapshotName('ethereum'), g.save(), g.nodeCount, g.edgeCount, at);
}

describe('GraphScreeningService.screen', () => {
  it('traces a stored graph to its labelled sources and names the labels involved', async () => {
    const store = fakeStore(SCENARIO_LABELS);
    saveGraph(store, scenarioGraph());
    const service = new GraphScreeningService(store.deps);

    const res = await service.screen({ chain: 'Ethereum', address: ADDR.target });
    expect(res.chain).toBe('ethereum');
    expect(res.address).toBe(ADDR.target);
    expect(res.graph).toEqual({ revision: 1, savedAt: 10_000, nodes: 7, edges: 5 });
    expect(res.note).toBeUndefined();
    expect(res.result.known).toBe(true);
    expect(res.result.direct).toEqual([]);
    const bySource = new Map(res.result.indirect.map((hit) => [hit.source, hit]));
    expect(bySource.get(ADDR.sanctioned)).toMatchObject({ category: 'sanctions', hops: 2 });
    expect(bySource.get(ADDR.sanctioned)?.haircutShare).toBeCloseTo(2 / 3);
    expect(bySource.get(ADDR.sanctioned)?.paths[0]?.nodes).toEqual([ADDR.sanctioned, ADDR.hop, ADDR.target]);
    expect(bySource.get(ADDR.hacker)).toMatchObject({ category: 'hack', hops: 3 });
    expect(bySource.get(ADDR.hacker)?.paths[0]?.nodes).toEqual([
      ADDR.hacker,
      ADDR.mule,
      ADDR.hop,
      ADDR.target,
    ]);
    expect(res.result.riskScore).toBeGreaterThan(0.66);
    // Both labels of the sanctioned address and the hacker's; the off-graph label is not loaded.
    expect(res.labels.map((l) => `${l.address}:${l.category}`).sort()).toEqual(
      [`${ADDR.hacker}:hack`, `${ADDR.sanctioned}:sanctions`, `${ADDR.sanctioned}:scam`].sort(),
    );

    const short = await service.screen({ chain: 'ethereum', address: ADDR.target, hops: 2, paths: 1 });
    expect(short.result.indirect.map((hit) => hit.source)).toEqual([ADDR.sanctioned]);
    expect(short.labels.every((l) => l.address === ADDR.sanctioned)).toBe(true);

    // Any valid spelling: all upper-case hex is accepted and answered in canonical lower case.
    const direct = await service.screen({ chain: 'ethereum', address: `0x${'A'.repeat(40)}` });
    expect(direct.address).toBe(ADDR.hop);
    expect(direct.result.direct.map((d) => [d.source, d.relation])).toEqual([[ADDR.sanctioned, 'received']]);
  });

  it('answers from the own labels alone when no graph is stored, and says so', async () => {
    const store = fakeStore(SCENARIO_LABELS);
    const service = new GraphScreeningService(store.deps);
    const res = await service.screen({ chain: 'ethereum', address: ADDR.sanctioned });
    expect(res.graph).toBeNull();
    expect(res.note).toMatch(/no ethereum transfer graph is stored/);
    expect(res.result.known).toBe(false);
    // Heaviest of its two labels: sanctions (weight 1) over scam.
    expect(res.result.direct).toEqual([
      { source: ADDR.sanctioned, category: 'sanctions', relation: 'self', value: 0, transfers: 0 },
    ]);
    expect(res.result.riskScore).toBe(1);
    expect(res.labels).toHaveLength(2);

    const clean = await service.screen({ chain: 'ethereum', address: ADDR.clean });
    expect(clean.result.direct).toEqual([]);
    expect(clean.result.riskScore).toBe(0);
    expect(clean.graph).toBeNull();
  });

  it('checks the own labels of an address the stored graph never saw', async () => {
    const offGraph = '0x9999999999999999999999999999999999999999';
    const store = fakeStore(SCENARIO_LABELS);
    saveGraph(store, scenarioGraph());
    const res = await new GraphScreeningService(store.deps).screen({ chain: 'ethereum', address: offGraph });
    expect(res.graph?.revision).toBe(1);
    expect(res.note).toMatch(/not on the ethereum transfer graph/);
    expect(res.result.direct).toEqual([
      { source: offGraph, category: 'phishing', relation: 'self', value: 0, transfers: 0 },
    ]);
    expect(res.result.riskScore).toBeCloseTo(0.7);
  });

  it('refuses an unknown chain, a malformed address and out-of-range options with what is wrong', async () => {
    const service = new GraphScreeningService(fakeStore().deps);
    const chain = await service.screen({ chain: 'dogecoin', address: ADDR.target }).catch((e: unknown) => e);
    expect(chain).toBeInstanceOf(ValidationError);
    expect((chain as ValidationError).message).toContain('unknown chain "dogecoin"');
    expect((chain as ValidationError).hint).toContain('ethereum');

    const address = await service.screen({ chain: 'ethereum', address: '0x1234' }).catch((e: unknown) => e);
    expect(address).toBeInstanceOf(ValidationError);
    expect((address as ValidationError).message).toContain('is not 0x followed by 40 hex digits');

    const hops = await service
      .screen({ chain: 'ethereum', address: ADDR.target, hops: 9 })
      .catch((e: unknown) => e);
    expect(hops).toBeInstanceOf(ValidationError);
    expect((hops as ValidationError).issues[0]?.path).toBe('maxHops');
  });
});

describe('GraphScreeningService caching', () => {
  it('loads a snapshot once for concurrent requests and reuses it until recheckMs passes', async () => {
    const store = fakeStore(SCENARIO_LABELS);
    saveGraph(store, scenarioGraph());
    let now = 0;
    const service = new GraphScreeningService(store.deps, { recheckMs: 1000, now: () => now });

    const answers = await Promise.all(
      [1, 2, 3].map(() => service.screen({ chain: 'ethereum', address: ADDR.target })),
    );
    expect(store.calls.load).toBe(1);
    expect(store.calls.info).toBe(1);
    expect(answers.every((a) => a.result.indirect.length === 2)).toBe(true);

    // A new revision with a direct sanctioned payment is not seen before the recheck...
    const g = scenarioGraph();
    g.addTransfer(ADDR.sanctioned, ADDR.target, 1, 5000);
    saveGraph(store, g, 20_000);
    now = 999;
    const stale = await service.screen({ chain: 'ethereum', address: ADDR.target });
    expect(stale.graph?.revision).toBe(1);
    expect(store.calls.info).toBe(1);

    // ...and is loaded after it.
    now = 1000;
    const fresh = await service.screen({ chain: 'ethereum', address: ADDR.target });
    expect(fresh.graph).toEqual({ revision: 2, savedAt: 20_000, nodes: 7, edges: 6 });
    expect(fresh.result.direct.map((d) => d.relation)).toEqual(['received']);
    expect(store.calls.load).toBe(2);

    // Same revision at the next recheck: asks info(), does not load.
    now = 2000;
    await service.screen({ chain: 'ethereum', address: ADDR.target });
    expect(store.calls.info).toBe(3);
    expect(store.calls.load).toBe(2);
  });

  it('picks up new labels of the chain without reloading the graph', async () => {
    const store = fakeStore([]);
    saveGraph(store, scenarioGraph());
    let now = 0;
    const service = new GraphScreeningService(store.deps, { recheckMs: 1000, now: () => now });
    expect((await service.screen({ chain: 'ethereum', address: ADDR.target })).result.riskScore).toBe(0);

    store.labels.push(label(ADDR.mule, { category: 'scam', label: 'Mule', source: 'manual' }));
    now = 1000;
    const res = await service.screen({ chain: 'ethereum', address: ADDR.target });
    expect(res.result.indirect.map((hit) => [hit.source, hit.hops])).toEqual([[ADDR.mule, 2]]);
    expect(res.labels.map((l) => l.label)).toEqual(['Mule']);
    expect(store.calls.load).toBe(1);
    expect(store.calls.all).toBe(2);
  });

  it('reports an unreadable snapshot as a store failure and does not reread it on every request', async () => {
    const store = fakeStore();
    store.save(graphSnapshotName('ethereum'), new Uint8Array([1, 2, 3, 4]), 1, 1, 0);
    let now = 0;
    const service = new GraphScreeningService(store.deps, { recheckMs: 1000, now: () => now });
    const first = await service.screen({ chain: 'ethereum', address: ADDR.target }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ArgusError);
    expect((first as ArgusError).code).toBe('STORE_FAILED');
    expect((first as ArgusError).message).toContain('transfer-graph/ethereum (revision 1)');
    await expect(service.screen({ chain: 'ethereum', address: ADDR.target })).rejects.toBe(first);
    expect(store.calls.load).toBe(1);

    saveGraph(store, scenarioGraph());
    now = 1000;
    const res = await service.screen({ chain: 'ethereum', address: ADDR.target });
    expect(res.graph?.revision).toBe(2);
  });

  it('keeps chains apart', async () => {
    const store = fakeStore(SCENARIO_LABELS);
    saveGraph(store, scenarioGraph());
    const service = new GraphScreeningService(store.deps);
    const polygon = await service.screen({ chain: 'polygon', address: ADDR.target });
    expect(polygon.graph).toBeNull();
    expect(polygon.result.riskScore).toBe(0);
    expect((await service.screen({ chain: 'ethereum', address: ADDR.target })).graph?.revision).toBe(1);
  });
});

describe('GraphScreeningService.linkability', () => {
  const F = '0xf000000000000000000000000000000000000000';
  const S1 = '0x5100000000000000000000000000000000000000';
  const S2 = '0x5200000000000000000000000000000000000000';
  const SHOP = '0x5000000000000000000000000000000000000000';

  it('scores an address by the clustering of the stored graph, built once per revision', async () => {
    const store = fakeStore();
    const g = new TransferGraph();
    g.addTransfer(F, S1, 0.1, 0);
    g.addTransfer(F, S2, 0.1, 60_000);
    g.addTransfer(S1, SHOP, 0.1, 1_800_000);
    saveGraph(store, g);
    const service = new GraphScreeningService(store.deps);

    const s1 = await service.linkability({ chain: 'ethereum', address: S1 });
    expect(s1.chain).toBe('ethereum');
    expect(s1.address).toBe(S1);
    expect(s1.score).toBeCloseTo(0.5);
    expect(s1.links).toEqual([
      { heuristic: 'commonFunding', other: S2, evidence: `both first funded by ${F}, 60 s apart` },
    ]);
    expect(s1.graph?.revision).toBe(1);
    expect((await service.linkability({ chain: 'ethereum', address: SHOP })).score).toBe(0);
    expect(store.calls.load).toBe(1);
  });

  it('answers score 0 and no links without a stored graph', async () => {
    const service = new GraphScreeningService(fakeStore().deps);
    const res = await service.linkability({ chain: 'ethereum', address: S1 });
    expect(res).toMatchObject({ address: S1, score: 0, links: [], graph: null });
    await expect(service.linkability({ chain: 'ethereum', address: 'nope' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
