import { describe, expect, it } from 'vitest';
import { normaliseEntityValue } from './entityValue.js';

describe('normaliseEntityValue', () => {
  it('spells values as the extractor stores them', () => {
    expect(normaliseEntityValue('cve', ' cve-2024-1234 ')).toBe('CVE-2024-1234');
    expect(normaliseEntityValue('ghsa', 'GHSA-C2QF-RXJJ-QQGW')).toBe('GHSA-c2qf-rxjj-qqgw');
    expect(normaliseEntityValue('swc', 'swc107')).toBe('SWC-107');
    expect(normaliseEntityValue('address', '0xAbCd')).toBe('0xabcd');
    expect(normaliseEntityValue('technique', 'Flash Loan')).toBe('flash-loan');
    expect(normaliseEntityValue('protocol', 'Tornado  Cash')).toBe('tornado cash');
    expect(normaliseEntityValue('package', '@OpenZeppelin/contracts')).toBe('@OpenZeppelin/contracts');
  });
});
