import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from './tokenize.js';

describe('normalizeText', () => {
  it('applies NFKC and maps typographic quotes and dashes to ASCII', () => {
    expect(normalizeText('ＣＶＥ\u20112024\u20131234 doesn\u2019t ﬁx')).toBe("CVE-2024-1234 doesn't fix");
  });
});

describe('tokenize', () => {
  it('keeps vulnerability ids, addresses and package specs whole, lower-cased', () => {
    const text =
      'See CVE-2024-1234, GHSA-vp9c-fpxx-744v and SWC-107: 0xB3764761E297D6f121e79C32A65829Cd1dDb4D32 ' +
      'uses @openzeppelin/contracts@4.9.3, @uniswap/v3-core and ethers@5.7.2.';
    expect(tokenize(text, { stem: false })).toEqual([
      'see',
      'cve-2024-1234',
      'ghsa-vp9c-fpxx-744v',
      'swc-107',
      '0xb3764761e297d6f121e79c32a65829cd1ddb4d32',
      'uses',
      '@openzeppelin/contracts@4.9.3',
      '@uniswap/v3-core',
      'ethers@5.7.2',
    ]);
  });

  it('keeps bech32 addresses and dotted names whole', () => {
    expect(tokenize('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq via web3.js', { stem: false })).toEqual([
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'via',
      'web3.js',
    ]);
  });

  it('drops stop words and stems, but keeps negations', () => {
    expect(tokenize('The attackers were not stopped by the checks')).toEqual([
      'attack',
      'not',
      'stop',
      'check',
    ]);
    expect(tokenize('The attackers', { stopWords: false, stem: false })).toEqual(['the', 'attackers']);
    expect(tokenize('the attackers', { stopWords: new Set(['attackers']), stem: false })).toEqual(['the']);
  });

  it('joins a bound prefix to its word but splits other hyphenated words', () => {
    expect(tokenize('Re-entrancy and front-running, pre-image', { stem: false })).toEqual([
      'reentrancy',
      'front',
      'running',
      'preimage',
    ]);
  });

  it('splits code identifiers into words when asked', () => {
    expect(tokenize('registerTradeAndBorrow account.holdsToken _spendAllowance', { stem: false })).toEqual([
      'registertradeandborrow',
      'account.holdstoken',
      'spendallowance',
    ]);
    expect(
      tokenize('registerTradeAndBorrow account.holdsToken _spendAllowance ERC20Token', {
        stem: false,
        identifierParts: true,
      }),
    ).toEqual([
      'register',
      'trade',
      'borrow',
      'account',
      'holds',
      'token',
      'spend',
      'allowance',
      'erc20',
      'token',
    ]);
  });

  it('drops words shorter than minLength but never ids', () => {
    expect(tokenize('x y zz swc-101', { stopWords: false, stem: false, minLength: 2 })).toEqual([
      'zz',
      'swc-101',
    ]);
    expect(tokenize('x y', { stopWords: false, stem: false, minLength: 1 })).toEqual(['x', 'y']);
  });
});
