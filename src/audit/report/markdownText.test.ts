import { describe, expect, it } from 'vitest';
import { codeFence, escapeMarkdown, inlineCode } from './markdownText.js';

describe('escapeMarkdown', () => {
  it('escapes what would start emphasis, links, tables, HTML or a block', () => {
    expect(escapeMarkdown('a *b* _c_ [d](e) <f> | g & h ~ `i` !')).toBe(
      'a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\| g \\& h \\~ \\`i\\` \\!',
    );
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('one\ntwo')).toBe('one two');
  });
});

describe('inlineCode', () => {
  it('fences with a backtick run longer than any inside', () => {
    expect(inlineCode('a.b')).toBe('`a.b`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`a`')).toBe('`` `a` ``');
  });
});

describe('codeFence', () => {
  it('cannot be closed early by the code', () => {
    expect(codeFence('x', 'solidity')).toBe('```solidity\nx\n```');
    expect(codeFence('```\n````', '')).toBe('`````\n```\n````\n`````');
  });
});
