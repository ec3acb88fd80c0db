import { describe, expect, it } from 'vitest';
import { findTechniques, TECHNIQUE_NAMES, TECHNIQUES } from './techniques.js';

const names = (text: string) => findTechniques(text).map((t) => t.name);

describe('findTechniques', () => {
  it('has one entry per canonical name', () => {
    expect(TECHNIQUES.map((t) => t.name)).toEqual([...TECHNIQUE_NAMES]);
  });

  it.each([
    ['Re-entrancy bug allows inflating balance', ['reentrancy']],
    ['Read-only reentrancy in the Curve pool', ['reentrancy']],
    ['Price feed can be manipulated', ['oracle-manipulation']],
    ['TWAP oracle manipulation', ['oracle-manipulation']],
    ['FlashLoan price manipulation', ['price-manipulation', 'flash-loan']],
    ['Share price manipulation via donation attack', ['price-manipulation']],
    ['Lack of access control on mint()', ['access-control']],
    ['Anyone can call initialize and take ownership', ['access-control']],
    ['Signature replay across chains', ['signature-replay']],
    ['Signature malleability in ecrecover', ['signature-replay']],
    ['Withdrawals can be front-run by MEV bots', ['front-running']],
    ['Integer underflow in the reward counter', ['integer-overflow']],
    ['Business logic flaw in the fee calculation', ['logic-error']],
    ['The deployer rugged the pool', ['rug-pull']],
    ['Private key compromised for the hot wallet', ['private-key-compromise']],
    ['Malicious proposal passed with borrowed votes', ['governance-attack']],
    ['Unbounded loop leads to denial of service', ['denial-of-service']],
    ['Arbitrary external call drains approvals', ['arbitrary-call']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('needs the technique named, not just a nearby word', () => {
    expect(names('The oracle returns a price and users can re-balance their access list')).toEqual([]);
  });

  it('reports the span of the earliest phrase', () => {
    const [match] = findTechniques('We saw a flash loan, then another flashloan.');
    expect(match).toMatchObject({ name: 'flash-loan', start: 9, end: 19, text: 'flash loan' });
  });
});
