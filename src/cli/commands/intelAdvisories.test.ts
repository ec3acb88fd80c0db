import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../core/config/load.js';
import { FIXTURES } from '../../intel/inventory/projectFixture.fixture.js';
import { osvDocument, parseOsvRecord } from '../../intel/sources/osvRecord.js';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

const ADVISORIES = join(FIXTURES, 'advisories');
const HARDHAT = join(FIXTURES, 'hardhat');
const dir = mkdtempSync(join(tmpdir(), 'argus-intel-watch-'));
const configFile = join(dir, 'argus.config.yaml');
const emptyConfig = join(dir, 'empty.config.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const run = (config: string, args: string[]) =>
  runCli(['--config', config, 'intel', 'watch-advisories', ...args]);

async function alertsInStore(): Promise<{ detector: string; title: string }[]> {
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    return (await store.alerts.list({ detector: ['intel.advisory'] })).items;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  // The config lists the project relative to itself, plus one folder that does not exist.
  writeFileSync(
    configFile,
    `store: { sqlite: { path: store.db } }\nintel: { projects: [${JSON.stringify(HARDHAT)}, missing-project] }\n`,
  );
  writeFileSync(emptyConfig, 'store: { sqlite: { path: empty.db } }\n');
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    const documents = readdirSync(ADVISORIES).map((file) => {
      const parsed = parseOsvRecord(JSON.parse(readFileSync(join(ADVISORIES, file), 'utf8')));
      if (!parsed.ok) throw new Error(parsed.reason);
      return { ...osvDocument(parsed.record, ADVISORIES), entities: [] };
    });
    await store.intelDocuments.upsertMany(documents);
  } finally {
    await store.close();
  }
});

describe('argus intel watch-advisories', () => {
  it('--dry-run lists the new findings without raising anything', async () => {
    const { stdout } = await run(configFile, ['--dry-run', '--project', HARDHAT]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('1 projects (--project)');
    expect(stdout).toMatch(/hardhat: 7 dependencies, 3 affected, 3 new/);
    expect(stdout).toContain('3 OSV advisories in the store');
    expect(stdout).toMatch(/GHSA-35jh-r3h4-6jhm\s+high\s+lodash\s+4\.17\.20\s+4\.17\.21\s+via hardhat/);
    expect(stdout).toContain('dry run: 3 alerts not raised');
    expect(await alertsInStore()).toHaveLength(0);
  });

  it('raises the findings of the configured projects once, going on past an unreadable one', async () => {
    let r = await run(configFile, []);
    expect(process.exitCode).toBe(2);
    expect(r.stdout).toMatch(/2 projects \(intel\.projects in .*argus\.config\.yaml\)/);
    expect(r.stdout).toMatch(/missing-project: unreadable: .* is not a directory/);
    expect(r.stdout).toContain('alerts: 3 raised');
    const stored = await alertsInStore();
    expect(stored.map((a) => a.title).sort()).toEqual([
      `GHSA-35jh-r3h4-6jhm affects lodash 4.17.20 in ${HARDHAT}`,
      `GHSA-4g63-c64m-25w9 affects @openzeppelin/contracts 4.7.0 in ${HARDHAT}`,
      `GHSA-9vx6-7xxf-x967 affects @openzeppelin/contracts 4.7.0 in ${HARDHAT}`,
    ]);
    process.exitCode = undefined;

    r = await run(configFile, ['--project', HARDHAT, '--json']);
    expect(process.exitCode ?? 0).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.alerts).toEqual([]);
    expect(out.alreadyAlerted).toBe(3);
    expect(out.sent).toMatchObject({ created: [], deduplicated: [], rejected: [] });
    expect(await alertsInStore()).toHaveLength(3);
  });

  it('exits 2 with a hint when no project is configured or the store holds no advisories', async () => {
    let r = await run(emptyConfig, []);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toContain('no projects to watch');
    expect(r.stderr).toContain('intel.projects');
    process.exitCode = undefined;
    r = await run(emptyConfig, ['--project', HARDHAT]);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toContain('no OSV advisories in the store');
  });
});
