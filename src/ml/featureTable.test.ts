import { describe, expect, it } from 'vitest';
import { ArgusError } from '../core/errors.js';
import { readFeatureTable } from './featureTable.js';

const CSV = `id,Address,FLAG,amount, token ,note
a,0x01,0,1.5,ETH,x1
b,0x02,1,,USDC,x2
c,0x03,0,3e2,ETH,x3
d,0x04,0,4,ETH
e,0x05,0,-2,,x5`;

describe('readFeatureTable', () => {
  it('never reads ignored columns, frequency-encodes categories, keeps gaps as NaN, skips ragged rows', () => {
    const table = readFeatureTable(CSV, { id: 'id', ignore: ['Address', 'FLAG'] });
    expect(table.ids).toEqual(['a', 'b', 'c', 'e']);
    expect(table.columns).toEqual(['amount', 'token']);
    expect(table.rejectedRows).toBe(1);
    const { data } = table.x;
    expect([data[0], data[2], data[4], data[6]]).toEqual([1.5, Number.NaN, 300, -2]);
    // ETH in 2 of 3 filled cells, USDC in 1 of 3, the empty one stays missing.
    expect(data[1]).toBeCloseTo(2 / 3);
    expect(data[3]).toBeCloseTo(1 / 3);
    expect(Number.isNaN(data[7])).toBe(true);
    expect(table.notices.join('\n')).toMatch(
      /"note" is non-numeric with a distinct value in every row: dropped/,
    );
    expect(table.notices.join('\n')).toMatch(/1 rows with the wrong number of cells/);
  });

  it('names the columns when asked for one that does not exist', () => {
    expect(() => readFeatureTable(CSV, { ignore: ['flag'] })).toThrow(ArgusError);
    try {
      readFeatureTable(CSV, { ignore: ['flag'] });
    } catch (error) {
      expect((error as ArgusError).hint).toContain('FLAG');
    }
  });
});
