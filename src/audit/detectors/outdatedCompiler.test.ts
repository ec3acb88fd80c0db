import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';
import { highestAllowed } from './outdatedCompiler.js';

const VULNERABLE = `pragma solidity 0.4.13;
pragma solidity ^0.5.16;
pragma solidity >=0.4.22 <0.6.0;
contract Old {
  uint public x = 1;
}`;

const FIXED = `pragma solidity 0.8.24;
pragma solidity ^0.6.12;
pragma solidity >=0.4.22 <0.9.0;
pragma solidity >=0.4.22;
contract Current {
  uint public x = 1;
}`;

describe('outdated-compiler', () => {
  it('flags pragmas that only admit compilers before 0.6.0, at the pragma', async () => {
    const lines = (await findingsFor('outdated-compiler', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([1, lineOf(VULNERABLE, '^0.5.16'), lineOf(VULNERABLE, '<0.6.0')]);
  });

  it('accepts pragmas that admit 0.6.0 or later', async () => {
    expect(await findingsFor('outdated-compiler', FIXED)).toEqual([]);
  });

  it('computes the highest version a pragma allows', () => {
    expect(highestAllowed('^0.4.24')).toEqual({ version: [0, 5, 0], inclusive: false });
    expect(highestAllowed('~0.5.2')).toEqual({ version: [0, 6, 0], inclusive: false });
    expect(highestAllowed('<=0.5.17')).toEqual({ version: [0, 5, 17], inclusive: true });
    expect(highestAllowed('0.4.13 || ^0.8.0')).toEqual({ version: [0, 9, 0], inclusive: false });
    expect(highestAllowed('^1.2.0')).toEqual({ version: [2, 0, 0], inclusive: false });
    expect(highestAllowed('>=0.4.0')).toBeUndefined();
  });
});
