import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/runCli.fixture.js';
import { loadConfig } from '../src/core/config/load.js';
import { openStore } from '../src/store/openStore.js';

const FIXTURES = resolve(import.meta.dirname, '../src/intel/sources/fixtures');
const DAY = 86_400_000;
const WEEK = 7 * DAY;

const dir = mkdtempSync(join(tmpdir(), 'argus-intel-e2e-'));
const configFile = join(dir, 'argus.yaml');

beforeAll(() => {
  // Copies, so that the text corpus's file times (the date of an undated note) are this run's.
  cpSync(join(FIXTURES, 'osv'), join(dir, 'osv'), { recursive: true });
  cpSync(join(FIXTURES, 'feeds/security-blog.rss.xml'), join(dir, 'blog.rss.xml'));
  cpSync(join(FIXTURES, 'text'), join(dir, 'notes'), { recursive: true });
  writeFileSync(
    configFile,
    [
      'store: { sqlite: { path: argus.db } }',
      'intel:',
      '  sources: [osv:osv, feed:blog.rss.xml, text:notes]',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function argus(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const out = await runCli(['--config', configFile, ...args]);
  vi.restoreAllMocks();
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { ...out, code };
}

interface SourceReport {
  source: string;
  read: number;
  stored: number;
  inserted: number;
  rejected: number;
  rejectedSamples: { position: string; reason: string }[];
  cursorMoved: boolean;
}

async function burstAlerts() {
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    return (await store.alerts.list({ detector: ['intel.burst'], limit: 100 })).items;
  } finally {
    await store.close();
  }
}

/** A Markdown note with front matter, as a team's write-ups folder would hold. */
function note(folder: string, name: string, at: number, title: string, body: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, `${name}.md`),
    `---\ntitle: ${title}\ndate: ${new Date(at).toISOString()}\n---\n${body}\n`,
  );
}

describe('argus intel: ingest, search, trends and early warning over a SQLite store', () => {
  it('ingests the configured OSV, feed and text sources with per-source counts and rejected samples', async () => {
    const { stdout, code } = await argus(['intel', 'ingest', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { sources: SourceReport[]; bursts: { alertIds: string[] } };
    const [osv, feed, text] = report.sources;
    expect(osv).toMatchObject({ read: 3, stored: 3, inserted: 3, rejected: 0 });
    expect(feed).toMatchObject({ stored: 3, rejected: 1 });
    expect(feed?.rejectedSamples[0]?.reason).toMatch(/not an RFC 822 date/);
    expect(text).toMatchObject({ stored: 3, rejected: 1 });
    expect(text?.rejectedSamples[0]?.position).toBe('notes/bad-date.md');
    expect(report.bursts.alertIds).toEqual([]);
  }, 60_000);

  it('finds an advisory by a CVE id and a write-up by its words', async () => {
    const byCve = await argus(['intel', 'search', 'CVE-2022-25883', '--json']);
    expect(JSON.parse(byCve.stdout).map((d: { id: string }) => d.id)).toContain('osv:GHSA-c2qf-rxjj-qqgw');
    const byWords = await argus(['intel', 'search', 'oracle', 'manipulation']);
    expect(byWords.stdout).toContain('text:postmortems/oracle-incident.md#0');
    const shown = await argus(['intel', 'show', 'osv:GHSA-c2qf-rxjj-qqgw']);
    expect(shown.stdout).toMatch(/cve\s+CVE-2022-25883/);
    expect(shown.stdout).toMatch(/sentiment\s+-?\d/);
  }, 60_000);

  it('lists the techniques in trends, as JSON and as a table', async () => {
    const json = await argus(['intel', 'trends', '--bucket', 'month', '--since', '2023-01-01', '--json']);
    const values = JSON.parse(json.stdout).series.map((s: { value: string }) => s.value);
    expect(values).toEqual(expect.arrayContaining(['flash-loan', 'oracle-manipulation', 'signature-replay']));
    const table = await argus([
      'intel',
      'trends',
      '--bucket',
      'month',
      '--since',
      '2024-01-01',
      '--buckets',
      '3',
    ]);
    expect(table.stdout).toMatch(/^Mentions of technique per month, 2024-01 to /);
    expect(table.stdout).toMatch(/\nsignature-replay\s+\d+\s+[·▁▂▃▄▅▆▇█]+\n/);
  }, 60_000);

  it('reads nothing new on a second ingest: the cursors were saved', async () => {
    const { stdout, code } = await argus(['intel', 'ingest', '--json']);
    expect(code).toBe(0);
    const sources = (JSON.parse(stdout) as { sources: SourceReport[] }).sources;
    for (const s of sources) expect(s).toMatchObject({ stored: 0, inserted: 0, cursorMoved: false });
    // The feed's one broken item is reported again (it is still broken); nothing else is read.
    expect(sources.map((s) => s.read)).toEqual([0, 1, 0]);
  }, 60_000);

  it('raises exactly one intel.burst alert for a spike in one technique, and not again for the same burst', async () => {
    const corpus = join(dir, 'weekly');
    const now = Date.now();
    const thisWeek = now - ((now + 3 * DAY) % WEEK);
    // Sixteen weeks of steady writing, then six signature-replay reports in the current week.
    for (let w = 16; w >= 1; w--) {
      const at = thisWeek - w * WEEK + DAY;
      note(corpus, `w${w}-a`, at, `Weekly digest ${w}`, 'A flash loan drained a small pool.');
      note(
        corpus,
        `w${w}-b`,
        at + 3_600_000,
        `Bridge review ${w}`,
        'The bridge checked nonces against signature replay.',
      );
    }
    const spike = (i: number) => thisWeek + Math.floor(((now - thisWeek) * i) / 8);
    for (let i = 0; i < 6; i++) {
      note(
        corpus,
        `spike-${i}`,
        spike(i),
        `Replay incident ${i}`,
        `Attackers reused signatures: a signature replay drained vault ${i}.`,
      );
    }
    const first = await argus(['intel', 'ingest', `text:${corpus}`]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /burst: technique "signature-replay" from \d{4}-\d{2}-\d{2}: 6 mentions against/,
    );
    let alerts = await burstAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      area: 'intel',
      detector: 'intel.burst',
      subject: { id: 'signature-replay', attributes: { entityKind: 'technique' } },
      occurredAt: thisWeek,
    });
    expect(alerts[0]?.explanation).toContain('Replay incident');

    // One more report in the same burst: the burst is seen, but it was alerted already.
    note(corpus, 'spike-6', spike(7), 'Replay incident 6', 'Another signature replay.');
    const again = await argus(['intel', 'ingest', `text:${corpus}`]);
    expect(again.stdout).toMatch(/burst: technique "signature-replay" .* already alerted/);
    alerts = await burstAlerts();
    expect(alerts).toHaveLength(1);
  }, 60_000);
});
