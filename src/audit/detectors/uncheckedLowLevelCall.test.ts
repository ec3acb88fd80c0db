import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Payout {
  mapping(address => uint) owed;
  function pay(address to) public {
    uint amount = owed[to];
    owed[to] = 0;
    to.send(amount);
  }
  function forward(address target, bytes data) public {
    target.call.value(msg.value)(data);
    bool ok = target.delegatecall(data);
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Payout {
  mapping(address => uint) owed;
  function pay(address to) public {
    uint amount = owed[to];
    owed[to] = 0;
    require(to.send(amount));
  }
  function forward(address target, bytes data) public {
    if (!target.call.value(msg.value)(data)) revert();
    bool ok = target.delegatecall(data);
    require(ok);
    to.transfer(1);
  }
}`;

describe('unchecked-low-level-call', () => {
  it('flags send, call and delegatecall whose result is dropped, at the statement', async () => {
    const lines = (await findingsFor('unchecked-low-level-call', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'to.send(amount)'),
      lineOf(VULNERABLE, 'target.call.value'),
      lineOf(VULNERABLE, 'bool ok'),
    ]);
  });

  it('accepts results that are required, tested or assigned and read', async () => {
    expect(await findingsFor('unchecked-low-level-call', FIXED.replace('    to.transfer(1);\n', ''))).toEqual(
      [],
    );
  });
});
