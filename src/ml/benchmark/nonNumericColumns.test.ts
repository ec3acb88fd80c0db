import { describe, expect, it } from 'vitest';
import { readFeatureTable } from '../featureTable.js';
import { nonNumericColumns } from './nonNumericColumns.js';

const CSV = `id,Address,amount, token ,gaps,hex
a,0x01,1.5,ETH,,1
b,0x02,,USDC,2,0x1f
c,0x03,3e2,ETH,,3
d,0x04,4,ETH`;

describe('nonNumericColumns', () => {
  it('names the columns with any non-number (ids included), ignoring empty cells and ragged rows', () => {
    expect(nonNumericColumns(CSV)).toEqual(['id', 'Address', 'token', 'hex']);
  });

  it('leaves readFeatureTable only numeric columns when passed as ignore', () => {
    const table = readFeatureTable(CSV, { id: 'id', ignore: nonNumericColumns(CSV) });
    expect(table.columns).toEqual(['amount', 'gaps']);
    expect(table.notices.join('\n')).not.toMatch(/frequency-encoded/);
  });

  it('returns nothing for an empty text', () => {
    expect(nonNumericColumns('')).toEqual([]);
  });
});
