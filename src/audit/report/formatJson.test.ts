import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../../core/finding.js';
import { formatJson } from './formatJson.js';
import { REPORT } from './sample.fixture.js';

describe('formatJson', () => {
  it('prints exactly the AuditReport fields, leaving out what a runner adds', () => {
    const parsed = JSON.parse(formatJson({ ...REPORT, sources: new Map([['a.sol', '']]) } as typeof REPORT));
    expect(Object.keys(parsed)).toEqual(['files', 'durationMs', 'errors', 'findings']);
    expect(parsed.files).toBe(3);
    expect(parsed.errors).toEqual(REPORT.errors);
    for (const finding of parsed.findings) expect(FindingSchema.parse(finding)).toEqual(finding);
  });

  it('sorts findings by file, line and detector', () => {
    const { findings } = JSON.parse(formatJson(REPORT));
    expect(
      findings.map(
        (f: { file: string; startLine: number; detector: string }) =>
          `${f.file}:${f.startLine}:${f.detector}`,
      ),
    ).toEqual([
      'contracts/Bank.sol:6:low-level-calls',
      'contracts/Bank.sol:6:reentrancy-eth',
      'contracts/Lottery.sol:4:weak-randomness',
    ]);
  });

  it('is pretty-printed and does not change its input', () => {
    const before = structuredClone(REPORT);
    const text = formatJson(REPORT);
    expect(text).toContain('\n  "files": 3,');
    expect(REPORT).toEqual(before);
  });
});
