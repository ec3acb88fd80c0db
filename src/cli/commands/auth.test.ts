import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../runCli.fixture.js';

const FIXTURES = join(process.cwd(), 'src', 'auth', 'keystroke', 'fixtures');
const CMU = join(FIXTURES, 'cmu-layout-synthetic.csv');
const RAW = join(FIXTURES, 'raw-timings.csv');
const MALFORMED = join(FIXTURES, 'raw-timings-malformed.csv');
const DETECTORS = [
  'scaled-manhattan',
  'manhattan',
  'euclidean',
  'mahalanobis',
  'nn-mahalanobis',
  'outlier-count',
  'argus',
];

const dir = mkdtempSync(join(tmpdir(), 'argus-auth-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('argus auth keystroke-eval', () => {
  it('prints exactly {"detectors": [{name, meanEER, sdEER, zeroMissFAR}]} with --json (CMU layout)', async () => {
    const { stdout } = await runCli([
      'auth',
      'keystroke-eval',
      '--data',
      CMU,
      '--train',
      '6',
      '--impostor-reps',
      '2',
      '--json',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    const json = JSON.parse(stdout) as { detectors: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['detectors']);
    expect(json.detectors.map((d) => d.name)).toEqual(DETECTORS);
    for (const d of json.detectors) {
      expect(Object.keys(d)).toEqual(['name', 'meanEER', 'sdEER', 'zeroMissFAR']);
      for (const key of ['meanEER', 'sdEER', 'zeroMissFAR']) {
        expect(d[key]).toBeGreaterThanOrEqual(0);
        expect(d[key]).toBeLessThanOrEqual(1);
      }
    }
  });

  it('prints a table with the reference and each detector relative to it (raw timings)', async () => {
    const { stdout } = await runCli([
      'auth',
      'keystroke-eval',
      '--data',
      RAW,
      '--train',
      '3',
      '--impostor-reps',
      '1',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('raw timings, 13 features, 4 subjects evaluated');
    expect(stdout).toMatch(/detector\s+mean EER\s+sd EER\s+zero-miss FAR\s+EER vs reference/);
    expect(stdout).toMatch(/scaled-manhattan\s+\d\.\d{4}\s+\d\.\d{4}\s+\d\.\d{4}\s+reference/);
    expect(stdout).toMatch(/argus \*\s+\d\.\d{4}/);
  });

  it('reports malformed rows with line and column on stderr and evaluates the rest', async () => {
    const { stdout, stderr } = await runCli([
      'auth',
      'keystroke-eval',
      '--data',
      MALFORMED,
      '--train',
      '3',
      '--impostor-reps',
      '1',
      '--json',
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stderr).toContain(
      'rejected: line 9, column release-1: key 1: released at 173 ms, before it was pressed',
    );
    expect(stderr).toContain('rejected: line 13, column press-2: key 2: pressed at 1 ms, before key 1');
    expect(stderr).toContain('4 malformed rows left out');
    expect(JSON.parse(stdout).detectors).toHaveLength(DETECTORS.length);
  });

  it('exits 2 with a hint on an unrecognised CSV, too large a --train, or a bad option', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,a,b\n1,2,3\n');
    const header = await runCli(['auth', 'keystroke-eval', '--data', bad]);
    expect(process.exitCode).toBe(2);
    expect(header.stderr).toContain('unrecognised keystroke CSV header');
    expect(header.stderr).toContain('hint: expected either a feature table');
    process.exitCode = undefined;

    const tooMany = await runCli(['auth', 'keystroke-eval', '--data', RAW]);
    expect(process.exitCode).toBe(2);
    expect(tooMany.stderr).toContain('no subject has more than 200 samples (the most is 5)');
    process.exitCode = undefined;

    const option = await runCli(['auth', 'keystroke-eval', '--data', RAW, '--train', 'four']);
    expect(process.exitCode).toBe(2);
    expect(option.stderr).toContain('--train: expected a positive integer, got "four"');
    process.exitCode = undefined;

    const missing = await runCli(['auth', 'keystroke-eval', '--data', join(dir, 'nope.csv'), '--json']);
    expect(process.exitCode).toBe(2);
    expect(JSON.parse(missing.stdout).error.message).toMatch(/cannot read/);
  });
});
