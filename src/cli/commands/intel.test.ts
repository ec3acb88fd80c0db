import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../core/config/load.js';
import { copyFixture, FIXTURES } from '../../intel/inventory/projectFixture.fixture.js';
import { osvDocument, parseOsvRecord } from '../../intel/sources/osvRecord.js';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

const ADVISORIES = join(FIXTURES, 'advisories');
const HARDHAT = join(FIXTURES, 'hardhat');
const dir = mkdtempSync(join(tmpdir(), 'argus-intel-cli-'));
const configFile = join(dir, 'argus.config.yaml');
const foundry = copyFixture('foundry');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  foundry.remove();
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const run = (args: string[]) => runCli(['--config', configFile, 'intel', 'check', ...args]);

beforeAll(async () => {
  writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    // Only the lodash advisory is in the store, so store-backed runs are told apart from --advisories.
    const parsed = parseOsvRecord(
      JSON.parse(readFileSync(join(ADVISORIES, 'GHSA-35jh-r3h4-6jhm.json'), 'utf8')),
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    await store.intelDocuments.upsertMany([{ ...osvDocument(parsed.record, ADVISORIES), entities: [] }]);
  } finally {
    await store.close();
  }
});

describe('argus intel check', () => {
  it('lists each manifest read and each affected package with the version that fixes it', async () => {
    const { stdout } = await run([HARDHAT, '--advisories', ADVISORIES]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('read package-lock.json (package-lock v2): 7 packages');
    expect(stdout).toContain('read package.json (package.json): 3 declared; versions from package-lock.json');
    expect(stdout).toMatch(/3 advisories from .*advisories: 3 name packages here/);
    expect(stdout).toMatch(
      /@openzeppelin\/contracts\s+4\.7\.0\s+GHSA-4g63-c64m-25w9\s+high\s+4\.7\.1\s+CVE-2022-31172\s+direct/,
    );
    expect(stdout).toMatch(
      /lodash\s+4\.17\.20\s+GHSA-35jh-r3h4-6jhm\s+high\s+4\.17\.21\s+CVE-2021-23337\s+via hardhat, dev/,
    );
    expect(stdout).toMatch(/@openzeppelin\/contracts\s+4\.7\.0\s+GHSA-9vx6-7xxf-x967\s+low\s+4\.9\.6/);
    expect(stdout).toContain('3 findings in 2 package versions (2 high, 1 low)');
  });

  it('exits 1 when a finding is at or above --fail-on, 0 when none is', async () => {
    await run([HARDHAT, '--advisories', ADVISORIES, '--fail-on', 'high']);
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    await run([HARDHAT, '--advisories', ADVISORIES, '--fail-on', 'critical']);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('checks a Foundry project: a library by its package.json, a bare submodule by its commit', async () => {
    const { stdout } = await run([foundry.dir, '--advisories', ADVISORIES, '--fail-on', 'low']);
    expect(process.exitCode).toBe(1);
    expect(stdout).toContain(
      'read foundry.toml, remappings.txt, .gitmodules (solidity libraries (lib)): 2 libraries; 4 remappings',
    );
    expect(stdout).toContain(
      'note: lib/forge-std: version unknown (no package.json; commit 3b20d60d14b3 has no version tag)',
    );
    expect(stdout).toMatch(/@openzeppelin\/contracts\s+4\.9\.3\s+GHSA-9vx6-7xxf-x967\s+low\s+4\.9\.6/);
  });

  it('--json gives manifests, findings and the inventory', async () => {
    const { stdout } = await run([HARDHAT, '--advisories', ADVISORIES, '--json']);
    const out = JSON.parse(stdout);
    expect(out.manifests.map((m: { format: string }) => m.format)).toEqual([
      'package-lock v2',
      'package.json',
    ]);
    expect(out.findings).toHaveLength(3);
    expect(out.findings[0]).toMatchObject({
      package: '@openzeppelin/contracts',
      fixed: '4.7.1',
      aliases: ['CVE-2022-31172'],
    });
    expect(out.dependencies).toHaveLength(7);
    expect(out.advisories).toMatchObject({ read: 3, relevant: 3, withdrawn: 0, rejected: [] });
  });

  it('reads the OSV advisories in the store when --advisories is not given', async () => {
    const { stdout } = await run([HARDHAT]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(stdout).toContain('1 advisory from the store: 1 name packages here');
    expect(stdout).toContain('1 finding in 1 package version (1 high)');
  });

  it('fails any gate on a finding whose advisory gives no severity', async () => {
    const unrated = join(dir, 'unrated');
    mkdirSync(unrated);
    const record = JSON.parse(readFileSync(join(ADVISORIES, 'GHSA-35jh-r3h4-6jhm.json'), 'utf8'));
    delete record.severity;
    delete record.database_specific;
    writeFileSync(join(unrated, 'lodash.json'), JSON.stringify(record));
    const { stdout } = await run([HARDHAT, '--advisories', unrated, '--fail-on', 'critical']);
    expect(stdout).toMatch(/lodash\s+4\.17\.20\s+GHSA-35jh-r3h4-6jhm\s+unknown/);
    expect(process.exitCode).toBe(1);
  });

  it('exits 2 on a missing project, a bad --fail-on, missing advisories or none to check against', async () => {
    let r = await run([join(dir, 'nope'), '--advisories', ADVISORIES]);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toMatch(/is not a directory/);
    process.exitCode = undefined;
    r = await run([HARDHAT, '--advisories', ADVISORIES, '--fail-on', 'severe']);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--fail-on: expected one of none, info, low, medium, high, critical/);
    process.exitCode = undefined;
    r = await run([HARDHAT, '--advisories', join(dir, 'missing.json')]);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toMatch(/was not found/);
    process.exitCode = undefined;
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    r = await run([HARDHAT, '--advisories', empty]);
    expect(process.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no OSV advisories/);
  });
});
