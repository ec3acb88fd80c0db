import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-auth-assess-cli-'));
const config = join(dir, 'argus.config.yaml');
writeFileSync(config, 'store: { sqlite: { path: argus.db } }\nauth: { weights: { newIp: 0.15 } }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const assess = (...args: string[]) => runCli(['-c', config, 'auth', 'assess', ...args]);

describe('argus auth signals', () => {
  it('lists every signal with the configured weight and what it measures', async () => {
    const { stdout } = await runCli(['-c', config, 'auth', 'signals', '--json']);
    const table = JSON.parse(stdout) as { id: string; weight: number; gate: boolean; description: string }[];
    expect(table).toHaveLength(12);
    expect(table.find((s) => s.id === 'newIp')?.weight).toBe(0.15);
    expect(table.find((s) => s.id === 'stepUpRequired')).toMatchObject({ gate: true, weight: 1 });
    for (const s of table) expect(s.description.length).toBeGreaterThan(10);

    const text = (await runCli(['-c', config, 'auth', 'signals'])).stdout;
    expect(text).toMatch(/^signal\s+weight\s+kind/);
    expect(text).toMatch(/newIp\s+0\.15\s+score\s+yes/);
    expect(text).toContain('challenge at score >= 0.3');
  });
});

describe('argus auth assess', () => {
  it('is a dry run by default and records the attempt with --learn', async () => {
    const dry = JSON.parse(
      (await assess('--user', 'alice', '--ip', '203.0.113.7', '--device', 'fp-1', '--json')).stdout,
    );
    expect(dry).toMatchObject({ userId: 'alice', decision: 'allow', dryRun: true, user: { known: false } });
    const again = JSON.parse((await assess('--user', 'alice', '--ip', '203.0.113.7', '--json')).stdout);
    expect(again.user.known).toBe(false);

    const learnt = await assess('--user', 'alice', '--ip', '203.0.113.7', '--device', 'fp-1', '--learn');
    expect(learnt.stdout).toMatch(/^alice from 203\.0\.113\.7: ALLOW \(score 0\.000/);
    expect(learnt.stdout).toMatch(/recorded as authd\S+; learnt from it: now/);

    const fromElsewhere = await assess('--user', 'alice', '--ip', '198.51.100.9', '--device', 'fp-2');
    expect(fromElsewhere.stdout).toContain('alice from 198.51.100.9: CHALLENGE');
    expect(fromElsewhere.stdout).toMatch(/newDevice\s+0\.30\s+1\.00\s+0\.30\s+new device \(1 known\)/);
    expect(fromElsewhere.stdout).toContain('dry run');
    expect(process.exitCode).toBeUndefined();
  });

  it('reads keystrokes from a file and names a bad index with exit code 2', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        keystrokes: [
          { key: '*', down: 0, up: 90 },
          { key: '*', down: 160, up: 240 },
          { key: '*', down: 300, up: 410 },
        ],
      }),
    );
    const ok = JSON.parse(
      (await assess('--user', 'bob', '--ip', '::1', '--keystrokes', good, '--json')).stdout,
    );
    expect(ok.decision).toBe('allow');

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([
        { key: '*', down: 0, up: 90 },
        { key: '*', down: 50, up: 20 },
      ]),
    );
    const res = await assess('--user', 'bob', '--ip', '::1', '--keystrokes', bad);
    expect(process.exitCode).toBe(2);
    expect(res.stderr).toContain('keystrokes[1].up');

    process.exitCode = undefined;
    const missing = await assess('--user', 'bob', '--ip', '::1', '--keystrokes', join(dir, 'nope.json'));
    expect(process.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/--keystrokes: cannot read/);
  });
});
