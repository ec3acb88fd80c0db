import { describe, expect, it } from 'vitest';
import { ModelHolder } from './modelHolder.js';

describe('ModelHolder', () => {
  it('swaps in one step, counts generations and tells listeners until they unsubscribe', () => {
    const holder = new ModelHolder<string>('a');
    const seen: string[] = [];
    const off = holder.onSwap((model, previous) => seen.push(`${previous}->${model}`));
    expect(holder.current).toBe('a');
    expect(holder.swap('b')).toBe('a');
    expect(holder.current).toBe('b');
    expect(holder.generation).toBe(1);
    off();
    holder.swap('c');
    expect(seen).toEqual(['a->b']);
    expect(holder.generation).toBe(2);
  });
});
