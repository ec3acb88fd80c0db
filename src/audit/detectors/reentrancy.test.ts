import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
interface Token { function transferFrom(address a, address b, uint v) external returns (bool); }
contract Bank {
  mapping(address => uint) balances;
  mapping(address => uint) rewards;
  Token token;
  function withdraw(uint amount) public {
    require(balances[msg.sender] >= amount);
    if (msg.sender.call.value(amount)()) {
      balances[msg.sender] -= amount;
    }
  }
  function withdrawAll() public {
    for (uint i = 0; i < 3; i++) {
      balances[msg.sender] = 0;
      msg.sender.call.value(1)();
    }
  }
  function claim() public {
    token.transferFrom(this, msg.sender, rewards[msg.sender]);
    rewards[msg.sender] = 0;
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
interface Token { function transferFrom(address a, address b, uint v) external returns (bool); }
contract Bank {
  mapping(address => uint) balances;
  mapping(address => uint) rewards;
  Token token;
  bool locked;
  modifier nonReentrant() { require(!locked); locked = true; _; locked = false; }
  function withdraw(uint amount) public {
    require(balances[msg.sender] >= amount);
    balances[msg.sender] -= amount;
    require(msg.sender.call.value(amount)());
  }
  function withdrawGuarded(uint amount) public nonReentrant {
    if (msg.sender.call.value(amount)()) { balances[msg.sender] -= amount; }
  }
  function pay(uint amount) public {
    msg.sender.transfer(amount);
    balances[msg.sender] = 0;
  }
  function claim() public {
    uint reward = rewards[msg.sender];
    rewards[msg.sender] = 0;
    token.transferFrom(this, msg.sender, reward);
  }
}`;

describe('reentrancy-eth', () => {
  it('flags ether sent by call before the balance is written, also across loop iterations', async () => {
    const lines = (await findingsFor('reentrancy-eth', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'if (msg.sender.call'),
      lineOf(VULNERABLE, '      msg.sender.call.value(1)'),
    ]);
  });

  it('accepts checks-effects-interactions, a reentrancy lock and transfer (2300 gas)', async () => {
    expect(await findingsFor('reentrancy-eth', FIXED)).toEqual([]);
  });
});

const THROUGH = `pragma solidity ^0.4.24;
contract Bank {
  struct Account { uint balance; }
  mapping(address => Account) accounts;
  mapping(address => bool) claimed;
  mapping(address => uint) rewards;
  function collect(uint amount) public {
    var acc = accounts[msg.sender];
    if (msg.sender.call.value(amount)()) {
      acc.balance -= amount;
    }
  }
  function pay(address to) internal {
    uint amount = rewards[to];
    rewards[to] = 0;
    require(to.call.value(amount)());
  }
  function bonus(address to) public {
    require(!claimed[to]);
    rewards[to] += 100;
    pay(to);
    claimed[to] = true;
  }
}`;

describe('reentrancy-eth through storage references and internal calls', () => {
  it('sees writes through a storage pointer and calls made inside an internal function', async () => {
    const lines = (await findingsFor('reentrancy-eth', THROUGH)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(THROUGH, 'if (msg.sender.call'), lineOf(THROUGH, '    pay(to);')]);
  });
});

describe('reentrancy-no-eth', () => {
  it('flags an external call before the state it depends on is cleared', async () => {
    const findings = await findingsFor('reentrancy-no-eth', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([lineOf(VULNERABLE, 'token.transferFrom')]);
    expect(findings[0]?.message).toContain('rewards');
  });

  it('accepts state cleared before the call', async () => {
    expect(await findingsFor('reentrancy-no-eth', FIXED)).toEqual([]);
  });
});
