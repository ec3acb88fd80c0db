import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Payout {
  address[] investors;
  uint[] amounts;
  function invest() public payable { investors.push(msg.sender); record(msg.value); }
  function record(uint v) internal { amounts.length++; amounts[amounts.length - 1] = v; }
  function payAll() public {
    for (uint i = 0; i < investors.length; i++) {
      investors[i].send(amounts[i]);
    }
  }
  function total() public returns (uint t) {
    uint i = 0;
    while (i < amounts.length) { t += amounts[i]; i++; }
  }
  function reset() public { investors = new address[](0); }
  function clear() public { amounts.length = 0; }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Payout {
  address owner;
  address[] admins;
  uint[] amounts;
  uint next;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function addAdmin(address a) public onlyOwner { admins.push(a); }
  function invest() public payable { amounts.push(msg.value); }
  function checkAdmins() public {
    for (uint i = 0; i < admins.length; i++) { require(admins[i] != address(0)); }
  }
  function payBatch(uint count) public {
    uint end = next + count;
    for (uint i = next; i < end && i < 50; i++) { next++; }
  }
  function total() public view returns (uint t) {
    for (uint i = 0; i < amounts.length; i++) t += amounts[i];
  }
}`;

describe('dos-unbounded-loop', () => {
  it('flags loops over, and resets of, arrays any caller can grow', async () => {
    const lines = (await findingsFor('dos-unbounded-loop', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'for (uint i = 0; i < investors.length'),
      lineOf(VULNERABLE, 'while (i < amounts.length)'),
      lineOf(VULNERABLE, 'investors = new address[](0)'),
      lineOf(VULNERABLE, 'amounts.length = 0'),
    ]);
  });

  it('accepts owner-grown arrays, bounded batches and view loops', async () => {
    expect(await findingsFor('dos-unbounded-loop', FIXED)).toEqual([]);
  });
});
