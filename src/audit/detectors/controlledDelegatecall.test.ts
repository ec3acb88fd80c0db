import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Proxy {
  address lib;
  function forward(address callee, bytes data) public { require(callee.delegatecall(data)); }
  function() public payable { lib.delegatecall(msg.data); }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Proxy {
  address lib;
  address owner;
  function forward(address callee, bytes data) public { require(msg.sender == owner); require(callee.delegatecall(data)); }
  function ping() public { require(lib.delegatecall(bytes4(keccak256("ping()")))); }
  function relay(bytes data) public { require(lib.delegatecall(data)); }
}`;

describe('controlled-delegatecall', () => {
  it('flags delegatecall with a chosen target or forwarded calldata', async () => {
    const lines = (await findingsFor('controlled-delegatecall', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'callee.delegatecall'),
      lineOf(VULNERABLE, 'lib.delegatecall(msg.data)'),
    ]);
  });

  it('accepts guarded forwarding, fixed calldata and chosen calldata to a fixed callee', async () => {
    expect(await findingsFor('controlled-delegatecall', FIXED)).toEqual([]);
  });
});
