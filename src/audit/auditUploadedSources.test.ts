import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditUploadedSources } from './auditUploadedSources.js';

const BASE = ['pragma solidity ^0.4.24;', 'contract Base { address owner; }'].join('\n');
const BANK = [
  'pragma solidity ^0.4.24;',
  'import "../lib/Base.sol";',
  'contract Bank is Base {',
  '  mapping(address => uint) balances;',
  '  function withdraw() public {',
  '    uint amount = balances[msg.sender];',
  '    require(msg.sender.call.value(amount)());',
  '    balances[msg.sender] = 0;',
  '  }',
  '  function kill() public { require(tx.origin == owner); selfdestruct(msg.sender); }',
  '}',
].join('\n');

const outside = mkdtempSync(join(tmpdir(), 'argus-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const uploadFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('argus-upload-'));

describe('auditUploadedSources', () => {
  it('audits the sources under their uploaded names, imports between them resolved, and removes its folder', async () => {
    const before = uploadFolders();
    const result = await auditUploadedSources([
      { path: 'contracts/Bank.sol', content: BANK },
      { path: 'lib/Base.sol', content: BASE },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.files).toBe(2);
    const reentrancy = result.findings.find((f) => f.detector === 'reentrancy-eth');
    expect(reentrancy).toMatchObject({ file: 'contracts/Bank.sol', startLine: 7 });
    // tx-origin needs `owner` from the imported base contract.
    expect(result.findings.some((f) => f.detector === 'tx-origin' && f.file === 'contracts/Bank.sol')).toBe(
      true,
    );
    expect([...result.sources.keys()].sort()).toEqual(['contracts/Bank.sol', 'lib/Base.sol']);
    expect(result.sources.get('contracts/Bank.sol')).toBe(BANK);
    expect(uploadFolders()).toEqual(before);
  });

  it('names a broken upload file by its path and does not show files imported from outside the upload', async () => {
    writeFileSync(join(outside, 'secret.sol'), 'TOP SECRET: the hot wallet key is 0xdeadbeef\n');
    const outsidePath = `../../${basename(outside)}/secret.sol`;
    const result = await auditUploadedSources([
      {
        path: 'contracts/Escape.sol',
        content: `pragma solidity 0.8.20;\nimport "${outsidePath}";\ncontract E {}\n`,
      },
      { path: 'Broken.sol', content: 'pragma solidity 0.8.20;\ncontract B { function f( }\n' },
    ]);
    expect(result.errors).toHaveLength(2);
    expect(result.errors.find((e) => e.file === 'Broken.sol')).toMatchObject({ kind: 'parse', line: 2 });
    const hidden = result.errors.find((e) => e.file !== 'Broken.sol');
    expect(hidden).toMatchObject({ kind: 'parse', file: '(a file outside the audited folder)' });
    expect(JSON.stringify(result)).not.toMatch(/SECRET|deadbeef|argus-upload-|argus-outside-/);
  });

  it('refuses a path that leaves the upload folder, and still removes the folder', async () => {
    const before = uploadFolders();
    await expect(auditUploadedSources([{ path: '../Evil.sol', content: BASE }])).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    expect(uploadFolders()).toEqual(before);
  });
});
