import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.18;
contract Token {
  mapping(address => uint) balances;
  uint public total;
  function transfer(address to, uint value) public {
    balances[msg.sender] -= value;
    balances[to] += value;
  }
  function batch(address[] receivers, uint value) public {
    uint amount = receivers.length * value;
    total = total * msg.value;
  }
}`;

const FIXED = `pragma solidity ^0.4.18;
library SafeMath {
  function add(uint a, uint b) internal pure returns (uint) { uint c = a + b; assert(c >= a); return c; }
}
contract Token {
  using SafeMath for uint;
  mapping(address => uint) balances;
  function transfer(address to, uint value) public {
    require(balances[msg.sender] >= value);
    balances[msg.sender] -= value;
    balances[to] = balances[to].add(value);
    uint count = 1;
    count = count + 1;
    balances[msg.sender] += msg.value;
  }
  function mul(uint a, uint b) internal pure returns (uint) {
    if (a == 0) { return 0; }
    uint c = a * b;
    require(c / a == b);
    return c;
  }
}`;

const MODERN = `pragma solidity ^0.8.0;
contract Token {
  mapping(address => uint) balances;
  function transfer(address to, uint value) public { balances[msg.sender] -= value; balances[to] += value; }
}`;

const UNCHECKED = `pragma solidity ^0.8.4;
contract Token {
  mapping(address => uint) balances;
  function transfer(address to, uint value) public {
    unchecked {
      balances[msg.sender] -= value;
    }
    balances[to] += value;
  }
}`;

const INTERNAL = `pragma solidity ^0.4.24;
contract Token {
  mapping(address => uint) balances;
  uint fee;
  function transfer(address to, uint value) public { _move(msg.sender, to, value); }
  function _move(address from, address to, uint value) internal {
    balances[from] -= value;
  }
  function _bump(uint step) internal { fee = fee * step; }
  function bump() public { _bump(2); }
}`;

describe('integer-overflow', () => {
  it('follows caller input into internal functions through their call sites, and only that', async () => {
    const lines = (await findingsFor('integer-overflow', INTERNAL)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(INTERNAL, 'balances[from] -= value')]);
  });

  it('flags caller-controlled arithmetic inside unchecked blocks on 0.8', async () => {
    const lines = (await findingsFor('integer-overflow', UNCHECKED)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(UNCHECKED, '-= value')]);
  });

  it('flags unchecked arithmetic on caller-controlled values before 0.8', async () => {
    const lines = (await findingsFor('integer-overflow', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, '-= value'),
      lineOf(VULNERABLE, '+= value'),
      lineOf(VULNERABLE, 'receivers.length * value'),
      lineOf(VULNERABLE, 'total * msg.value'),
    ]);
  });

  it('accepts SafeMath, bound checks, constants and 0.8 checked arithmetic', async () => {
    expect(await findingsFor('integer-overflow', FIXED)).toEqual([]);
    expect(await findingsFor('integer-overflow', MODERN)).toEqual([]);
  });
});
