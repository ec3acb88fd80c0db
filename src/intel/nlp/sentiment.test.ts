import { describe, expect, it } from 'vitest';
import { SENTIMENT_LEXICON, sentiment } from './sentiment.js';

const squash = (x: number) => x / Math.sqrt(x * x + 15);

describe('sentiment', () => {
  it('scores harm negative and repair positive, squashed into (-1, 1)', () => {
    expect(sentiment('The vault was drained.').score).toBeCloseTo(squash(-3), 12);
    expect(sentiment('The bug was fixed.').score).toBeCloseTo(squash(-1.5 + 2), 12);
    expect(sentiment('Funds were recovered and users reimbursed.').score).toBeCloseTo(squash(2.5 + 2), 12);
    expect(sentiment('The team published the quarterly roadmap.')).toEqual({
      score: 0,
      positive: 0,
      negative: 0,
      terms: [],
    });
  });

  it('flips and dampens a word within three words after a negator', () => {
    expect(sentiment('No funds were lost.').score).toBeCloseTo(squash(-2 * -0.74), 12);
    expect(sentiment("The pool isn't vulnerable").score).toBeCloseTo(squash(-1.5 * -0.74), 12);
    // Four words away: out of reach.
    expect(sentiment('not one of the funds lost').score).toBeCloseTo(squash(-2), 12);
  });

  it('boosts a word right after an intensifier', () => {
    expect(sentiment('a very critical flaw').negative).toBeCloseTo(-2.5 - 0.293 - 1.5, 12);
  });

  it('stays within (-1, 1) and explains itself', () => {
    const s = sentiment('exploited, hacked, drained, stolen, drained again, critical '.repeat(20));
    expect(s.score).toBeGreaterThan(-1);
    expect(s.score).toBeLessThan(-0.99);
    expect(s.terms.slice(0, 2)).toEqual([
      { term: 'exploited', weight: -2.5 },
      { term: 'hacked', weight: -2.5 },
    ]);
  });

  it('matches words as written, so "security" is not "secure"', () => {
    expect(SENTIMENT_LEXICON.has('security')).toBe(false);
    expect(sentiment('security researchers').score).toBe(0);
  });
});
