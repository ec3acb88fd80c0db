import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../core/config/load.js';
import type { Label } from '../../core/label.js';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

// Two groups of addresses joined by X; the hacker H and A1 were funded together (one entity).
const TRANSFERS = join(import.meta.dirname, '..', '..', 'graph', 'report', 'fixtures', 'twoGroups.jsonl');
const H = `0x${'44'.repeat(20)}`;
const A1 = `0x${'a1'.repeat(20)}`;
const X = `0x${'cc'.repeat(20)}`;
const B5 = `0x${'b5'.repeat(20)}`;

const dir = mkdtempSync(join(tmpdir(), 'argus-graph-cli-'));
const configFile = join(dir, 'argus.config.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(['--config', configFile, ...args]);
}

function label(address: string, category: Label['category'], name: string): Label {
  return {
    chain: 'ethereum',
    address,
    category,
    label: name,
    source: 'manual',
    sourceRef: 'graph.test:1',
    importedAt: '2026-01-01T00:00:00.000Z',
  };
}

beforeAll(async () => {
  writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    await store.labels.upsertMany([
      label(H, 'hack', 'Bridge exploiter'),
      label(B5, 'exchange', 'Some exchange'),
      label(`0x${'99'.repeat(20)}`, 'sanctions', 'Elsewhere'),
    ]);
  } finally {
    await store.close();
  }
});

describe('argus graph report', () => {
  it('prints the labelled cluster, the riskiest community and the bridge, then intake and timings', async () => {
    const { stdout } = await run(['graph', 'report', '--transfers', TRANSFERS, '--samples', '100']);
    expect(process.exitCode ?? 0).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      'labelled entity clusters: 1 of 1 multi-address cluster carry labels; 1 address inherits a label',
    );
    expect(stdout).toMatch(/ {2}cluster \d+, 2 addresses: \[Bridge exploiter \(hack\)\]\n/);
    expect(stdout).toContain(`    labelled: ${H}\n    inherited by: ${A1}\n`);
    expect(stdout).toMatch(
      /risky communities: 2 of 2 communities \(Louvain, resolution 1, modularity 0\.\d{3}\)/,
    );
    expect(stdout).toMatch(
      new RegExp(
        `community \\d+: 6 addresses, 6 exposed, .*top ${H} risk 0\\.900, .*\\[Bridge exploiter \\(hack\\)\\]`,
      ),
    );
    expect(stdout).toMatch(new RegExp(`bridges: 2 addresses .*\\n {2}${X} betweenness 25\\.0, `));
    expect(stdout).toContain('transfers: 20 ethereum transfers read, 1 of other chains skipped, 1 malformed');
    expect(stdout).toContain('labels: 3 ethereum labels in the store, 2 labelled addresses on the graph');
    expect(stdout).toContain('risk: screened 7 of 7 addresses within 3 hops of a source, 7 exposed');
    expect(stdout).toMatch(/timings \(ms\): labels [\d.]+, clustering [\d.]+, .* total [\d.]+/);
    // The sections come before the intake, the timings last.
    expect(stdout.indexOf('bridges:')).toBeLessThan(stdout.indexOf('transfers:'));
    expect(lines.filter(Boolean).at(-1)).toMatch(/^timings/);
  });

  it('--json gives the report with settings, intake and timings', async () => {
    const { stdout } = await run([
      'graph',
      'report',
      '--transfers',
      TRANSFERS,
      '--top',
      '1',
      '--resolution',
      '1.5',
      '--seed',
      '3',
      '--json',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.chain).toBe('ethereum');
    expect(out.settings).toMatchObject({ top: 1, resolution: 1.5, samples: 256, seed: 3 });
    expect(out.clusters.list[0].inheritors).toEqual([{ address: A1, labels: ['Bridge exploiter (hack)'] }]);
    expect(out.communities.list).toHaveLength(1);
    expect(out.communities.list[0].top.address).toBe(H);
    expect(out.bridges.length).toBeLessThanOrEqual(1);
    expect(out.transfers).toMatchObject({ added: 20, otherChain: 1, rejected: 1 });
    expect(out.storedLabels).toBe(3);
    expect(out.timingsMs.total).toBeGreaterThanOrEqual(0);
  });

  it('exits 2 on an unknown chain or malformed options, before reading the transfers', async () => {
    const chain = await run(['graph', 'report', '--transfers', TRANSFERS, '--chain', 'dogecoin']);
    expect(process.exitCode).toBe(2);
    expect(chain.stderr).toMatch(/unknown chain "dogecoin"/);
    for (const [option, value, message] of [
      ['--top', '0', /top/],
      ['--top', 'ten', /--top: expected a whole number, got "ten"/],
      ['--resolution', '-1', /--resolution: expected a number above 0/],
      ['--samples', '1.5', /--samples: expected a whole number/],
      ['--seed', 'x', /--seed: expected a whole number/],
    ] as const) {
      process.exitCode = undefined;
      const bad = await run(['graph', 'report', '--transfers', '/nonexistent.jsonl', option, value]);
      expect(process.exitCode, `${option} ${value}`).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
  });

  it('explains itself with an example', async () => {
    let help = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      help += String(chunk);
      return true;
    });
    const { buildProgram } = await import('../program.js');
    const program = buildProgram().exitOverride();
    await expect(program.parseAsync(['node', 'argus', 'graph', 'report', '--help'])).rejects.toThrow();
    expect(help).toContain('--resolution <x>');
    expect(help).toContain('$ argus graph report --transfers transfers.jsonl');
  });
});
