import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract HashForEther {
  uint counter;
  uint constant LIMIT = 3;
  address public owner;
  function HashForEther() { owner = msg.sender; }
  function () payable {}
  function withdrawWinnings() {
    require(uint32(msg.sender) == 0);
    _sendWinnings();
  }
  function _sendWinnings() {
    msg.sender.transfer(this.balance);
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract HashForEther {
  uint internal counter;
  uint constant LIMIT = 3;
  address public owner;
  function HashForEther() { owner = msg.sender; }
  function () public payable {}
  function withdrawWinnings() public {
    require(uint32(msg.sender) == 0);
    _sendWinnings();
  }
  function _sendWinnings() internal {
    msg.sender.transfer(this.balance);
  }
}`;

describe('default-visibility', () => {
  it('flags functions without visibility at the header, not constructors or fallbacks', async () => {
    const lines = (await findingsFor('default-visibility', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'function withdrawWinnings'),
      lineOf(VULNERABLE, 'function _sendWinnings'),
    ]);
  });

  it('accepts explicit visibility', async () => {
    expect(await findingsFor('default-visibility', FIXED)).toEqual([]);
  });
});

describe('default-state-visibility', () => {
  it('flags non-constant state variables without visibility', async () => {
    const lines = (await findingsFor('default-state-visibility', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(VULNERABLE, 'uint counter')]);
  });

  it('accepts explicit visibility and constants', async () => {
    expect(await findingsFor('default-state-visibility', FIXED)).toEqual([]);
  });
});
