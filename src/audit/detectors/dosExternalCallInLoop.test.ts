import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
interface Hook { function notify(uint amount) external; }
contract Refunder {
  address[] refundAddresses;
  Hook[] hooks;
  mapping(address => uint) refunds;
  address leader;
  uint bid;
  function refundAll() public {
    for (uint x; x < refundAddresses.length; x++) {
      require(refundAddresses[x].send(refunds[refundAddresses[x]]));
    }
  }
  function payEach(uint amount) public {
    for (uint i = 0; i < refundAddresses.length; i++) {
      address to = refundAddresses[i];
      to.transfer(amount);
      hooks[i].notify(amount);
    }
  }
  function outbid() public payable {
    require(msg.value > bid);
    if (!leader.send(bid)) throw;
    leader = msg.sender;
    bid = msg.value;
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Refunder {
  address owner;
  address[] refundAddresses;
  mapping(address => uint) refunds;
  address leader;
  uint bid;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function refundAll() public {
    for (uint x; x < refundAddresses.length; x++) {
      if (!refundAddresses[x].send(refunds[refundAddresses[x]])) refunds[refundAddresses[x]] += 0;
    }
  }
  function payOwner(uint n) public {
    for (uint i = 0; i < n; i++) owner.transfer(1);
  }
  function outbid() public payable {
    require(msg.value > bid);
    refunds[leader] += bid;
    leader = msg.sender;
    bid = msg.value;
  }
  function setOwner(address o) public onlyOwner { owner = msg.sender; owner = o; }
  function withdraw() public {
    uint amount = refunds[msg.sender];
    refunds[msg.sender] = 0;
    msg.sender.transfer(amount);
    owner.transfer(0);
  }
  function collect() public {
    require(msg.sender == leader);
    leader.transfer(bid);
  }
}`;

describe('dos-external-call-in-loop', () => {
  it('flags reverting payments in loops and to an address any caller can become', async () => {
    const lines = (await findingsFor('dos-external-call-in-loop', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'require(refundAddresses[x].send'),
      lineOf(VULNERABLE, 'to.transfer(amount)'),
      lineOf(VULNERABLE, 'hooks[i].notify'),
      lineOf(VULNERABLE, 'if (!leader.send(bid)) throw;'),
    ]);
  });

  it('accepts unchecked sends, fixed recipients and pull payments', async () => {
    expect(await findingsFor('dos-external-call-in-loop', FIXED)).toEqual([]);
  });
});
