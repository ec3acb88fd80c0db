import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.25;
contract Wallet {
  uint[] private bonusCodes;
  uint[] private other;
  address private owner;
  function PopBonusCode() public {
    require(0 <= bonusCodes.length);
    bonusCodes.length--;
  }
  function UpdateBonusCodeAt(uint idx, uint c) public {
    require(idx < bonusCodes.length);
    bonusCodes[idx] = c;
  }
  function Resize(uint n) public {
    other.length = n;
  }
}`;

const FIXED = `pragma solidity ^0.4.25;
contract Wallet {
  uint[] private bonusCodes;
  uint[] private other;
  address private owner;
  function PopBonusCode() public {
    require(0 < bonusCodes.length);
    bonusCodes.length--;
  }
  function UpdateBonusCodeAt(uint idx, uint c) public {
    require(idx < bonusCodes.length);
    bonusCodes[idx] = c;
  }
  function Grow(uint n) public {
    require(n <= 256);
    other.length += n;
  }
  function Fill(uint[] data) public {
    other.length = other.length + data.length;
  }
  function Reset() public {
    if (other.length == 0) return;
    other.length -= 1;
    other.length = 0;
  }
}`;

describe('arbitrary-storage-write', () => {
  it('flags unchecked length decrements, input lengths, and indexed writes into such arrays', async () => {
    const findings = await findingsFor('arbitrary-storage-write', VULNERABLE);
    expect(findings.map((f) => f.startLine).sort((a, b) => a - b)).toEqual([
      lineOf(VULNERABLE, 'bonusCodes.length--'),
      lineOf(VULNERABLE, 'bonusCodes[idx] = c'),
      lineOf(VULNERABLE, 'other.length = n'),
    ]);
  });

  it('accepts a decrement after a non-empty check and constant lengths', async () => {
    expect(await findingsFor('arbitrary-storage-write', FIXED)).toEqual([]);
  });
});
