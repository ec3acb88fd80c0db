import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Roulette {
  uint pastBlockTime;
  function spin() public payable {
    require(now != pastBlockTime);
    pastBlockTime = now;
    uint t = block.timestamp;
    if (t % 15 == 0) { msg.sender.transfer(this.balance); }
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Ledger {
  mapping(address => uint) lastSeen;
  function touch() public { lastSeen[msg.sender] = now; }
  function pay(uint blockNumber) public { require(block.number > blockNumber + 100); msg.sender.transfer(1); }
}`;

describe('timestamp-dependence', () => {
  it('flags comparisons and modulo on now / block.timestamp, also through a local', async () => {
    const lines = (await findingsFor('timestamp-dependence', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([lineOf(VULNERABLE, 'require(now'), lineOf(VULNERABLE, 'if (t % 15')]);
  });

  it('accepts recording the time without deciding on it', async () => {
    expect(await findingsFor('timestamp-dependence', FIXED)).toEqual([]);
  });
});
