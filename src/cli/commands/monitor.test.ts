import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-monitor-cli-'));
const configFile = join(dir, 'argus.config.yaml');
const stream = join(dir, 'stream.jsonl');
const truth = join(dir, 'truth.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(['--config', configFile, ...args]);
}

beforeAll(async () => {
  writeFileSync(
    configFile,
    [
      'store: { sqlite: { path: store.db } }',
      'monitor: { warmupEvents: 2000, stateDir: state, retrain: { windowSize: 5000 } }',
    ].join('\n'),
  );
  await run([
    ...['simulate', '--accounts', '400', '--days', '10', '--seed', '5', '--out', stream, '--truth', truth],
    ...['--typologies', 'none,structuring=2,dormant-drain=1', '--json'],
  ]);
  // A malformed record in the middle must be reported and skipped, never stop the run.
  appendFileSync(stream, '{"from": "0xabc", "amount": "lots"}\n');
  // A recipient in the stream is on a sanctions list: the live graph must flag the transfers to it.
  const first = JSON.parse(readFileSync(stream, 'utf8').split('\n')[0] as string);
  sanctioned = first.to;
  const store = await openStore(
    { driver: 'sqlite', sqlite: { path: join(dir, 'store.db'), synchronous: 'normal' } } as never,
    dir,
  );
  try {
    await store.labels.upsertMany([
      {
        chain: 'ethereum',
        address: sanctioned,
        category: 'sanctions',
        label: 'Test SDN',
        source: 'manual',
        sourceRef: 'monitor.test.ts',
        importedAt: new Date(0).toISOString(),
      },
    ]);
  } finally {
    await store.close();
  }
});
let sanctioned = '';

describe('argus monitor', () => {
  it('eval scores the whole monitor against the ground truth, per typology', async () => {
    const evalAlerts = join(dir, 'eval-alerts.jsonl');
    const { stdout } = await run([
      ...['monitor', 'eval', '--stream', stream, '--truth', truth, '--json', '--alerts-out', evalAlerts],
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    const result = JSON.parse(stdout);
    const written = readFileSync(evalAlerts, 'utf8').trim().split('\n').filter(Boolean);
    expect(written.length).toBe(result.report.overall.alerts + result.driftAlerts);
    expect(result.rejected).toBe(1);
    expect(result.rejectedSamples[0].reason).toMatch(/amount/);
    const names = result.report.typologies.map((t: { typology: string }) => t.typology);
    expect(names).toEqual(expect.arrayContaining(['structuring', 'dormant-drain']));
    const structuring = result.report.typologies.find(
      (t: { typology: string }) => t.typology === 'structuring',
    );
    expect(structuring.incidents).toBe(2);
    expect(result.stats.processed).toBe(result.received);
  });

  it('runs a source into the pipeline, saves its state, and a second run skips what it already saw', async () => {
    const alertsOut = join(dir, 'alerts.jsonl');
    const first = await run(['monitor', '--source', stream, '--alerts-out', alertsOut, '--json']);
    expect(process.exitCode ?? 0).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ rejected: 1, storeErrors: 0 });
    expect(summary.alerts).toBeGreaterThan(0);
    const written = readFileSync(alertsOut, 'utf8').trim().split('\n');
    expect(written).toHaveLength(summary.alerts);
    const direct = written
      .map((line) => JSON.parse(line))
      .filter((a) => a.detector === 'graph.direct-exposure');
    expect(direct.length).toBeGreaterThan(0);
    expect(direct[0]).toMatchObject({ area: 'graph', severity: 'critical' });
    expect(direct[0].subject.attributes.counterparty).toBe(sanctioned);
    expect(summary.graph.added).toBe(summary.stats.processed);
    expect(summary.graph.directAlerts).toBe(direct.length);

    const store = await openStore(
      { driver: 'sqlite', sqlite: { path: join(dir, 'store.db'), synchronous: 'normal' } } as never,
      dir,
    );
    try {
      const page = await store.alerts.list({ limit: 500 } as never);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((a: { area: string }) => a.area === 'monitor' || a.area === 'graph')).toBe(
        true,
      );
      // The graph went into the store on exit, for the next run and for POST /v1/screen.
      const snapshot = await store.graphs.info('transfer-graph/ethereum');
      expect(snapshot?.edges).toBeGreaterThan(0);
    } finally {
      await store.close();
    }

    const second = await run(['monitor', '--source', stream, '--no-store', '--json']);
    const again = JSON.parse(second.stdout);
    expect(again.stats.duplicates).toBe(summary.received);
    expect(again.alerts).toBe(0);
  });

  it('explains a missing --source', async () => {
    const { stderr } = await run(['monitor']);
    expect(process.exitCode).toBe(2);
    expect(stderr).toMatch(/--source is required/);
  });
});
