import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract ERC20 {
  function transfer(address to, uint value) public returns (bool);
  function transferFrom(address from, address to, uint value) public returns (bool);
  function approve(address spender, uint value) public returns (bool);
}
contract Vault {
  ERC20 token;
  mapping(address => uint) deposits;
  function deposit(uint amount) public {
    token.transferFrom(msg.sender, this, amount);
    deposits[msg.sender] += amount;
  }
  function withdraw(uint amount) public {
    deposits[msg.sender] -= amount;
    ERC20(token).transfer(msg.sender, amount);
  }
  function allow(ERC20 other, address spender) public {
    other.approve(spender, 1);
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract ERC20 {
  function transfer(address to, uint value) public returns (bool);
  function transferFrom(address from, address to, uint value) public returns (bool);
  function approve(address spender, uint value) public returns (bool);
}
contract NoReturn {
  function transfer(address to, uint value) public;
}
contract Vault {
  ERC20 token;
  NoReturn usdt;
  mapping(address => uint) deposits;
  function deposit(uint amount) public {
    require(token.transferFrom(msg.sender, this, amount));
    deposits[msg.sender] += amount;
  }
  function withdraw(uint amount) public {
    deposits[msg.sender] -= amount;
    bool ok = ERC20(token).transfer(msg.sender, amount);
    require(ok);
    usdt.transfer(msg.sender, amount);
  }
  function allow(ERC20 other, address spender) public returns (bool) {
    return other.approve(spender, 1);
  }
}`;

describe('unsafe-erc20-call', () => {
  it('flags ERC-20 transfer, transferFrom and approve whose result is dropped', async () => {
    const findings = await findingsFor('unsafe-erc20-call', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([
      lineOf(VULNERABLE, 'token.transferFrom'),
      lineOf(VULNERABLE, 'ERC20(token).transfer'),
      lineOf(VULNERABLE, 'other.approve'),
    ]);
  });

  it('accepts checked results and tokens declared without a return value', async () => {
    expect(await findingsFor('unsafe-erc20-call', FIXED)).toEqual([]);
  });
});
