import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
interface Token { function transfer(address to, uint v) external returns (bool); }
contract Base { mapping(address => uint) deposits; }
contract Vault is Base {
  Token token;
  function deposit() public payable { deposits[msg.sender] += msg.value; }
  function withdraw(uint v) public { deposits[msg.sender] -= v; token.transfer(msg.sender, v); }
}
contract Sink {
  function() external payable {}
  function out(address a) public { a.call.value(1); }
}`;

const FIXED = `pragma solidity ^0.4.24;
library Pay { function send(address to, uint v) internal { to.transfer(v); } }
contract Base {
  mapping(address => uint) deposits;
  function withdraw(uint v) public { deposits[msg.sender] -= v; msg.sender.transfer(v); }
}
contract Vault is Base {
  function deposit() public payable { deposits[msg.sender] += msg.value; }
}
contract Sink {
  address owner;
  function() external payable {}
  function close() public { require(msg.sender == owner); selfdestruct(owner); }
}
contract Lib {
  function() external payable {}
  function out(uint v) public { Pay.send(msg.sender, v); }
}
contract Child { constructor() public payable {} }
contract Factory {
  function() external payable {}
  function spawn() public { (new Child).value(1 ether)(); }
}
contract Ctor {
  constructor() public payable {}
}
interface Receiver { function pay() external payable; }`;

describe('locked-ether', () => {
  it('flags contracts that take ether and can never send it', async () => {
    const lines = (await findingsFor('locked-ether', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(VULNERABLE, 'contract Vault'), lineOf(VULNERABLE, 'contract Sink')]);
  });

  it('accepts inherited withdrawals, selfdestruct, library payouts and interfaces', async () => {
    expect(await findingsFor('locked-ether', FIXED)).toEqual([]);
  });
});
