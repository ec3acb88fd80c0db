import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.19;
contract CryptoRoulette {
  uint256 private secretNumber;
  struct Game { address player; uint256 number; }
  Game[] public gamesPlayed;
  function play(uint256 number) public payable {
    Game game;
    game.player = msg.sender;
    game.number = number;
    gamesPlayed.push(game);
  }
}`;

const FIXED = `pragma solidity ^0.4.19;
contract CryptoRoulette {
  uint256 private secretNumber;
  struct Game { address player; uint256 number; }
  Game[] public gamesPlayed;
  function play(uint256 number) public payable {
    Game memory game;
    game.player = msg.sender;
    game.number = number;
    gamesPlayed.push(game);
    Game storage last;
    last = gamesPlayed[0];
    last.number = number;
  }
}`;

describe('uninitialized-storage-pointer', () => {
  it('flags a local struct without data location or initial value, at the declaration', async () => {
    const findings = await findingsFor('uninitialized-storage-pointer', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([lineOf(VULNERABLE, 'Game game;')]);
  });

  it('accepts memory locals and storage pointers assigned before use', async () => {
    expect(await findingsFor('uninitialized-storage-pointer', FIXED)).toEqual([]);
  });
});
