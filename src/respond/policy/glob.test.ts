import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';

describe('compileGlob', () => {
  it('treats * as any run of characters, anchored at both ends', () => {
    const re = compileGlob('dormant-*');
    expect(re.test('dormant-account')).toBe(true);
    expect(re.test('dormant-')).toBe(true);
    expect(re.test('not-dormant-account')).toBe(false);
    expect(compileGlob('*-x-*').test('a-x-b')).toBe(true);
  });

  it('matches characters that are special in regular expressions literally', () => {
    expect(compileGlob('a.b+(c)').test('a.b+(c)')).toBe(true);
    expect(compileGlob('a.b').test('axb')).toBe(false);
    expect(compileGlob('[x]?').test('[x]?')).toBe(true);
  });

  it('ignores case, so checksummed and lower-case addresses both match', () => {
    expect(compileGlob('0xabc*').test('0xABCdef')).toBe(true);
  });

  it('without * matches exactly', () => {
    expect(compileGlob('mixer').test('mixer')).toBe(true);
    expect(compileGlob('mixer').test('mixers')).toBe(false);
  });
});
