import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function initWallet(address o) public { owner = o; }
  function setOwner(address o) { owner = o; }
  function withdraw() public onlyOwner { msg.sender.transfer(this.balance); }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  mapping(address => uint) deposits;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  constructor() public { owner = msg.sender; }
  function setOwner(address o) public onlyOwner { owner = o; }
  function deposit() public payable { deposits[msg.sender] += msg.value; }
  function withdraw() public onlyOwner { msg.sender.transfer(this.balance); }
}`;

const RENAMED = `pragma solidity ^0.4.15;
contract Rubixi {
  address creator;
  modifier onlyowner { if (msg.sender == creator) _; }
  function DynamicPyramid() { creator = msg.sender; }
  function collectAllFees() onlyowner { creator.transfer(this.balance); }
}`;

describe('unprotected-privileged-write', () => {
  it('knows owners guarded by an if-placeholder modifier (Rubixi)', async () => {
    const lines = (await findingsFor('unprotected-privileged-write', RENAMED)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(RENAMED, 'function DynamicPyramid')]);
  });

  it('flags unguarded writes to the variables that guard the contract', async () => {
    const lines = (await findingsFor('unprotected-privileged-write', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'function initWallet'),
      lineOf(VULNERABLE, 'function setOwner'),
    ]);
  });

  it('accepts guarded setters, constructors and unrelated state', async () => {
    expect(await findingsFor('unprotected-privileged-write', FIXED)).toEqual([]);
  });
});
