import { describe, expect, it } from 'vitest';
import { LinkLog } from './linkLog.js';

describe('LinkLog', () => {
  it('keeps every link through growth and reads it back', () => {
    const log = new LinkLog();
    for (let i = 0; i < 40; i++) log.add(i % 2 === 0 ? 'commonFunding' : 'multiInput', i, i + 1, 7, i / 2);
    expect(log.length).toBe(40);
    expect(log.at(0)).toEqual({ heuristic: 'commonFunding', a: 0, b: 1, via: 7, detail: 0 });
    expect(log.at(39)).toEqual({ heuristic: 'multiInput', a: 39, b: 40, via: 7, detail: 19.5 });
    expect(log.toArray()).toHaveLength(40);
  });

  it('refuses indexes past the end', () => {
    const log = new LinkLog();
    log.add('depositReuse', 1, 2, 3, 0.9);
    expect(() => log.at(1)).toThrow(RangeError);
  });
});
