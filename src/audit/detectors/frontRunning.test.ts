import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Token {
  mapping(address => mapping(address => uint)) allowed;
  function approve(address spender, uint256 value) public returns (bool) {
    allowed[msg.sender][spender] = value;
    return true;
  }
}
contract Puzzle {
  bytes32 answerHash;
  constructor(bytes32 h) public payable { answerHash = h; }
  function solve(string solution) public {
    require(answerHash == keccak256(abi.encodePacked(solution)));
    msg.sender.transfer(address(this).balance);
  }
}
contract Bounty {
  address owner;
  bool claimed;
  uint reward;
  function setReward() public payable { require(msg.sender == owner); reward = msg.value; }
  function claim(uint submission) public {
    require(!claimed);
    require(submission < 10);
    msg.sender.transfer(reward);
    claimed = true;
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Token {
  mapping(address => mapping(address => uint)) allowed;
  function approve(address spender, uint256 value) public returns (bool) {
    require(value == 0 || allowed[msg.sender][spender] == 0);
    allowed[msg.sender][spender] = value;
    return true;
  }
}
contract Token2 {
  mapping(address => mapping(address => uint)) allowed;
  function approve(address spender, uint256 value) public returns (bool) {
    allowed[msg.sender][spender] = value;
    return true;
  }
  function increaseAllowance(address spender, uint256 added) public returns (bool) {
    allowed[msg.sender][spender] += added;
    return true;
  }
}
contract Puzzle {
  bytes32 answerHash;
  mapping(address => bytes32) commits;
  function solve(string solution) public {
    require(answerHash == keccak256(abi.encodePacked(msg.sender, solution)));
    msg.sender.transfer(address(this).balance);
  }
}
contract Bounty {
  uint reward;
  mapping(address => bool) claimed;
  mapping(address => uint) balances;
  function claim() public {
    require(!claimed[msg.sender]);
    claimed[msg.sender] = true;
    msg.sender.transfer(reward);
  }
  function withdraw() public {
    uint amount = balances[msg.sender];
    balances[msg.sender] = 0;
    msg.sender.transfer(amount);
  }
}`;

describe('front-running', () => {
  it('flags allowance overwrites, hash puzzles and first-come rewards', async () => {
    const lines = (await findingsFor('front-running', VULNERABLE)).map((f) => f.startLine);
    expect(lines).toEqual([
      lineOf(VULNERABLE, 'allowed[msg.sender][spender] = value'),
      lineOf(VULNERABLE, 'require(answerHash == keccak256'),
      lineOf(VULNERABLE, 'msg.sender.transfer(reward)'),
    ]);
  });

  it('accepts approve-to-zero-first, increaseAllowance, sender-bound answers and per-caller claims', async () => {
    expect(await findingsFor('front-running', FIXED)).toEqual([]);
  });
});
