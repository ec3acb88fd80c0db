import { describe, expect, it } from 'vitest';
import type { Label } from '../../core/label.js';
import { LabelIndex } from './labelIndex.js';

const AT = '2026-01-01T00:00:00.000Z';
const ADDRESS = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';

function label(overrides: Partial<Label>): Label {
  return {
    chain: 'ethereum',
    address: ADDRESS,
    category: 'sanctions',
    label: 'test',
    source: 'ofac',
    sourceRef: 'test:1',
    importedAt: AT,
    ...overrides,
  };
}

describe('LabelIndex', () => {
  it('finds labels by chain and any valid spelling of the address', () => {
    const index = new LabelIndex([
      label({}),
      label({ category: 'phishing', source: 'forta' }),
      label({ chain: 'bsc', category: 'hack', source: 'defihacklabs' }),
    ]);
    expect(
      index.labelsOf('ethereum', '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045').map((l) => l.category),
    ).toEqual(['sanctions', 'phishing']);
    expect(index.labelsOf('bsc', ADDRESS).map((l) => l.source)).toEqual(['defihacklabs']);
    expect(index.has('polygon', ADDRESS)).toBe(false);
    expect(index.labelsOfCanonical('ethereum', ADDRESS)).toHaveLength(2);
    expect(index.labelsOfCanonical('ethereum', '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045')).toEqual([]);
  });

  it('has nothing for an unlabelled or invalid address', () => {
    const index = new LabelIndex([label({})]);
    expect(index.labelsOf('ethereum', '0x0000000000000000000000000000000000000001')).toEqual([]);
    expect(index.labelsOf('ethereum', 'not-an-address')).toEqual([]);
    expect(index.has('ethereum', '0xd8da6BF26964aF9D7eEd9e03E53415D37aA96045')).toBe(false); // bad checksum
  });

  it('keeps one label per (address, category, source) and counts by category and source', () => {
    const index = new LabelIndex();
    expect(index.add(label({}))).toBe(true);
    expect(index.add(label({ label: 'again' }))).toBe(false);
    expect(
      index.addAll([
        label({ source: 'manual' }),
        label({ category: 'scam', source: 'cryptoscamdb' }),
        label({ chain: 'tron', address: 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre' }),
      ]),
    ).toBe(3);
    expect(index.size).toBe(4);
    expect(index.addressCount).toBe(2);
    expect(index.countsByCategory()).toEqual({ sanctions: 3, scam: 1 });
    expect(index.countsBySource()).toEqual({ ofac: 2, manual: 1, cryptoscamdb: 1 });
  });
});
