import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.8.0;
contract Pool {
  uint public totalSupply;
  uint public reserves;
  bool locked;
  modifier nonReentrant() { require(!locked); locked = true; _; locked = false; }
  function price() external view returns (uint) { return reserves * 1e18 / totalSupply; }
  function remove(uint shares) external nonReentrant {
    uint amount = reserves * shares / totalSupply;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    reserves -= amount;
    totalSupply -= shares;
  }
}`;

const FIXED = `pragma solidity ^0.8.0;
contract Pool {
  uint public totalSupply;
  uint public reserves;
  bool locked;
  modifier nonReentrant() { require(!locked); locked = true; _; locked = false; }
  function price() external view returns (uint) { return reserves * 1e18 / totalSupply; }
  function remove(uint shares) external nonReentrant {
    uint amount = reserves * shares / totalSupply;
    reserves -= amount;
    totalSupply -= shares;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
  }
}`;

describe('reentrancy-read-only', () => {
  it('flags a locked function that calls out before updating state a view exposes', async () => {
    const findings = await findingsFor('reentrancy-read-only', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([lineOf(VULNERABLE, 'msg.sender.call{value')]);
    expect(findings[0]?.message).toContain('price()');
  });

  it('accepts updating state before the call', async () => {
    expect(await findingsFor('reentrancy-read-only', FIXED)).toEqual([]);
  });
});
