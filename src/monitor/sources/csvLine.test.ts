import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './csvLine.js';

describe('splitCsvLine', () => {
  it('splits plain and quoted cells, trimming unquoted ones', () => {
    expect(splitCsvLine('a, b ,c\r')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('"a,1", "say ""hi""" ,x')).toEqual(['a,1', 'say "hi"', 'x']);
    expect(splitCsvLine('a,,"",')).toEqual(['a', '', '', '']);
    expect(splitCsvLine('a"b,c')).toEqual(['a"b', 'c']);
  });

  it('refuses a quote that does not close on its line or text after a closing quote', () => {
    expect(splitCsvLine('a,"open')).toEqual({ error: 'quoted cell 2 is not closed on its line' });
    expect(splitCsvLine('"a"b,c')).toEqual({ error: 'unexpected text after the closing quote of cell 1' });
  });
});
