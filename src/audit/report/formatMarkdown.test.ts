import { describe, expect, it } from 'vitest';
import { formatMarkdown } from './formatMarkdown.js';
import { finding, metaOf, REPORT, sources } from './sample.fixture.js';

const date = new Date('2025-03-01T12:00:00Z');
const options = { sources, metaOf, title: 'Audit of Bank', date };

describe('formatMarkdown', () => {
  const md = formatMarkdown(REPORT, options);

  it('opens with the date, the files and the duration', () => {
    expect(md.startsWith('# Audit of Bank\n')).toBe(true);
    expect(md).toContain('- **Date:** 2025-03-01');
    expect(md).toContain('- **Files analysed:** 3');
    expect(md).toContain('- **Duration:** 42 ms');
  });

  it('summarises by severity and by category', () => {
    expect(md).toContain('| High | 1 |\n| Medium | 1 |\n| Low | 0 |\n| Info | 1 |');
    expect(md).toContain('| reentrancy | 1 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('| bad\\_randomness | 0 | 1 | 0 | 0 | 1 |');
    expect(md).toContain("- `contracts/Broken.sol:3:5` parse error: extraneous input '}'");
  });

  it('lists findings most severe first, each with badges, location, code, scenario and fix', () => {
    expect(md).toContain(
      '| [1](#finding-1) | High | Reentrancy with ether transfer | `contracts/Bank.sol:6` |',
    );
    expect(md.indexOf('1. Reentrancy')).toBeLessThan(md.indexOf('2. Weak source'));
    expect(md).toContain('### <a id="finding-1"></a>1. Reentrancy with ether transfer');
    expect(md).toContain('**Severity:** High · **Confidence:** Medium · **Category:** reentrancy');
    expect(md).toContain('[SWC-107](https://swcregistry.io/docs/SWC-107)');
    expect(md).toContain('**Location:** `contracts/Bank.sol:6` in `Bank.withdraw`');
    expect(md).toContain(
      [
        '```solidity',
        '  4 |   function withdraw() public {',
        '  5 |     uint amount = balances[msg.sender];',
        '> 6 |     require(msg.sender.call.value(amount)());',
        '  7 |     balances[msg.sender] = 0;',
        '  8 |   }',
        '```',
      ].join('\n'),
    );
    expect(md).toContain('**Exploit scenario.** The callee re-enters withdraw');
    expect(md).toContain('**Recommendation.** Set balances\\[msg.sender\\] to 0 before the call');
  });

  it('keeps text from the audited code from turning into markup', () => {
    const evil = formatMarkdown(
      {
        ...REPORT,
        findings: [finding({ message: 'see [x](javascript:alert(1)) <img src=x onerror=alert(1)> | *' })],
      },
      { ...options, sources: () => 'a\nb\nc\nd\n```\nrequire(x); // ```\n```' },
    );
    expect(evil).toContain('see \\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\| \\*');
    // The code fence is longer than any backtick run in the code.
    expect(evil).toContain('````solidity\n');
  });

  it('says so when there is nothing to report', () => {
    const empty = formatMarkdown({ files: 1, durationMs: 5, errors: [], findings: [] }, options);
    expect(empty.endsWith('## Findings\n\nNo findings.')).toBe(true);
  });
});
