import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWeb3BugsFindings, reportSections } from './web3bugsFindings.js';

const REPORT = `# High Risk Findings

## [[H-01] Re-entrancy bug allows inflating balance](https://github.com/code-423n4/x/issues/19)
_Submitted by someone, also found by another_

The callback re-enters \`deposit\`.

Recommend a guard.

**[sponsor (X) confirmed](https://github.com/code-423n4/x/issues/19#c):**
> will fix

## [[H-02] Price feed can be manipulated](https://github.com/code-423n4/x/issues/21)
Spot price from reserves.

# Gas Optimizations
## [[G-01] Cache the length](https://example)
Use a local.
`;

describe('reportSections', () => {
  it('keeps each finding\u2019s warden text, without the credit line or the sponsor and judge comments', () => {
    const sections = reportSections(REPORT);
    expect(sections.get('H-01')).toBe('The callback re-enters `deposit`.\n\nRecommend a guard.');
    expect(sections.get('H-02')).toBe('Spot price from reserves.');
    expect(sections.get('G-01')).toBe('Use a local.');
  });
});

describe('readWeb3BugsFindings', () => {
  it('reads bugs.csv with its ", " separators and joins the report text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-web3bugs-'));
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', '3.md'), REPORT);
    writeFileSync(
      join(dir, 'bugs.csv'),
      'Contest ID, Bug ID, Bug Label, Difficulty, Bug Description, Reference, Comment\n' +
        '3, H-01, L1, 1, "Re-entrancy bug allows inflating balance", https://x, ""\n' +
        '3, H-02, S1-1, 1, "Price feed can be manipulated, badly", https://x, ""\n' +
        '9, H-01, SC, 2, "No report for this one", https://x, "note"\n',
    );
    const findings = readWeb3BugsFindings(join(dir, 'bugs.csv'), join(dir, 'reports'));
    expect(findings.map((f) => [f.contest, f.bug, f.label, f.title])).toEqual([
      ['3', 'H-01', 'L1', 'Re-entrancy bug allows inflating balance'],
      ['3', 'H-02', 'S1-1', 'Price feed can be manipulated, badly'],
      ['9', 'H-01', 'SC', 'No report for this one'],
    ]);
    expect(findings[1]?.report).toBe('Spot price from reserves.');
    expect(findings[2]?.report).toBeUndefined();
    expect(readWeb3BugsFindings(join(dir, 'bugs.csv'))[0]?.report).toBeUndefined();
  });
});
