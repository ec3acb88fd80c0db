import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  modifier onlyOwner() { require(tx.origin == owner); _; }
  function sweep(address to) public {
    if (tx.origin != owner) { revert(); }
    to.transfer(address(this).balance);
  }
  function kill() public onlyOwner { selfdestruct(owner); }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function sweep(address to) public {
    if (msg.sender != owner) { revert(); }
    require(tx.origin == msg.sender); // only blocks contracts, authorizes nobody
    to.transfer(address(this).balance);
  }
}`;

describe('tx-origin', () => {
  it('flags authorization by tx.origin in bodies and modifiers, at the check', async () => {
    const findings = await findingsFor('tx-origin', VULNERABLE);
    expect(findings.map((f) => f.startLine).sort()).toEqual(
      [lineOf(VULNERABLE, 'require(tx.origin'), lineOf(VULNERABLE, 'if (tx.origin')].sort(),
    );
    expect(findings[0]).toMatchObject({ category: 'access_control', swc: 'SWC-115', severity: 'high' });
  });

  it('stays quiet on msg.sender checks', async () => {
    expect(await findingsFor('tx-origin', FIXED)).toEqual([]);
  });
});
