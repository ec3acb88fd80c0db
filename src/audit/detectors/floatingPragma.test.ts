import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
pragma solidity >=0.4.0 <0.6.0;
pragma solidity ~0.5.0;
contract Floating {
  uint public x = 1;
}`;

const FIXED = `pragma solidity 0.4.25;
pragma solidity =0.4.25;
contract Locked {
  uint public x = 1;
}`;

describe('floating-pragma', () => {
  it('flags ^, ~ and range pragmas at the pragma', async () => {
    const lines = (await findingsFor('floating-pragma', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([1, 2, lineOf(VULNERABLE, '~0.5.0')]);
  });

  it('flags a file without a version pragma at line 1', async () => {
    const lines = (await findingsFor('floating-pragma', 'contract NoPragma {\n  uint x;\n}\n')).map(
      (f) => f.startLine,
    );
    expect(lines).toEqual([1]);
  });

  it('accepts an exact version', async () => {
    expect(await findingsFor('floating-pragma', FIXED)).toEqual([]);
  });
});
