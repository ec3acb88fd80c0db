import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './htmlToText.js';

describe('htmlToText', () => {
  it('keeps the prose of a post and drops markup, scripts and comments', () => {
    const html =
      '<p>The <a href="https://x.test">bridge</a> lost <b>$190&nbsp;million</b>.</p><script>alert(1)</script>' +
      '<!-- tracking --><ul><li>Root cause: replayed&#32;signatures</li><li>Fix &mdash; nonce checks</li></ul>';
    expect(htmlToText(html)).toBe(
      'The bridge lost $190 million.\n\nRoot cause: replayed signatures\nFix — nonce checks',
    );
  });

  it('decodes entities after removing tags, so escaped markup in prose survives as text', () => {
    expect(htmlToText('<p>Never trust &lt;script&gt; in input &amp; output</p>')).toBe(
      'Never trust <script> in input & output',
    );
  });

  it('leaves unknown or invalid references as written', () => {
    expect(decodeEntities('&bogus; &#xD800; &#128274; &#x27;')).toBe("&bogus; &#xD800; 🔒 '");
  });
});
