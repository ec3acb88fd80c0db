import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Alert, dedupeKeyOf } from '../../core/alert.js';
import { loadConfig } from '../../core/config/load.js';
import { bucketStart } from '../../intel/forecast/calendarBuckets.js';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-intel-forecast-'));
const configFile = join(dir, 'argus.config.yaml');
const csvFile = join(dir, 'incidents.csv');
const WEEK = 7 * 86_400_000;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const run = (args: string[]) => runCli(['--config', configFile, 'intel', 'forecast', ...args]);

/** A steady count around 6 with a fixed, non-repeating wiggle, so no season is found in it. */
const steady = (t: number) => 6 + ((t * 7) % 5) - 2;

beforeAll(async () => {
  writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
  const rows = ['date,value'];
  for (let t = 0; t < 36; t++)
    rows.push(`${2021 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')},${steady(t)}`);
  writeFileSync(csvFile, `${rows.join('\n')}\n`);

  // 30 complete weeks of monitor alerts at the steady level, then a surge of 40 in the last complete week.
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    const thisWeek = bucketStart(Date.now(), 'week');
    let n = 0;
    for (let w = 30; w >= 1; w--) {
      const count = w === 1 ? 40 : steady(w);
      for (let i = 0; i < count; i++) {
        const at = thisWeek - w * WEEK + i * 3_600_000;
        const alert: Alert = {
          id: `alt_${++n}`,
          dedupeKey: '',
          area: 'monitor',
          detector: 'monitor.rule',
          subject: { kind: 'account', id: `acct_${n}` },
          severity: 'medium',
          score: 0.5,
          title: 'large withdrawal',
          explanation: 'e',
          evidence: [],
          context: {},
          occurredAt: at,
          firstSeenAt: at,
          lastSeenAt: at,
          count: 1,
          status: 'open',
        };
        await store.pipeline.commitNew({ ...alert, dedupeKey: dedupeKeyOf(alert) }, []);
      }
    }
  } finally {
    await store.close();
  }
});

describe('argus intel forecast', () => {
  it('prints the tail, the model, the forecast table and the one-step check for a CSV series', async () => {
    const { stdout, stderr } = await run([
      '--series',
      `csv:${csvFile}`,
      '--bucket',
      'month',
      '--horizon',
      '2',
    ]);
    expect(stderr).toBe('');
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('series  incidents.csv per month: 36 months, 2021-01 to 2023-12');
    expect(stdout).toContain('last 12 months');
    expect(stdout).toMatch(/model {3}ETS\(A,[NA]d?,N\) on its own scale, AICc -?\d+\.\d\d; no season/);
    expect(stdout).toContain('forecast, 95% prediction intervals');
    expect(stdout).toMatch(/2024-01 +\d+\.?\d* +-?\d+\.?\d* +\d+\.?\d* +\d+ +/);
    expect(stdout).toMatch(/2024-02 /);
    expect(stdout).toMatch(
      /check {3}2023-12: actual \d+, forecast .* fitted without it: inside the interval/,
    );
  });

  it('gives the same as JSON', async () => {
    const { stdout } = await run([
      '--series',
      `csv:${csvFile}`,
      '--bucket',
      'month',
      '--level',
      '80',
      '--json',
    ]);
    const out = JSON.parse(stdout);
    expect(out.series.buckets).toHaveLength(36);
    expect(out.series.buckets[0]).toEqual({
      start: Date.UTC(2021, 0, 1),
      label: '2021-01',
      value: steady(0),
    });
    expect(out.model).toMatchObject({ period: 1, scale: 'raw' });
    expect(out.level).toBe(0.8);
    expect(out.forecast).toHaveLength(3);
    expect(out.forecast[0].lower).toBeLessThan(out.forecast[0].mean);
    expect(out.check.label).toBe('2023-12');
    expect(out.check.inside).toBe(out.check.actual >= out.check.lower && out.check.actual <= out.check.upper);
    // The alert is there exactly when the check failed; without --alert nothing is raised.
    expect(out.alert === undefined).toBe(out.check.inside);
    expect(out.raised).toBeUndefined();
  });

  it('finds the surge in the last complete week of alerts and raises it once with --alert', async () => {
    const args = ['--series', 'alerts:area=monitor', '--bucket', 'week'];
    let r = await run(args);
    expect(process.exitCode ?? 0).toBe(0);
    expect(r.stdout).toContain('series  alerts per week (area monitor): 30 weeks');
    expect(r.stdout).toMatch(/check .*: actual 40, .* OUTSIDE the interval \(above\)/);
    expect(r.stdout).toContain('alert   not raised (add --alert to send it into the alert pipeline)');

    r = await run([...args, '--alert']);
    expect(r.stdout).toMatch(/alert {3}raised alt_\S+ \(intel\.forecast, (low|medium|high)\)/);
    r = await run([...args, '--alert', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.raised.outcome).toBe('already-alerted');
    expect(out.alert.subject.id).toBe('alerts per week (area monitor)');

    // The forecast's own alert does not count in an unfiltered alert series.
    r = await run(['--series', 'alerts', '--bucket', 'week']);
    expect(r.stdout).toContain("1 intel.forecast alerts (the forecasts' own) left out");
  });

  it('exits 2 on a bad spec, listing the forms, and on bad options or a series too short', async () => {
    let r = await run(['--series', 'volume:USDC']);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown series "volume"');
    expect(r.stderr).toContain('transfers:<asset symbol>[:<chain>]');
    expect(r.stderr).toContain('csv:<file>');
    process.exitCode = undefined;
    r = await run([]);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toContain('--series is required');
    process.exitCode = undefined;
    r = await run(['--series', 'alerts', '--bucket', 'year']);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toContain('--bucket: expected day, week, month, got "year"');
    process.exitCode = undefined;
    r = await run(['--series', 'alerts', '--level', '100']);
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    r = await run(['--series', 'mentions:technique:reentrancy']);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toContain('has 0 buckets; a forecast needs at least 6');
  });
});
