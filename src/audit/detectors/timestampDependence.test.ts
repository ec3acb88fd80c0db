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
    const findings = await findingsFor('timestamp-dependence', VULNERABLE);
    const decisions = findings.filter((f) => f.message.includes('decides'));
    expect(decisions.map((f) => f.startLine)).toEqual([
      lineOf(VULNERABLE, 'require(now'),
      lineOf(VULNERABLE, 'if (t % 15'),
    ]);
  });

  it('in a contract that decides on time, also flags where it captures the timestamp', async () => {
    const findings = await findingsFor('timestamp-dependence', VULNERABLE);
    const captures = findings.filter((f) => f.message.includes('stores or returns'));
    expect(captures.map((f) => f.startLine)).toEqual([
      lineOf(VULNERABLE, 'pastBlockTime = now'),
      lineOf(VULNERABLE, 'uint t = block.timestamp'),
    ]);
  });

  it('accepts recording the time without deciding on it', async () => {
    expect(await findingsFor('timestamp-dependence', FIXED)).toEqual([]);
  });
});
