import { describe, expect, it } from 'vitest';
import { excerptOfEvidence } from './evidenceExcerpt.js';

describe('excerptOfEvidence', () => {
  it('numbers the excerpt from startLine and flags the lines up to endLine', () => {
    expect(
      excerptOfEvidence({
        kind: 'code',
        file: 'contracts/Vault.sol',
        startLine: 18,
        endLine: 19,
        excerpt:
          '(bool ok, ) = msg.sender.call{value: amount}("");\r\nrequire(ok);\nbalances[msg.sender] = 0;\n',
      }),
    ).toEqual([
      { line: 18, text: '(bool ok, ) = msg.sender.call{value: amount}("");', flagged: true },
      { line: 19, text: 'require(ok);', flagged: true },
      { line: 20, text: 'balances[msg.sender] = 0;', flagged: false },
    ]);
  });

  it('flags at least the first line, numbers from 1 when the line is unknown, and gives no rows without text', () => {
    expect(
      excerptOfEvidence({ kind: 'code', file: 'A.sol', startLine: 0, endLine: 0, excerpt: 'x;\ny;' }),
    ).toEqual([
      { line: 1, text: 'x;', flagged: true },
      { line: 2, text: 'y;', flagged: false },
    ]);
    expect(excerptOfEvidence({ kind: 'code', file: 'A.sol', startLine: 4, endLine: 2, excerpt: '' })).toEqual(
      [],
    );
    expect(excerptOfEvidence({ kind: 'code', file: 'A.sol', startLine: 4, endLine: 9 })).toEqual([]);
  });
});
