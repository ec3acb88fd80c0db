import { describe, expect, it } from 'vitest';
import { parseSolidity } from './parseSolidity.js';

describe('parseSolidity', () => {
  it('parses old and current syntax, falling back to the newer grammar where the fast one stops', () => {
    const old = parseSolidity('Old.sol', 'pragma solidity ^0.4.11;\ncontract A { function A() { throw; } }');
    expect('ast' in old).toBe(true);
    const transient = parseSolidity('New.sol', 'pragma solidity ^0.8.24;\ncontract A { uint transient x; }');
    expect('ast' in transient).toBe(true);
  });

  it('reports a syntax error with file, line and column, never a throw', () => {
    const result = parseSolidity(
      'Bad.sol',
      'pragma solidity ^0.8.0;\ncontract A {\n  function f( public {}\n}\n',
    );
    expect(result).toEqual({
      error: expect.objectContaining({ kind: 'parse', file: 'Bad.sol', line: 3, column: expect.any(Number) }),
    });
  });
});
