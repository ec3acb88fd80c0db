/**
 * Markdown-safe prose: text that comes from the audited code or from a detector must read as text
 * and never as markup (no stray emphasis, links, tables or raw HTML). CommonMark lets any ASCII
 * punctuation be backslash-escaped; these are the characters that start markup inside a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&!]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Inline code that holds any text: a backtick run longer than any inside it, padded if needed. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that no line of `code` can close early. */
export function codeFence(code: string, info = ''): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${code}\n${fence}`;
}
