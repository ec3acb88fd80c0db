import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.fixture.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'graph', 'labels', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'argus-labels-cli-'));
const configFile = join(dir, 'argus.config.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(['--config', configFile, ...args]);
}

async function runJson(args: string[]) {
  const { stdout } = await run([...args, '--json']);
  return JSON.parse(stdout);
}

beforeAll(() => {
  writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
});

// The tests run in order on one store: imports first, then reads of what they stored.
describe('argus labels', () => {
  it('import reports new labels, rejections with positions, and repeats; a second import updates', async () => {
    const first = await runJson(['labels', 'import', 'ofac', join(FIXTURES, 'ofac')]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(first).toMatchObject({
      kind: 'ofac',
      read: 9,
      inserted: 9,
      updated: 0,
      duplicates: 3,
      rejected: 6,
    });
    expect(first.rejections[0]).toEqual({
      position: 'sanctioned_addresses_ETH.txt:4',
      reason: expect.stringMatching(/EIP-55/),
    });
    const again = await runJson(['labels', 'import', 'ofac', join(FIXTURES, 'ofac')]);
    expect(again).toMatchObject({ read: 9, inserted: 0, updated: 9 });

    const { stdout } = await run(['labels', 'import', 'cryptoscamdb', join(FIXTURES, 'cryptoscamdb')]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toMatch(/6 labels read .*: 6 new, 0 updated; 3 rows rejected, 1 repeats skipped/);
    expect(stdout).toContain('rejected scam_addresses.csv:8: coin "XRP" has no supported chain');
  });

  it('import passes --chain to the formats that need it and refuses it for the others', async () => {
    const forta = await runJson([
      ...['labels', 'import', 'forta', join(FIXTURES, 'forta', '1', 'phishing_scams.csv')],
      ...['--chain', 'polygon'],
    ]);
    expect(forta).toMatchObject({ read: 2, inserted: 2 });
    const polygon = await runJson(['labels', 'list', '--chain', 'polygon', '--source', 'forta']);
    expect(polygon.items).toHaveLength(forta.inserted);

    const hacks = await runJson(['labels', 'import', 'defihacklabs', join(FIXTURES, 'defihacklabs')]);
    const assumed = await runJson([
      ...['labels', 'import', 'defihacklabs', join(FIXTURES, 'defihacklabs'), '--chain', 'ethereum'],
    ]);
    // Incidents without an explorer are rejected unless a chain is named; then they are imported.
    expect(assumed.rejected).toBeLessThan(hacks.rejected);
    expect(assumed.inserted).toBe(assumed.read - hacks.read);

    const { stderr } = await run(['labels', 'import', 'ofac', join(FIXTURES, 'ofac'), '--chain', 'bsc']);
    expect(process.exitCode).toBe(2);
    expect(stderr).toMatch(/--chain does not apply to ofac/);
  });

  it('import exits 2 on an unknown kind, a missing path, or a file with nothing usable', async () => {
    expect((await run(['labels', 'import', 'chainalysis', FIXTURES])).stderr).toMatch(/unknown value/);
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    expect((await run(['labels', 'import', 'ofac', join(dir, 'nope')])).stderr).toMatch(/does not exist/);
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    const wrongFormat = await run(['labels', 'import', 'ofac', join(FIXTURES, 'cryptoscamdb')]);
    expect(wrongFormat.stdout).toMatch(/0 labels read/);
    expect(wrongFormat.stderr).toMatch(/no usable label/);
    expect(process.exitCode).toBe(2);
  });

  it('list filters, pages with a cursor, and validates its options', async () => {
    const sanctions = await runJson(['labels', 'list', '--category', 'sanctions', '--limit', '500']);
    expect(sanctions.items).toHaveLength(9);
    const first = await runJson(['labels', 'list', '--chain', 'bitcoin', '--source', 'ofac', '--limit', '3']);
    expect(first.items).toHaveLength(3);
    const rest = await runJson([
      'labels',
      'list',
      '--chain',
      'bitcoin',
      '--source',
      'ofac',
      '--cursor',
      first.nextCursor,
    ]);
    expect(rest.items.length).toBeGreaterThan(0);
    expect(rest.nextCursor).toBeUndefined();
    const all = [...first.items, ...rest.items];
    expect(all.every((l: { chain: string }) => l.chain === 'bitcoin')).toBe(true);
    expect(new Set(all.map((l: { address: string }) => l.address)).size).toBe(all.length);

    const { stdout } = await run(['labels', 'list', '--chain', 'tron']);
    expect(stdout).toMatch(/TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\s+sanctions\s+ofac/);
    expect((await run(['labels', 'list', '--chain', 'solana'])).stderr).toMatch(/unknown chain "solana"/);
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    expect((await run(['labels', 'list', '--category', 'spam'])).stderr).toMatch(/--category: unknown value/);
    expect(process.exitCode).toBe(2);
  });

  it('show finds an address by any valid spelling and refuses bad input clearly', async () => {
    // The checksummed spelling of an OFAC address finds its lower-case entry.
    const shown = await runJson(['labels', 'show', 'ethereum', '0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1']);
    expect(shown.address).toBe('0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1');
    expect(
      shown.labels.map((l: { source: string; sourceRef: string }) => `${l.source} ${l.sourceRef}`),
    ).toEqual(['ofac sanctioned_addresses_ETH.txt:1']);
    // CryptoScamDB lists this one twice, as phishing and as a scam.
    const both = await runJson(['labels', 'show', 'ethereum', '0x4cdc1cba0aeb5539f2e0ba158281e67e0e54a9b1']);
    expect(both.labels.map((l: { category: string }) => l.category)).toEqual(['phishing', 'scam']);
    expect(
      (await run(['labels', 'show', 'ethereum', '0x1111111111111111111111111111111111111111'])).stdout,
    ).toMatch(/no labels/);
    expect(process.exitCode ?? 0).toBe(0);

    const badChecksum = await run([
      'labels',
      'show',
      'ethereum',
      '0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB2',
    ]);
    expect(badChecksum.stderr).toMatch(/EIP-55/);
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    expect((await run(['labels', 'show', 'bitcoin', '0xabc'])).stderr).toMatch(/bitcoin address/);
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    expect((await run(['labels', 'show', 'solana', 'abc'])).stderr).toMatch(/unknown chain/);
    expect(process.exitCode).toBe(2);
  });
});
