import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract GuessTheNumber {
  address owner = msg.sender;
  function guess(uint n) public payable {
    //  pays the winner /*\u202Erenwo*/ here
    owner.transfer(msg.value);
    string memory s = "a\u2067b";
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract GuessTheNumber {
  address owner = msg.sender;
  function guess(uint n) public payable {
    //  pays the owner, spelled normally; unicode like é is fine
    owner.transfer(msg.value);
  }
}`;

describe('right-to-left-override', () => {
  it('flags every line holding a bidirectional control character', async () => {
    const findings = await findingsFor('right-to-left-override', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([
      lineOf(VULNERABLE, 'pays the winner'),
      lineOf(VULNERABLE, 'string memory s'),
    ]);
    expect(findings[0]?.message).toContain('U+202E');
  });

  it('accepts ordinary unicode', async () => {
    expect(await findingsFor('right-to-left-override', FIXED)).toEqual([]);
  });
});
