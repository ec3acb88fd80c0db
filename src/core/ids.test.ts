import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('is prefixed, unique, and sorts by creation time', () => {
    const ids = [newId('alt', 1_000), newId('alt', 2_000), newId('alt', 1_700_000_000_000)];
    expect(ids.every((id) => /^alt_[0-9a-hjkmnp-tv-z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    const many = new Set(Array.from({ length: 10_000 }, () => newId('x', 5)));
    expect(many.size).toBe(10_000);
  });
});
