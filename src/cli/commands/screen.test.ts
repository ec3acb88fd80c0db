import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../core/config/load.js';
import { ADDR, SCENARIO_LABELS } from '../../graph/screening/screening.fixture.js';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

const TRANSFERS = join(import.meta.dirname, '..', '..', 'graph', 'screening', 'fixtures', 'transfers.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'argus-screen-cli-'));
const configFile = join(dir, 'argus.config.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(['--config', configFile, ...args]);
}

beforeAll(async () => {
  writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    await store.labels.upsertMany(SCENARIO_LABELS);
  } finally {
    await store.close();
  }
});

describe('argus screen', () => {
  it('traces an address two hops from a sanctioned source and shows the path and its share', async () => {
    const { stdout } = await run(['screen', ADDR.target, '--transfers', TRANSFERS]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toMatch(/risk score: (0\.[1-9]|1\.0)/);
    expect(stdout).toContain(`${ADDR.sanctioned} [sanctions] 2 hops, haircut share 66.7%, poison yes`);
    expect(stdout).toContain(
      `${ADDR.target} ← ${ADDR.hop} ← ${ADDR.sanctioned} [Fake airdrop; Lazarus Group] (66.7%)`,
    );
    expect(stdout).toContain(`← ${ADDR.hacker} [Bridge exploiter] (33.3%)`);
    expect(stdout).toContain('labels: 4 ethereum labels in the store, 2 labelled addresses on the graph');
  });

  it('reports malformed transfer records and skips them, and leaves other chains out', async () => {
    const { stdout } = await run(['screen', ADDR.target, '--transfers', TRANSFERS]);
    expect(stdout).toContain(
      '5 ethereum transfers read, 1 of other chains skipped, 2 malformed records skipped',
    );
    expect(stdout).toMatch(/skipped line 5: .*time/);
    expect(stdout).toMatch(/skipped transfer #5 .*: from: "0xnot-an-address"/);
  });

  it('--json gives the result with the labels involved', async () => {
    const { stdout } = await run(['screen', ADDR.target, '--transfers', TRANSFERS, '--hops', '2', '--json']);
    expect(process.exitCode ?? 0).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.result.indirect).toHaveLength(1);
    expect(out.result.indirect[0]).toMatchObject({ source: ADDR.sanctioned, hops: 2, category: 'sanctions' });
    expect(out.result.indirect[0].haircutShare).toBeCloseTo(2 / 3, 9);
    expect(out.labels.map((l: { label: string }) => l.label).sort()).toEqual([
      'Fake airdrop',
      'Lazarus Group',
    ]);
    expect(out.transfers).toMatchObject({ added: 5, otherChain: 1, rejected: 2 });
  });

  it('accepts a checksummed spelling and shows direct exposure with the label source', async () => {
    const { stdout } = await run(['screen', getAddress(ADDR.hop), '--transfers', TRANSFERS]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain(`screened ${ADDR.hop}`);
    expect(stdout).toContain(
      `${ADDR.sanctioned} [sanctions] received 100 in 1 transfer; Fake airdrop (scam, cryptoscamdb cryptoscamdb.csv:1); Lazarus Group (sanctions, ofac ofac.csv:1)`,
    );
  });

  it('says plainly that a clean address has no exposure, and exits 0', async () => {
    const { stdout } = await run(['screen', ADDR.clean, '--transfers', TRANSFERS]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('risk score: 0.000');
    expect(stdout).toContain('no exposure to a labelled address found within 3 hops');
  });

  it('exits 2 on a malformed address, an unknown chain, or hops out of range', async () => {
    const bad = await run(['screen', '0x12345', '--transfers', TRANSFERS]);
    expect(process.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/"0x12345" is not 0x followed by 40 hex digits/);
    process.exitCode = undefined;

    const chain = await run(['screen', ADDR.target, '--chain', 'dogecoin', '--transfers', TRANSFERS]);
    expect(process.exitCode).toBe(2);
    expect(chain.stderr).toMatch(/unknown chain "dogecoin"/);
    process.exitCode = undefined;

    await run(['screen', ADDR.target, '--hops', '9', '--transfers', TRANSFERS]);
    expect(process.exitCode).toBe(2);
  });
});
