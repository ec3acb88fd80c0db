import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  function kill(address to) public { suicide(to); }
  function close() { selfdestruct(msg.sender); }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  mapping(address => bool) admins;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function kill(address to) public onlyOwner { suicide(to); }
  function close() public { require(admins[msg.sender]); selfdestruct(msg.sender); }
  function isOwner() internal view returns (bool) { return msg.sender == owner; }
  function end() public { require(isOwner()); selfdestruct(owner); }
  modifier onlyowner { if (msg.sender == owner) _; }
  function stop() public onlyowner { selfdestruct(owner); }
  function isAdmin(address who) internal view returns (bool) { return admins[who]; }
  function halt() public { if (!isAdmin(msg.sender)) revert(); selfdestruct(owner); }
}`;

describe('unprotected-selfdestruct', () => {
  it('flags selfdestruct and suicide reachable by anyone, including by default visibility', async () => {
    const lines = (await findingsFor('unprotected-selfdestruct', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'suicide(to)'),
      lineOf(VULNERABLE, 'selfdestruct(msg.sender)'),
    ]);
  });

  it('accepts owner modifiers (require or if-placeholder), role mappings and helper checks', async () => {
    expect(await findingsFor('unprotected-selfdestruct', FIXED)).toEqual([]);
  });
});
