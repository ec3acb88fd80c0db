import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { parseTypologyCounts } from './parseTypologyCounts.js';

describe('parseTypologyCounts', () => {
  it('reads short and full names', () => {
    expect(parseTypologyCounts('dormant=5, coordinated=3,peel-chain=0')).toEqual({
      'dormant-drain': 5,
      'coordinated-withdrawal': 3,
      'peel-chain': 0,
    });
  });

  it('sets every typology with all= and none, and a later entry overrides', () => {
    const all = parseTypologyCounts('all=2,takeover=7');
    expect(Object.values(all)).toHaveLength(6);
    expect(all.structuring).toBe(2);
    expect(all['takeover-burst']).toBe(7);
    expect(Object.values(parseTypologyCounts('none')).every((n) => n === 0)).toBe(true);
    const only = parseTypologyCounts('none, structuring=2');
    expect(Object.entries(only).filter(([, n]) => n > 0)).toEqual([['structuring', 2]]);
  });

  it('rejects unknown names and malformed parts with a hint', () => {
    expect(() => parseTypologyCounts('smurfing=3')).toThrow(/unknown typology "smurfing"/);
    expect(() => parseTypologyCounts('dormant')).toThrow(ArgusError);
    expect(() => parseTypologyCounts('dormant=-1')).toThrow(/name=count/);
  });
});
