import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Deprecated {
  uint deadline = now + 1 years;
  function use() public constant {
    bytes32 h = block.blockhash(0);
    bytes32 hh = sha3(h);
    uint gas = msg.gas;
    if (gas == 0) {
      throw;
    }
    address(this).callcode();
    var a = [1, 2, 3];
    suicide(address(0));
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Deprecated {
  uint deadline = now + 365 days;
  function use() public view {
    bytes32 h = blockhash(0);
    bytes32 hh = keccak256(h);
    uint gas = gasleft();
    if (gas == 0) {
      revert();
    }
    address(this).delegatecall();
    uint8[3] memory a = [1, 2, 3];
    selfdestruct(address(0));
  }
}`;

describe('deprecated-constructs', () => {
  it('flags each deprecated construct at its statement or declaration', async () => {
    const lines = (await findingsFor('deprecated-constructs', VULNERABLE))
      .map((f) => f.startLine)
      .sort((a, b) => a - b);
    expect(lines).toEqual(
      [
        'uint deadline',
        'function use()',
        'block.blockhash',
        'sha3(h)',
        'msg.gas',
        'throw;',
        'callcode',
        'var a',
        'suicide(',
      ].map((t) => lineOf(VULNERABLE, t)),
    );
  });

  it('accepts the current replacements', async () => {
    expect(await findingsFor('deprecated-constructs', FIXED)).toEqual([]);
  });
});
