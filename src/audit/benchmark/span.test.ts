import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countedLines, creditsLine, datasetPath } from './span.js';

describe('countedLines', () => {
  it('credits a finding of up to 3 lines with all of them', () => {
    expect(countedLines({ startLine: 7, endLine: 7 })).toEqual({ first: 7, last: 7 });
    expect(countedLines({ startLine: 7, endLine: 9 })).toEqual({ first: 7, last: 9 });
  });

  it('credits a longer finding with its first line only', () => {
    expect(countedLines({ startLine: 7, endLine: 10 })).toEqual({ first: 7, last: 7 });
    expect(creditsLine({ startLine: 7, endLine: 10 }, 7)).toBe(true);
    expect(creditsLine({ startLine: 7, endLine: 10 }, 8)).toBe(false);
  });

  it('treats an end before the start as a one-line finding', () => {
    expect(countedLines({ startLine: 7, endLine: 5 })).toEqual({ first: 7, last: 7 });
  });
});

describe('datasetPath', () => {
  it('makes absolute and working-folder-relative paths relative to the dataset, with forward slashes', () => {
    const root = join(process.cwd(), 'data', 'set');
    expect(datasetPath(root, join(root, 'dataset', 'a.sol'))).toBe('dataset/a.sol');
    expect(datasetPath(root, relative(process.cwd(), join(root, 'dataset', 'a.sol')))).toBe('dataset/a.sol');
    expect(datasetPath(`${root}/`, join(root, 'x', '..', 'b.sol'))).toBe('b.sol');
  });
});
