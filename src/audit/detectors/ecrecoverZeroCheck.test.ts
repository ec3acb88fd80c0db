import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.24;
contract Permit {
  mapping(address => address) delegates;
  address lastSigner;
  function permit(address owner, bytes32 h, uint8 v, bytes32 r, bytes32 s) public {
    require(ecrecover(h, v, r, s) == delegates[owner]);
  }
  function register(bytes32 h, uint8 v, bytes32 r, bytes32 s) public {
    address signer = ecrecover(h, v, r, s);
    lastSigner = signer;
  }
}`;

const FIXED = `pragma solidity ^0.4.24;
contract Permit {
  mapping(address => address) delegates;
  address lastSigner;
  function permit(address owner, bytes32 h, uint8 v, bytes32 r, bytes32 s) public {
    address signer = ecrecover(h, v, r, s);
    require(signer != address(0));
    require(signer == delegates[owner]);
  }
  function register(bytes32 h, uint8 v, bytes32 r, bytes32 s) public {
    address signer = ecrecover(h, v, r, s);
    if (signer == address(0)) revert();
    lastSigner = signer;
  }
  function self(bytes32 h, uint8 v, bytes32 r, bytes32 s) public view returns (bool) {
    return ecrecover(h, v, r, s) == msg.sender;
  }
}`;

describe('ecrecover-zero-check', () => {
  it('flags comparisons and stores of an unchecked ecrecover result, at the use', async () => {
    const findings = await findingsFor('ecrecover-zero-check', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([
      lineOf(VULNERABLE, '== delegates[owner]'),
      lineOf(VULNERABLE, 'lastSigner = signer'),
    ]);
    expect(findings[0]?.swc).toBe('SWC-122');
  });

  it('accepts a result checked against address(0), or compared with msg.sender', async () => {
    expect(await findingsFor('ecrecover-zero-check', FIXED)).toEqual([]);
  });
});
