import { describe, expect, it } from 'vitest';
import { codeExcerpt, sourceLines } from './excerpt.js';

const source = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\r\n');
const numbers = (rows: ReturnType<typeof codeExcerpt>) =>
  rows.map((row) => ('gap' in row ? '…' : `${row.flagged ? '>' : ''}${row.line}`));

describe('codeExcerpt', () => {
  it('shows the flagged lines with two lines of context either side', () => {
    expect(numbers(codeExcerpt(source, 10, 11))).toEqual(['8', '9', '>10', '>11', '12', '13']);
    expect(codeExcerpt(source, 10, 10)[2]).toEqual({ line: 10, text: 'line 10', flagged: true });
  });

  it('clamps the context to the file', () => {
    expect(numbers(codeExcerpt(source, 1, 1))).toEqual(['>1', '2', '3']);
    expect(numbers(codeExcerpt(source, 30, 31))).toEqual(['28', '29', '>30']);
  });

  it('keeps the head and the last line of a long span', () => {
    expect(numbers(codeExcerpt(source, 5, 20, { context: 0, maxFlagged: 4 }))).toEqual([
      '>5',
      '>6',
      '>7',
      '…',
      '>20',
    ]);
  });

  it('shows nothing for lines the source does not have', () => {
    expect(codeExcerpt(source, 31, 31)).toEqual([]);
    expect(codeExcerpt('', 0, 0)).toEqual([]);
  });

  it('splits on every kind of line break', () => {
    expect(sourceLines('a\r\nb\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });
});
