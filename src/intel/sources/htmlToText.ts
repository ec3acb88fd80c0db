const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  shy: '',
  zwnj: '',
  zwj: '',
};

/** Decodes character references (&amp;, &#39;, &#x2014;); an unknown or invalid one is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return whole;
      return String.fromCodePoint(code);
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const BLOCK =
  /<(\/?)(p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|pre|section|article|header|footer|hr|dd|dt|figure|figcaption)\b[^>]*>/gi;

/** Paragraph-like blocks end with a blank line, list items and line breaks with one newline. */
function blockBreak(_tag: string, closing: string, name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'br' || lower === 'hr') return '\n';
  if (lower === 'li' || lower === 'tr' || lower === 'dt' || lower === 'dd') return closing ? '\n' : '';
  return closing ? '\n\n' : '\n';
}

/**
 * Readable text from the HTML of a feed item: scripts, styles and comments dropped, block elements turned
 * into line breaks, other tags removed, entities decoded after the tags are gone (so an escaped
 * "&lt;script&gt;" in prose stays as text), and whitespace tidied.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(BLOCK, blockBreak)
    .replace(/<\/?[a-z][^>]*>/gi, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
