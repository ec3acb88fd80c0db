import { describe, expect, it } from 'vitest';
import { auditUploadedSources } from '../auditUploadedSources.js';
import { detectorMeta } from '../detectors/registry.js';
import { auditReportRecord } from './auditReportRecord.js';
import { severityRank } from './order.js';
import { parseStoredReport, STORED_AUDIT_REPORT_VERSION } from './storedReport.js';

const BANK = [
  'pragma solidity ^0.4.24;',
  'contract Bank {',
  '  address owner;',
  '  mapping(address => uint) balances;',
  '  function withdraw() public {',
  '    uint amount = balances[msg.sender];',
  '    require(msg.sender.call.value(amount)());',
  '    balances[msg.sender] = 0;',
  '  }',
  '  function kill() public { require(tx.origin == owner); selfdestruct(msg.sender); }',
  '}',
].join('\n');

describe('auditReportRecord', () => {
  it('keeps counts per severity and every finding with its detector texts and code excerpt', async () => {
    const result = await auditUploadedSources([{ path: 'Bank.sol', content: BANK }]);
    const record = auditReportRecord(result, { origin: 'upload', target: 'bank', at: 1_700_000_000_000 });
    expect(record).toMatchObject({
      origin: 'upload',
      target: 'bank',
      createdAt: 1_700_000_000_000,
      files: 1,
    });
    expect(record.id).toMatch(/^aud_/);
    const severities = result.findings.map((f) => f.severity);
    const count = (s: string) => severities.filter((x) => x === s).length;
    expect(record.counts).toEqual({
      critical: 0,
      high: count('high'),
      medium: count('medium'),
      low: count('low'),
      info: count('info'),
    });
    expect(record.counts.high).toBeGreaterThan(0);

    const body = parseStoredReport(record.body, record.id);
    expect(body.version).toBe(STORED_AUDIT_REPORT_VERSION);
    expect(body.findings).toHaveLength(result.findings.length);
    const ranks = body.findings.map((f) => severityRank(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const reentrancy = body.findings.find((f) => f.detector === 'reentrancy-eth');
    expect(reentrancy?.description).toBe(detectorMeta('reentrancy-eth')?.description);
    expect(reentrancy?.excerpt).toEqual([
      { line: 5, text: '  function withdraw() public {', flagged: false },
      { line: 6, text: '    uint amount = balances[msg.sender];', flagged: false },
      { line: 7, text: '    require(msg.sender.call.value(amount)());', flagged: true },
      { line: 8, text: '    balances[msg.sender] = 0;', flagged: false },
      { line: 9, text: '  }', flagged: false },
    ]);
  });

  it('refuses a body of another format version', () => {
    expect(() => parseStoredReport('{"version":2,"findings":[]}', 'aud_x')).toThrow(/format version 2/);
  });
});
