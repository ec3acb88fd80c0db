import { describe, expect, it } from 'vitest';
import { linearize } from './linearize.js';

describe('linearize (C3, Solidity order)', () => {
  const graph: Record<string, string[]> = { X: [], A: ['X'], B: ['X'], C: ['A', 'B'], D: ['C'] };
  const basesOf = (n: string) => graph[n];

  it('puts the last-named base first, as solc does', () => {
    expect(linearize('C', basesOf)).toEqual(['C', 'B', 'A', 'X']);
    expect(linearize('D', basesOf)).toEqual(['D', 'C', 'B', 'A', 'X']);
  });

  it('tolerates unknown bases and reports inconsistent or cyclic hierarchies', () => {
    expect(linearize('E', (n) => (n === 'E' ? ['Missing'] : undefined))).toEqual(['E', 'Missing']);
    const bad: Record<string, string[]> = { X: [], Y: ['X'], Z: ['Y', 'X'] };
    expect(linearize('Z', (n) => bad[n])).toBeUndefined();
    const cyclic: Record<string, string[]> = { P: ['Q'], Q: ['P'] };
    expect(linearize('P', (n) => cyclic[n])).toBeUndefined();
  });
});
