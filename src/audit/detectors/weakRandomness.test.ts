import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Lottery {
  function draw() public returns (uint) {
    uint seed = uint(keccak256(block.timestamp, block.difficulty));
    uint winner = seed % 10;
    bytes32 h = block.blockhash(block.number - 1);
    return winner + uint(h);
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Lottery {
  mapping(address => bytes32) commits;
  function commit(bytes32 c) public { commits[msg.sender] = c; }
  function reveal(uint secret) public view returns (uint) {
    require(keccak256(secret) == commits[msg.sender]);
    return secret % 10;
  }
}`;

const FUTURE_BLOCK = `pragma solidity ^0.4.24;
contract Guess {
  uint commitBlock;
  uint guess;
  function commit(uint g) public { guess = g; commitBlock = block.number; }
  function reveal() public {
    require(block.number > commitBlock + 20);
    if (uint(blockhash(commitBlock + 20)) == guess) { msg.sender.transfer(1); }
  }
}`;

describe('weak-randomness', () => {
  it('accepts a blockhash of a block committed to earlier and required to have passed', async () => {
    expect(await findingsFor('weak-randomness', FUTURE_BLOCK)).toEqual([]);
  });

  it('flags hashes and modulo over block data, and blockhash lookups', async () => {
    const lines = (await findingsFor('weak-randomness', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'uint seed'),
      lineOf(VULNERABLE, 'seed % 10'),
      lineOf(VULNERABLE, 'block.blockhash'),
    ]);
  });

  it('accepts commit-reveal over user secrets', async () => {
    expect(await findingsFor('weak-randomness', FIXED)).toEqual([]);
  });
});
