import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseGroundTruth } from '../../monitor/simulate/groundTruth.js';
import { runCli } from '../runCli.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCli(['simulate', ...args]);
}

describe('argus simulate', () => {
  it('writes the stream and the truth and prints a JSON summary', async () => {
    const out = join(dir, 'stream.jsonl');
    const { stdout } = await run([
      ...['--accounts', '200', '--days', '8', '--seed', '3', '--out', out, '--json'],
      ...['--typologies', 'none,structuring=2', '--duplicates', '0.01'],
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.incidents).toMatchObject({ structuring: 2, 'dormant-drain': 0 });
    expect(summary.truth).toBe(join(dir, 'stream.truth.json'));
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(summary.lines);
    expect(summary.lines).toBe(summary.events + summary.duplicates);
    const truth = parseGroundTruth(JSON.parse(readFileSync(summary.truth, 'utf8')));
    expect(truth.incidents.map((i) => i.typology)).toEqual(['structuring', 'structuring']);
    expect(truth.seed).toBe(3);
  });

  it('prints a readable summary with the incidents per typology', async () => {
    const { stdout } = await run([
      ...['--accounts', '150', '--days', '5', '--out', join(dir, 'b.jsonl')],
      ...['--truth', join(dir, 'b-truth.json'), '--typologies', 'all=1', '--jitter', '30s'],
    ]);
    expect(stdout).toMatch(/wrote [\d,]+ transfers/);
    expect(stdout).toMatch(/^takeover-burst\s+1$/m);
    expect(stdout).toMatch(/jitter up to 30 s/);
    expect(stdout).toContain(`ground truth: ${join(dir, 'b-truth.json')}`);
  });

  it('rejects bad options with exit code 2 and a hint', async () => {
    const { stderr } = await run(['--accounts', 'many', '--out', join(dir, 'c.jsonl')]);
    expect(process.exitCode).toBe(2);
    expect(stderr).toMatch(/--accounts: expected a number/);
    const jitter = await run(['--jitter', 'soon', '--accounts', '10', '--out', join(dir, 'd.jsonl')]);
    expect(jitter.stderr).toMatch(/--jitter: expected a duration/);
  });
});
