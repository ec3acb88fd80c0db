import { describe, expect, it } from 'vitest';
import { parseFrontMatterDate, splitFrontMatter } from './frontMatter.js';

describe('front matter', () => {
  it('splits a YAML block from the text after it', () => {
    const result = splitFrontMatter('---\ntitle: A\ndate: 2024-01-02\n---\n# Body\n');
    expect(result).toEqual({
      ok: true,
      value: { data: { title: 'A', date: '2024-01-02' }, body: '# Body\n' },
    });
    expect(splitFrontMatter('no front matter\n---\n')).toEqual({
      ok: true,
      value: { data: {}, body: 'no front matter\n---\n' },
    });
  });

  it('reports front matter that is not a YAML mapping', () => {
    expect(splitFrontMatter('---\n[1, 2\n---\nx')).toMatchObject({ ok: false });
    expect(splitFrontMatter('---\n- a\n- b\n---\nx')).toEqual({
      ok: false,
      reason: 'front matter is not a mapping of keys to values',
    });
  });

  it('reads the dates static site generators write', () => {
    expect(parseFrontMatterDate('2024-02-14')).toBe(Date.UTC(2024, 1, 14));
    expect(parseFrontMatterDate('2023-11-03 16:45:00 +0100')).toBe(Date.UTC(2023, 10, 3, 15, 45));
    expect(parseFrontMatterDate('2023-11-03T16:45:00Z')).toBe(Date.UTC(2023, 10, 3, 16, 45));
    expect(parseFrontMatterDate('2023-11-03 16:45')).toBe(Date.UTC(2023, 10, 3, 16, 45));
    expect(parseFrontMatterDate('last week')).toBeNaN();
    expect(parseFrontMatterDate(20240214)).toBeNaN();
  });
});
