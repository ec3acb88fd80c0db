import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.11;
contract MyToken {
  mapping(address => uint) balances;
  mapping(address => mapping(address => uint)) allowed;
  function transfer(address to, uint256 value) public returns (bool) {
    balances[msg.sender] -= value;
    balances[to] += value;
    return true;
  }
  function transferFrom(address from, address to, uint value) public returns (bool) {
    allowed[from][msg.sender] -= value;
    balances[from] -= value;
    balances[to] += value;
    return true;
  }
  function sendCoin(address receiver, uint amount) returns (bool) {
    if (balances[msg.sender] < amount) return false;
    balances[msg.sender] -= amount;
    balances[receiver] += amount;
    return true;
  }
}`;

const FIXED = `pragma solidity ^0.4.11;
contract MyToken {
  mapping(address => uint) balances;
  modifier onlyPayloadSize(uint size) { require(msg.data.length >= size + 4); _; }
  function transfer(address to, uint256 value) public onlyPayloadSize(2 * 32) returns (bool) {
    balances[msg.sender] -= value;
    balances[to] += value;
    return true;
  }
  function sendCoin(address receiver, uint amount) returns (bool) {
    require(msg.data.length == 68);
    balances[msg.sender] -= amount;
    balances[receiver] += amount;
    return true;
  }
  function transferInternal(address to, uint value) internal { balances[to] += value; }
  function setLimit(address who, uint amount) public { balances[who] = amount; }
}`;

const MODERN = VULNERABLE.replace('^0.4.11', '^0.5.0').replace(
  ' returns (bool) {\n    if',
  ' public returns (bool) {\n    if',
);

describe('short-address', () => {
  it('flags pre-0.5 token transfers without a payload length check', async () => {
    const lines = (await findingsFor('short-address', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'function transfer('),
      lineOf(VULNERABLE, 'function transferFrom('),
      lineOf(VULNERABLE, 'function sendCoin('),
    ]);
  });

  it('accepts a msg.data.length check, other functions, and 0.5+ compilers', async () => {
    expect(await findingsFor('short-address', FIXED)).toEqual([]);
    expect(await findingsFor('short-address', MODERN)).toEqual([]);
  });
});
