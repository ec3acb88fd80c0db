import { describe, expect, it } from 'vitest';
import { createEntityExtractor } from './entities.js';
import { BUILT_IN_GAZETTEER, extendGazetteer } from './gazetteer.js';

describe('createEntityExtractor', () => {
  const extractor = createEntityExtractor();

  it('extracts and normalises ids, addresses, packages, protocols and techniques', () => {
    const text =
      'Re-entrancy in Curve pools (cve-2023-39363, ghsa-5PVW-hc4x-8q4q, swc107) let attacker ' +
      '0xB3764761E297D6f121e79C32A65829Cd1dDb4D32 drain funds with a flash loan. ' +
      'Upgrade @openzeppelin/contracts@4.9.3 and ethers@5.7.2; web3.js and viem are safe. ' +
      'Funds went to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.';
    expect(extractor.entities(text)).toEqual([
      { kind: 'technique', value: 'reentrancy' },
      { kind: 'protocol', value: 'curve' },
      { kind: 'cve', value: 'CVE-2023-39363' },
      { kind: 'ghsa', value: 'GHSA-5pvw-hc4x-8q4q' },
      { kind: 'swc', value: 'SWC-107' },
      { kind: 'address', value: '0xb3764761e297d6f121e79c32a65829cd1ddb4d32' },
      { kind: 'technique', value: 'flash-loan' },
      { kind: 'package', value: '@openzeppelin/contracts' },
      { kind: 'package', value: 'ethers' },
      { kind: 'package', value: 'web3' },
      { kind: 'package', value: 'viem' },
      { kind: 'address', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
    ]);
  });

  it('leaves the full stop that ends a sentence off a scoped package name', () => {
    expect(extractor.entities('Pin @openzeppelin/contracts. Then upgrade @scope/lib.name.')).toEqual([
      { kind: 'package', value: '@openzeppelin/contracts' },
      { kind: 'package', value: '@scope/lib.name' },
    ]);
  });

  it('gives offsets and the text as written', () => {
    const [mention] = extractor.mentions('see CVE-2021-3156');
    expect(mention).toEqual({
      kind: 'cve',
      value: 'CVE-2021-3156',
      start: 4,
      end: 17,
      text: 'CVE-2021-3156',
    });
  });

  it('does not take a transaction hash, a word inside a word, or an everyday word for an entity', () => {
    const text =
      'tx 0x9dbf0326a03a2a3719c27be4fa69aacc9857fd231a8d9dcaede4bb083def75ec; review the overview; ' +
      'compound interest on the curve; mail bob@1inch.io; bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr; ' +
      'web3 security across multichain bridges';
    expect(extractor.entities(text)).toEqual([]);
  });

  it('deduplicates (kind, value) pairs but keeps every mention', () => {
    const text = 'Aave and AAVE V3 and aave';
    expect(extractor.entities(text)).toEqual([{ kind: 'protocol', value: 'aave' }]);
    expect(extractor.mentions(text)).toHaveLength(3);
  });

  it('treats any @scope/name or name@version as a package, and a user gazetteer adds names', () => {
    expect(extractor.entities('bumped @acme/sdk@2.0.1, left-pad@1.3.0 and web3@1.10.0')).toEqual([
      { kind: 'package', value: '@acme/sdk' },
      { kind: 'package', value: 'left-pad' },
      { kind: 'package', value: 'web3' },
    ]);
    const custom = createEntityExtractor({
      gazetteer: extendGazetteer(BUILT_IN_GAZETTEER, [
        { kind: 'protocol', name: 'acmeswap', aliases: ['acme swap'], caseSensitiveAliases: [] },
      ]),
      bitcoin: false,
    });
    expect(custom.entities('Acme Swap was drained; bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toEqual([
      { kind: 'protocol', value: 'acmeswap' },
    ]);
  });
});
