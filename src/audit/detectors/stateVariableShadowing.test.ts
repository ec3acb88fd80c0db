import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity 0.4.24;
contract Tokensale {
  uint hardcap = 10000 ether;
  function fetchCap() public constant returns (uint) { return hardcap; }
}
contract Presale is Tokensale {
  uint hardcap = 1000 ether;
  function setCap(uint total) public returns (uint n) {
    uint hardcap = total;
    n = hardcap;
  }
}`;

const FIXED = `pragma solidity 0.4.24;
contract Tokensale {
  uint public hardcap = 10000 ether;
  uint private secret;
}
contract Presale is Tokensale {
  uint secret;
  constructor() public { hardcap = 1000 ether; }
  function setCap(uint total) public returns (uint n) {
    uint cap = total;
    uint secret2 = cap;
    n = cap + secret2 + secret;
  }
}`;

describe('state-variable-shadowing', () => {
  it('flags a state variable redeclared in a derived contract, at the derived declaration', async () => {
    const findings = await findingsFor('state-variable-shadowing', VULNERABLE);
    expect(findings.map((f) => [f.startLine, f.severity])).toEqual([
      [lineOf(VULNERABLE, '= 1000 ether'), 'low'],
    ]);
  });

  it('accepts assigning the inherited variable, and a private base variable', async () => {
    expect(await findingsFor('state-variable-shadowing', FIXED)).toEqual([]);
  });
});

describe('local-variable-shadowing', () => {
  it('flags parameters, return variables and locals named like a state variable (info)', async () => {
    const findings = await findingsFor('local-variable-shadowing', VULNERABLE);
    expect(findings.map((f) => [f.startLine, f.severity])).toEqual([
      [lineOf(VULNERABLE, 'uint hardcap = total'), 'info'],
    ]);
  });

  it('ignores private state variables of bases, which derived code cannot name', async () => {
    expect(await findingsFor('local-variable-shadowing', FIXED)).toEqual([]);
  });
});
