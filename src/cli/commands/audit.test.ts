import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseStoredReport } from '../../audit/report/storedReport.js';
import { loadConfig } from '../../core/config/load.js';
import { openStore } from '../../store/openStore.js';
import { runCli } from '../runCli.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-audit-cli-'));
const configFile = join(dir, 'argus.config.yaml');
const contracts = join(dir, 'contracts');
writeFileSync(configFile, 'store: { sqlite: { path: store.db } }\n');
mkdirSync(contracts);
writeFileSync(
  join(contracts, 'Bank.sol'),
  [
    'pragma solidity ^0.4.24;',
    'contract Bank {',
    '  mapping(address => uint) balances;',
    '  function withdraw() public {',
    '    require(msg.sender.call.value(balances[msg.sender])());',
    '    balances[msg.sender] = 0;',
    '  }',
    '}',
  ].join('\n'),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function storedReports() {
  const loaded = loadConfig({ file: configFile });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    const page = await store.auditReports.list({});
    return Promise.all(page.items.map(async (item) => store.auditReports.get(item.id)));
  } finally {
    await store.close();
  }
}

describe('argus audit --store', () => {
  it('saves the report in the configured store and keeps stdout for the chosen format', async () => {
    const { stdout, stderr } = await runCli([
      '--config',
      configFile,
      'audit',
      contracts,
      '--store',
      '--format',
      'json',
      '--fail-on',
      'high',
    ]);
    expect(process.exitCode).toBe(1);
    const printed = JSON.parse(stdout) as { findings: { detector: string }[] };
    const [record, ...others] = await storedReports();
    expect(others).toEqual([]);
    expect(record).toMatchObject({ origin: 'cli', target: contracts, files: 1 });
    expect(stderr).toContain(`stored audit report ${record?.id}`);
    const body = parseStoredReport(record?.body ?? '', record?.id ?? '');
    expect(body.findings.map((f) => f.detector).sort()).toEqual(
      printed.findings.map((f) => f.detector).sort(),
    );
    expect(record?.counts.high).toBe(body.findings.filter((f) => f.severity === 'high').length);
    expect(body.findings.find((f) => f.detector === 'reentrancy-eth')?.excerpt).toContainEqual({
      line: 5,
      text: '    require(msg.sender.call.value(balances[msg.sender])());',
      flagged: true,
    });
  });

  it('stores nothing without --store', async () => {
    const before = (await storedReports()).length;
    await runCli(['--config', configFile, 'audit', contracts, '--format', 'json']);
    expect(process.exitCode ?? 0).toBe(0);
    expect((await storedReports()).length).toBe(before);
  });
});
