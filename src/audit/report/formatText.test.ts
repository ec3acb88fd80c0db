import { describe, expect, it } from 'vitest';
import { colorEnabled, formatText } from './formatText.js';
import { finding, REPORT, sources } from './sample.fixture.js';

const ESC = '\u001b[';

describe('formatText', () => {
  const text = formatText(REPORT, { color: false, sources });

  it('groups findings by file, in line order, each with location, title, message, code and fix', () => {
    expect(text).toContain(
      'contracts/Bank.sol\n  INFO   contracts/Bank.sol:6  Low-level call [low-level-calls]',
    );
    expect(text.indexOf('contracts/Bank.sol\n')).toBeLessThan(text.indexOf('contracts/Lottery.sol\n'));
    expect(text).toContain('  HIGH   contracts/Bank.sol:6  Reentrancy with ether transfer [reentrancy-eth]');
    expect(text).toContain('balances is written after the external call in Bank.withdraw.');
    expect(text).toContain('6 |     require(msg.sender.call.value(amount)());');
    expect(text).toContain('fix: Set balances[msg.sender] to 0 before the call');
    expect(text).toContain('contracts/Lottery.sol:4:12  Weak source of randomness');
  });

  it('lists errors with file:line:col and ends with counts per severity', () => {
    expect(text).toContain("contracts/Broken.sol:3:5: parse error: extraneous input '}'");
    expect(text.split('\n').at(-1)).toBe(
      '3 findings (1 high, 1 medium, 0 low, 1 info) in 3 files, 1 error, 42 ms',
    );
  });

  it('has no escape codes without colour, and colours severities with it', () => {
    expect(text).not.toContain(ESC);
    const coloured = formatText(REPORT, { color: true, sources });
    expect(coloured).toContain(`${ESC}31mHIGH  ${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mMEDIUM${ESC}39m`);
  });

  it('caps long spans and prints no code when the source is unknown', () => {
    const long = formatText(
      { ...REPORT, errors: [], findings: [finding({ startLine: 1, endLine: 9 })] },
      { color: false, sources },
    );
    expect(long).toContain('1 | pragma solidity');
    expect(long).toContain('⋮');
    expect(long).toContain('9 | }');
    expect(long).not.toContain('5 |');
    const blind = formatText({ ...REPORT, errors: [] }, { color: false, sources: () => undefined });
    expect(blind).not.toContain(' | ');
  });

  it('keeps the audited code from sending escape sequences to the terminal', () => {
    const evil = formatText(
      { ...REPORT, errors: [], findings: [finding({ message: `name ${ESC}2J\u0007cleared` })] },
      { color: false, sources: () => `x\n\n\n\n\nrequire(${ESC}31m);` },
    );
    expect(evil).not.toContain('\u001b');
    expect(evil).not.toContain('\u0007');
    expect(evil).toContain('name \uFFFD[2J\uFFFDcleared');
  });

  it('reports an empty run plainly', () => {
    expect(
      formatText({ files: 0, durationMs: 1500, errors: [], findings: [] }, { color: false, sources }),
    ).toBe('0 findings (0 high, 0 medium, 0 low, 0 info) in 0 files, 0 errors, 1.50 s');
  });
});

describe('colorEnabled', () => {
  it('colours a terminal unless NO_COLOR is set', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });
});
