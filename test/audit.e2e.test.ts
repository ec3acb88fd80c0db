import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSX_LOADER } from './support/tsxLoader.js';

const MAIN = resolve(import.meta.dirname, '../src/cli/main.ts');

function argus(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ARGUS_CONFIG: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const VAULT = `pragma solidity ^0.4.24;
contract Vault {
  mapping(address => uint) balances;
  function withdraw(uint amount) public {
    require(balances[msg.sender] >= amount);
    if (msg.sender.call.value(amount)()) {
      balances[msg.sender] -= amount;
    }
  }
  function deposit() public payable { balances[msg.sender] += msg.value; }
}`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'argus-audit-cli-'));
  writeFileSync(join(dir, 'Vault.sol'), VAULT);
  writeFileSync(
    join(dir, 'Broken.sol'),
    'pragma solidity ^0.4.24;\ncontract Broken {\n  function f( public {}\n}\n',
  );
  writeFileSync(
    join(dir, 'Importer.sol'),
    'pragma solidity ^0.4.24;\nimport "./Missing.sol";\ncontract Importer {}\n',
  );
  return dir;
}

describe('argus audit', () => {
  it('reports findings as JSON, parse errors with file:line:col, unresolved imports, and goes on', () => {
    const dir = project();
    const r = argus(dir, ['audit', '.', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files).toBe(3);
    expect(
      report.findings.map((f: { detector: string; startLine: number }) => [f.detector, f.startLine]),
    ).toContainEqual(['reentrancy-eth', 6]);
    const finding = report.findings.find((f: { detector: string }) => f.detector === 'reentrancy-eth');
    expect(Object.keys(finding)).toEqual(
      expect.arrayContaining([
        'detector',
        'title',
        'severity',
        'confidence',
        'category',
        'swc',
        'file',
        'startLine',
        'endLine',
        'message',
        'recommendation',
      ]),
    );
    expect(report.errors).toContainEqual(
      expect.objectContaining({ kind: 'parse', file: 'Broken.sol', line: 3 }),
    );
    expect(report.errors).toContainEqual(
      expect.objectContaining({ kind: 'import', file: 'Importer.sol', line: 2 }),
    );
  });

  it('gates CI with --fail-on and honours argus-disable-next-line', () => {
    const dir = project();
    expect(argus(dir, ['audit', 'Vault.sol', '--fail-on', 'high']).code).toBe(1);
    expect(argus(dir, ['audit', 'Vault.sol', '--fail-on', 'none']).code).toBe(0);
    const silenced = VAULT.replace(
      '    if (msg.sender.call',
      '    // argus-disable-next-line reentrancy-eth\n    if (msg.sender.call',
    );
    writeFileSync(join(dir, 'Vault.sol'), silenced);
    const r = argus(dir, [
      'audit',
      'Vault.sol',
      '--format',
      'json',
      '--detectors',
      'reentrancy-eth',
      '--fail-on',
      'high',
    ]);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('writes SARIF, Markdown and HTML reports', () => {
    const dir = project();
    expect(argus(dir, ['audit', 'Vault.sol', '--format', 'sarif', '--output', 'out.sarif']).code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(argus(dir, ['audit', 'Vault.sol', '--format', 'html', '--output', 'report.html']).code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg');
    const md = argus(dir, ['audit', 'Vault.sol', '--format', 'markdown']);
    expect(md.stdout).toContain('reentrancy');
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('rejects bad options with exit 2 and lists detectors', () => {
    const dir = project();
    expect(argus(dir, ['audit', 'Vault.sol', '--format', 'pdf']).code).toBe(2);
    expect(argus(dir, ['audit', 'Vault.sol', '--detectors', 'no-such-detector']).code).toBe(2);
    expect(argus(dir, ['audit', 'nowhere/']).code).toBe(2);
    const list = argus(dir, ['audit', '--list-detectors']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('reentrancy-eth');
  });
});
