import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Vault {
  address owner;
  function withdrawTo(address to, uint amount) public { to.transfer(amount); }
  function sweep() public { msg.sender.transfer(this.balance); }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Vault {
  address owner;
  mapping(address => uint) balances;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function withdrawTo(address to, uint amount) public onlyOwner { to.transfer(amount); }
  function withdraw() public {
    uint amount = balances[msg.sender];
    balances[msg.sender] = 0;
    msg.sender.transfer(amount);
  }
}`;

describe('arbitrary-send', () => {
  it('flags unguarded payouts to a chosen address or of the whole balance', async () => {
    const lines = (await findingsFor('arbitrary-send', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(VULNERABLE, 'to.transfer'), lineOf(VULNERABLE, 'this.balance')]);
  });

  it('accepts guarded payouts and paying callers what they are owed', async () => {
    expect(await findingsFor('arbitrary-send', FIXED)).toEqual([]);
  });
});
