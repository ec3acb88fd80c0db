import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress } from 'viem';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.fixture.js';

const addr = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const FUNDER = addr(0xf0);
const WATCHED = addr(0xabc1);
const SIBLING = addr(0xabc2);
const SHOP = addr(0x5);
const POOL = addr(0x9001);
const OUT = addr(0x7e57);
const MIN = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'argus-linkability-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const transferLines = [
  { time: 0, from: FUNDER, to: WATCHED, amount: 1 },
  { time: MIN, from: FUNDER, to: SIBLING, amount: 1 },
  { time: 10 * MIN, from: WATCHED, to: SHOP, amount: 0.5 },
  { time: 180 * MIN, from: WATCHED, to: POOL, amount: 1.37 },
  { chain: 'bitcoin', time: 200 * MIN, from: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', to: 'x', amount: 1 },
  { time: 210 * MIN, from: '0xnot-an-address', to: SHOP, amount: 1 },
];
const TRANSFERS = file('transfers.jsonl', `${transferLines.map((l) => JSON.stringify(l)).join('\n')}\n`);
const MIXER = file(
  'mixer.json',
  JSON.stringify({
    // A checksummed spelling still matches the graph's lower-case address.
    deposits: [{ address: getAddress(WATCHED), amount: 1.37, time: 180 * MIN }],
    withdrawals: [{ address: OUT, amount: 1.3695, time: 240 * MIN }],
  }),
);

describe('argus linkability', () => {
  it('prints the score, linked against total activity, and each link with its evidence', async () => {
    const { stdout } = await runCli(['linkability', getAddress(WATCHED), '--transfers', TRANSFERS]);
    expect(process.exitCode ?? 0).toBe(0);
    // Linked: the funding (1) of 1 + 0.5 + 1.37.
    expect(stdout).toContain(`linkability of ${WATCHED} on ethereum: ${(1 / 2.87).toFixed(3)}`);
    expect(stdout).toContain('activity: 1 of 2.87 linked (34.8%, by value)');
    expect(stdout).toContain('links: 1 link to 1 other address');
    expect(stdout).toContain(`  commonFunding  ${SIBLING}  both first funded by ${FUNDER}, 60 s apart`);
    expect(stdout).toContain('transfers: 4 ethereum transfers read, 1 of other chains skipped, 1 malformed');
    expect(stdout).toMatch(/skipped transfer #6 .*: from: "0xnot-an-address"/);
  });

  it('pairs mixer events, standing in for the pool edges, and names the withdrawal address', async () => {
    const { stdout } = await runCli([
      'linkability',
      WATCHED,
      '--transfers',
      TRANSFERS,
      '--mixer-events',
      MIXER,
      '--pool',
      POOL,
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    // The pool edge is replaced by the paired deposit: (1 + 1.37) of (1 + 0.5 + 1.37).
    expect(stdout).toContain(`: ${(2.37 / 2.87).toFixed(3)}`);
    expect(stdout).toContain('links: 2 links to 2 other addresses');
    expect(stdout).toContain(
      `  mixerPair      ${OUT}  mixer deposit of 1.37 withdrawn 60 min later as 1.3695: the only match by amount and timing`,
    );
    expect(stdout).toContain('mixer events: 1 deposit, 1 withdrawal; transfers of 1 pool address left out');
  });

  it('--json gives the linkability object and the intake counts', async () => {
    const { stdout } = await runCli([
      'linkability',
      WATCHED,
      '--transfers',
      TRANSFERS,
      '--mixer-events',
      MIXER,
      '--pool',
      POOL,
      '--json',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      chain: 'ethereum',
      address: WATCHED,
      mixerEvents: { deposits: 1, withdrawals: 1 },
    });
    expect(out.score).toBeCloseTo(2.37 / 2.87, 9);
    expect(out.linkedActivity).toBeCloseTo(2.37, 9);
    expect(out.totalActivity).toBeCloseTo(2.87, 9);
    expect(out.links.map((l: { heuristic: string; other: string }) => [l.heuristic, l.other])).toEqual([
      ['commonFunding', SIBLING],
      ['mixerPair', OUT],
    ]);
    expect(out.transfers).toMatchObject({ added: 4, otherChain: 1, rejected: 1 });
  });

  it('says plainly when an address has no activity or no links', async () => {
    const { stdout } = await runCli(['linkability', addr(0x404), '--transfers', TRANSFERS]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('linkability of 0x0000000000000000000000000000000000000404 on ethereum: 0.000');
    expect(stdout).toContain('activity: none of its transfers');
    expect(stdout).toContain('links: none');
  });

  it('exits 2 on a malformed address or an unknown chain', async () => {
    const bad = await runCli(['linkability', '0x12345', '--transfers', TRANSFERS]);
    expect(process.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/"0x12345" is not 0x followed by 40 hex digits/);
    process.exitCode = undefined;

    const chain = await runCli(['linkability', WATCHED, '--chain', 'dogecoin', '--transfers', TRANSFERS]);
    expect(process.exitCode).toBe(2);
    expect(chain.stderr).toMatch(/unknown chain "dogecoin"/);
  });

  it('exits 2 on malformed mixer events, naming each bad record', async () => {
    const broken = file(
      'broken.json',
      JSON.stringify({
        deposits: [
          { address: WATCHED, amount: 1, time: 0 },
          { address: WATCHED, amount: -1, time: 0 },
        ],
        withdrawals: [{ address: '0xshort', amount: 1, time: 1 }],
      }),
    );
    const { stderr } = await runCli([
      'linkability',
      WATCHED,
      '--transfers',
      TRANSFERS,
      '--mixer-events',
      broken,
    ]);
    expect(process.exitCode).toBe(2);
    expect(stderr).toContain(`mixer events in ${broken} is invalid`);
    expect(stderr).toMatch(/deposits\.1\.amount: /);
    expect(stderr).toContain('withdrawals.0.address: "0xshort" is not 0x followed by 40 hex digits');
    process.exitCode = undefined;

    const notJson = file('not.json', '{"deposits": [');
    const unreadable = await runCli([
      'linkability',
      WATCHED,
      '--transfers',
      TRANSFERS,
      '--mixer-events',
      notJson,
    ]);
    expect(process.exitCode).toBe(2);
    expect(unreadable.stderr).toContain(`--mixer-events ${notJson} cannot be read as JSON`);
    process.exitCode = undefined;

    const poolAlone = await runCli(['linkability', WATCHED, '--transfers', TRANSFERS, '--pool', POOL]);
    expect(process.exitCode).toBe(2);
    expect(poolAlone.stderr).toContain('--pool needs --mixer-events');
  });
});
