/**
 * Graph analytics: what the exposure screener and the clustering heuristics get right on a simulated
 * laundering scenario, and how fast the transfer graph is at scale.
 *
 *  1. scenario: src/graph/simulate's seeded scenario (--users background users, --sources labelled
 *     sources laundered through a peel chain, layering and a mixer). Every address but the sources is
 *     screened; "exposed" is riskScore > threshold, compared with the scenario's taint truth. Clustering
 *     is scored pairwise against the true entities per mechanism: deposit-address reuse alone, common
 *     funding alone, mixer deposit/withdrawal pairs alone, clusterEntities' default (deposit reuse +
 *     common funding, hot wallets detected) and that plus the mixer pairs. The mixer-pair matcher is
 *     scored against the scenario's truth of which deposit each withdrawal redeems, at three time
 *     windows (the scenario has fixed denominations, random delays and no gas prices, so only timing
 *     can single out a note). The linkability score is scored per address against the share of its
 *     activity truly with its own entity (flagged at >= --linkability).
 *
 *  2. performance: --addresses (default 1,000,000) addresses and --transfers (default 10,000,000)
 *     transfers, generated into typed arrays first (not timed). Endpoints are power-law (the i-th most
 *     active sender or receiver is drawn with density ∝ rank^-1/2, sender and receiver popularity
 *     independent), times increase with the transfer index. Addresses are registered with nodeFor (timed
 *     apart), then transfers go in by node id through addTransferBetween; the graph is presized to the
 *     address and transfer counts. Memory is heapUsed + arrayBuffers after GC, after minus before the
 *     build (the generated input arrays are allocated before, so they are not counted). --labelled
 *     random nodes are sources; screening (k = --hops, screener defaults otherwise) is timed per call
 *     over --samples random addresses and --near addresses one or two hops downstream of a source,
 *     once tracing through every node and once not through nodes with more than --hub-in-degree
 *     inflows (the screener's hubInDegree option, default 1000: how exchanges and mixers' pools are meant
 *     to be run). Latency is wall time per call; CPU time per call (process.cpuUsage, all threads) is
 *     reported beside it, with the load average, because on a shared machine the wall-time tail is
 *     often another process's, not the screener's.
 *
 *   npm run bench -- graph --addresses 1000000 --transfers 10000000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clusterEntities } from '../src/graph/clustering/clusterEntities.js';
import { ExposureScreener, parseScreeningOptions } from '../src/graph/exposure/exposureScreener.js';
import { TransferGraph } from '../src/graph/graph/transferGraph.js';
import { evaluateMechanisms } from '../src/graph/simulate/evaluateMechanisms.js';
import { matchScenarioMixer } from '../src/graph/simulate/evaluateMixerPairs.js';
import {
  buildScenarioGraph,
  type ClusteringEvaluation,
  type ExposureEvaluation,
  evaluateClustering,
  evaluateExposure,
} from '../src/graph/simulate/evaluateScenario.js';
import { generateLaunderingScenario } from '../src/graph/simulate/launderingScenario.js';
import { simulationRandom } from '../src/ml/simulationRandom.js';

const { values } = parseArgs({
  options: {
    addresses: { type: 'string', default: '1000000' },
    transfers: { type: 'string', default: '10000000' },
    users: { type: 'string', default: '2000' },
    sources: { type: 'string', default: '3' },
    labelled: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '2000' },
    near: { type: 'string', default: '500' },
    hops: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'hub-in-degree': { type: 'string', default: String(parseScreeningOptions({}).hubInDegree) },
    linkability: { type: 'string', default: '0.3' },
  },
});
const ADDRESSES = Number(values.addresses);
const TRANSFERS = Number(values.transfers);
const HOPS = Number(values.hops);
const SEED = Number(values.seed);
/** The second screening run does not trace through nodes with more inflows than this (0: traces all). */
const HUB_IN_DEGREE = Number(values['hub-in-degree']);
const retained: unknown[] = [];
const exposedGc = (globalThis as { gc?: () => void }).gc;
// Twice: one pass can leave garbage that a later measurement would then subtract.
const gc = exposedGc
  ? () => {
      exposedGc();
      exposedGc();
    }
  : undefined;
const fmt = (n: number, digits = 3) => n.toFixed(digits);

function scenarioPhase() {
  const t0 = performance.now();
  const scenario = generateLaunderingScenario({
    seed: SEED,
    users: Number(values.users),
    sources: Number(values.sources),
  });
  const graph = buildScenarioGraph(scenario);
  const exposure: (ExposureEvaluation & { label: string })[] = [];
  for (const maxHops of [1, 2, 3, 4]) {
    exposure.push({
      label: `k=${maxHops}, risk > 0.01`,
      ...evaluateExposure(scenario, graph, { threshold: 0.01, screening: { maxHops } }),
    });
  }
  for (const threshold of [0.05, 0.2, 0.5]) {
    exposure.push({
      label: `k=3, risk > ${threshold}`,
      ...evaluateExposure(scenario, graph, { threshold, screening: { maxHops: 3 } }),
    });
  }
  const clustering = clusterEntities(graph);
  const clusteringScore: ClusteringEvaluation = evaluateClustering(scenario, clustering.clusters);
  const detectedHot = [...clustering.hotWallets];
  const mechanisms = evaluateMechanisms(scenario, graph, {
    linkabilityThreshold: Number(values.linkability),
  });
  const mixerWindows = [6 * 3_600_000, 86_400_000, 7 * 86_400_000].map((windowMs) => ({
    windowMs,
    ...matchScenarioMixer(scenario, { windowMs }).evaluation,
  }));
  return {
    addresses: scenario.addresses.length,
    transfers: scenario.transfers.length,
    edges: graph.edgeCount,
    entities: scenario.entityCount,
    tainted: scenario.taint.size,
    exposure,
    clustering: {
      ...clusteringScore,
      hotWalletsTrue: scenario.hotWallets.length,
      hotWalletsDetected: detectedHot.length,
      hotWalletsDetectedTrue: detectedHot.filter((h) => scenario.hotWallets.includes(h)).length,
    },
    mechanisms: mechanisms.clustering,
    mixerPairs: mixerWindows,
    linkability: mechanisms.linkability,
    elapsedMs: Math.round(performance.now() - t0),
  };
}

/** Index in [0, n) with density ∝ (i+1)^-1/2: rank r = n·u², a power law with a heavy head. */
function powerLawRank(u: number, n: number): number {
  return Math.min(n - 1, Math.floor(n * u * u));
}

function permutation(n: number, random: { int(n: number): number }): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function performancePhase() {
  const random = simulationRandom(SEED + 1000);
  const t0 = performance.now();
  const senders = permutation(ADDRESSES, random);
  const receivers = permutation(ADDRESSES, random);
  const from = new Int32Array(TRANSFERS);
  const to = new Int32Array(TRANSFERS);
  const value = new Float64Array(TRANSFERS);
  const time = new Float64Array(TRANSFERS);
  const start = Date.UTC(2025, 0, 1);
  const spacing = (365 * 86_400_000) / TRANSFERS;
  for (let i = 0; i < TRANSFERS; i++) {
    const f = senders[powerLawRank(random.next(), ADDRESSES)] as number;
    let t = receivers[powerLawRank(random.next(), ADDRESSES)] as number;
    if (t === f) t = (t + 1) % ADDRESSES;
    from[i] = f;
    to[i] = t;
    value[i] = 0.01 + random.next() ** 3 * 1000;
    time[i] = start + Math.floor(i * spacing);
  }
  const addressStrings = Array.from({ length: ADDRESSES }, (_, i) => `0x${i.toString(16).padStart(40, '0')}`);
  const generateMs = performance.now() - t0;
  // Held at module level until the end: once the build loop is done they are dead locals, and V8 would
  // collect them before the memory reading, subtracting their 240 MB from the graph's.
  retained.push(from, to, value, time);

  gc?.();
  const used = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  const before = used(process.memoryUsage());
  const t1 = performance.now();
  const graph = new TransferGraph({ nodes: ADDRESSES, edges: TRANSFERS });
  for (let i = 0; i < ADDRESSES; i++) graph.nodeFor(addressStrings[i] as string);
  const registerMs = performance.now() - t1;
  const t2 = performance.now();
  for (let i = 0; i < TRANSFERS; i++) {
    graph.addTransferBetween(from[i] as number, to[i] as number, value[i] as number, time[i] as number);
  }
  const buildMs = performance.now() - t2;
  gc?.();
  const afterBuild = used(process.memoryUsage());
  const t3 = performance.now();
  graph.compact();
  const compactMs = performance.now() - t3;
  gc?.();
  const afterCompact = used(process.memoryUsage());

  // Labelled sources and the targets to screen, chosen before timing.
  const sources = new Map<number, string>();
  while (sources.size < Math.min(Number(values.labelled), ADDRESSES)) {
    sources.set(random.int(ADDRESSES), random.next() < 0.5 ? 'hack' : 'sanctions');
  }
  const sourceList = [...sources.keys()];
  const randomTargets = Int32Array.from({ length: Number(values.samples) }, () => random.int(ADDRESSES));
  const nearTargets: number[] = [];
  for (
    let guard = 0;
    nearTargets.length < Number(values.near) && guard < 100 * Number(values.near);
    guard++
  ) {
    let node = sourceList[random.int(sourceList.length)] as number;
    const steps = 1 + random.int(2);
    for (let s = 0; s < steps && node >= 0; s++) {
      const degree = graph.outDegree(node);
      if (degree === 0) {
        node = -1;
        break;
      }
      const pick = random.int(degree);
      let k = 0;
      let next = -1;
      graph.forEachOut(node, (edge) => {
        if (k++ === pick) next = graph.edgeTo(edge);
      });
      node = next;
    }
    if (node >= 0) nearTargets.push(node);
  }

  const timeScreens = (screener: ExposureScreener, targets: ArrayLike<number>) => {
    const latencies = new Float64Array(targets.length);
    const cpu = new Float64Array(targets.length);
    const examined = new Float64Array(targets.length);
    let exposed = 0;
    let truncated = 0;
    let edges = 0;
    for (let i = 0; i < targets.length; i++) {
      const c = process.cpuUsage();
      const a = performance.now();
      const result = screener.screenNode(targets[i] as number);
      latencies[i] = performance.now() - a;
      const used = process.cpuUsage(c);
      cpu[i] = (used.user + used.system) / 1000;
      if (result.indirect.length > 0 || result.direct.length > 0) exposed++;
      if (result.explored.truncated) truncated++;
      edges += result.explored.edges;
      examined[i] = result.explored.edges;
    }
    const sorted = latencies.sort();
    const cpuSorted = cpu.sort();
    return {
      count: targets.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? 0,
      cpuP50Ms: percentile(cpuSorted, 0.5),
      cpuP99Ms: percentile(cpuSorted, 0.99),
      cpuMaxMs: cpuSorted[cpuSorted.length - 1] ?? 0,
      exposed,
      truncated,
      meanEdgesExamined: Math.round(edges / Math.max(1, targets.length)),
      // The latency tail follows the work tail: the screens that examine the most in-edges.
      p99EdgesExamined: percentile(examined.sort(), 0.99),
    };
  };
  const allTargets = Int32Array.from([...randomTargets, ...nearTargets]);
  const screenings = [0, HUB_IN_DEGREE].map((hubInDegree) => {
    const screener = new ExposureScreener(graph, sources, { maxHops: HOPS, hubInDegree });
    for (let i = 0; i < 200; i++) screener.screenNode(random.int(ADDRESSES)); // JIT warm-up, not timed
    const loadBefore = loadavg()[0] as number;
    const randomScreens = timeScreens(screener, randomTargets);
    const nearSources = timeScreens(screener, nearTargets);
    const all = timeScreens(screener, allTargets);
    return {
      hubInDegree,
      // 1-minute load average of the machine (2 cores here): above ~1 other processes took turns.
      loadAverage: [loadBefore, loadavg()[0] as number],
      random: randomScreens,
      nearSources,
      all,
    };
  });

  return {
    addresses: graph.nodeCount,
    transfers: TRANSFERS,
    edges: graph.edgeCount,
    maxInDegree: Math.max(...Array.from({ length: 64 }, (_, i) => graph.inDegree(receivers[i] as number))),
    generateMs: Math.round(generateMs),
    registerAddressesMs: Math.round(registerMs),
    buildMs: Math.round(buildMs),
    transfersPerSecond: Math.round(TRANSFERS / (buildMs / 1000)),
    memoryBytes: afterBuild - before,
    compactMs: Math.round(compactMs),
    memoryAfterCompactBytes: afterCompact - before,
    gcExposed: Boolean(gc),
    hops: HOPS,
    labelled: sources.size,
    defaultHubInDegree: parseScreeningOptions({}).hubInDegree,
    screenings,
  };
}

const scenario = scenarioPhase();
console.log(
  `laundering scenario: ${scenario.addresses.toLocaleString('en-US')} addresses, ${scenario.transfers.toLocaleString('en-US')} transfers (${scenario.edges.toLocaleString('en-US')} edges), ${scenario.entities} entities, ${scenario.tainted} truly tainted`,
);
console.log(
  `${'exposure'.padEnd(22)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'recall≤k'.padStart(10)}${'TP'.padStart(6)}${'FP'.padStart(6)}${'FN'.padStart(6)}`,
);
for (const e of scenario.exposure) {
  console.log(
    `${e.label.padEnd(22)}${fmt(e.precision).padStart(10)}${fmt(e.recall).padStart(10)}${fmt(e.recallWithinHops).padStart(10)}${String(e.truePositives).padStart(6)}${String(e.falsePositives).padStart(6)}${String(e.falseNegatives).padStart(6)}`,
  );
}
const c = scenario.clustering;
console.log(
  `clustering (pairwise)  precision ${fmt(c.precision)}  recall ${fmt(c.recall)}  (${c.truePositivePairs}/${c.predictedPairs} predicted pairs, ${c.truePositivePairs}/${c.truePairs} true pairs; ${c.clusters} clusters for ${c.entities} entities; hot wallets detected ${c.hotWalletsDetected}, of them true ${c.hotWalletsDetectedTrue}/${c.hotWalletsTrue})`,
);
/** A ratio over nothing (no pair predicted) is printed as such, not as the 1 the JSON keeps. */
const ratioCell = (value: number, denominator: number) => (denominator === 0 ? 'n/a' : fmt(value));
console.log(
  `${'clustering mechanism'.padEnd(28)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'TP pairs'.padStart(10)}${'predicted'.padStart(11)}${'true'.padStart(8)}${'clusters'.padStart(10)}`,
);
for (const m of scenario.mechanisms) {
  console.log(
    `${m.mechanism.padEnd(28)}${ratioCell(m.precision, m.predictedPairs).padStart(10)}${fmt(m.recall).padStart(10)}${String(m.truePositivePairs).padStart(10)}${String(m.predictedPairs).padStart(11)}${String(m.truePairs).padStart(8)}${String(m.clusters).padStart(10)}`,
  );
}
console.log(
  `${'mixer pairs (window)'.padEnd(28)}${'precision'.padStart(10)}${'recall'.padStart(10)}${'right'.padStart(10)}${'predicted'.padStart(11)}${'true'.padStart(8)}${'exact note'.padStart(12)}`,
);
for (const m of scenario.mixerPairs) {
  const window = m.windowMs < 86_400_000 ? `${m.windowMs / 3_600_000} h` : `${m.windowMs / 86_400_000} d`;
  console.log(
    `${window.padEnd(28)}${ratioCell(m.precision, m.predictedPairs).padStart(10)}${fmt(m.recall).padStart(10)}${String(m.correctDepositor).padStart(10)}${String(m.predictedPairs).padStart(11)}${String(m.truePairs).padStart(8)}${String(m.correctDeposit).padStart(12)}`,
  );
}
console.log(
  '  (one denomination, random delays, no gas prices in the scenario: only timing can single out a note; the default window is 7 d)',
);
const l = scenario.linkability;
console.log(
  `linkability >= ${l.threshold} vs true same-owner share >= ${l.threshold}: precision ${fmt(l.precision)}  recall ${fmt(l.recall)}  (TP ${l.truePositives}, FP ${l.falsePositives}, FN ${l.falseNegatives} of ${l.addresses} addresses; mean |score - truth| ${fmt(l.meanAbsoluteError)})`,
);

gc?.();
const perf = performancePhase();
const row = (name: string, v: string, target = '', met?: boolean) =>
  `${name.padEnd(46)}${v.padStart(26)}  ${target.padEnd(12)}${met === undefined ? '' : met ? 'met' : 'NOT MET'}`;
const mb = (b: number) => `${(b / 1_048_576).toFixed(0)} MB`;
console.log(
  `\ntransfer graph: ${perf.addresses.toLocaleString('en-US')} addresses, ${perf.transfers.toLocaleString('en-US')} transfers, ${perf.edges.toLocaleString('en-US')} edges, top in-degree ${perf.maxInDegree.toLocaleString('en-US')} (input generated in ${perf.generateMs} ms, not timed)`,
);
console.log(row('register addresses (nodeFor)', `${perf.registerAddressesMs} ms`));
console.log(row('build (addTransferBetween)', `${perf.buildMs} ms`));
console.log(row('  transfers/s', perf.transfersPerSecond.toLocaleString('en-US')));
console.log(row('memory after build', mb(perf.memoryBytes)));
console.log(row('  per transfer', `${(perf.memoryBytes / perf.transfers).toFixed(1)} B`));
console.log(row('compact()', `${perf.compactMs} ms`));
console.log(row('memory after compact', mb(perf.memoryAfterCompactBytes)));
for (const run of perf.screenings) {
  const hub =
    run.hubInDegree === 0
      ? 'hubInDegree 0: traces through every node'
      : `hubInDegree ${run.hubInDegree}${run.hubInDegree === perf.defaultHubInDegree ? ' (the screener default)' : ''}: nodes with more inflows are not traced through`;
  console.log(
    `screening k=${perf.hops}, ${hub}; load average ${run.loadAverage.map((v) => v.toFixed(2)).join(' → ')}`,
  );
  for (const name of ['random', 'nearSources', 'all'] as const) {
    const s = run[name];
    console.log(
      row(
        `  ${name} (${s.count}) wall p50 / p99 / max`,
        `${s.p50Ms.toFixed(2)} / ${s.p99Ms.toFixed(2)} / ${s.maxMs.toFixed(1)} ms`,
        'p99 < 10 ms',
        s.p99Ms < 10,
      ),
    );
    console.log(
      row(
        '    cpu p50 / p99 / max',
        `${s.cpuP50Ms.toFixed(2)} / ${s.cpuP99Ms.toFixed(2)} / ${s.cpuMaxMs.toFixed(1)} ms`,
      ),
    );
    console.log(
      row(
        '    exposed; truncated; edges mean/p99',
        `${s.exposed}; ${s.truncated}; ${s.meanEdgesExamined}/${s.p99EdgesExamined}`,
      ),
    );
  }
}
if (!perf.gcExposed) console.log('(run with node --expose-gc for exact memory figures; npm run bench does)');

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, 'graph.json');
writeFileSync(
  out,
  `${JSON.stringify({ when: new Date().toISOString(), scenario, performance: perf }, null, 2)}\n`,
);
console.log(`results: ${out}`);
retained.length = 0;
