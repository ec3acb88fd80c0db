import { describe, expect, it } from 'vitest';
import { findingsFor, lineOf } from './detector.fixture.js';

const VULNERABLE = `pragma solidity ^0.4.15;
contract Missing {
  address owner;
  function missing() public { owner = msg.sender; }
}`;

const FIXED = `pragma solidity ^0.4.15;
contract Missing {
  address owner;
  function Missing() public { owner = msg.sender; }
}`;

describe('constructor-name', () => {
  it('flags a would-be constructor whose name differs in case', async () => {
    const findings = await findingsFor('constructor-name', VULNERABLE);
    expect(findings.map((f) => f.startLine)).toEqual([lineOf(VULNERABLE, 'function missing')]);
  });

  it('accepts the exact contract name', async () => {
    expect(await findingsFor('constructor-name', FIXED)).toEqual([]);
  });
});
