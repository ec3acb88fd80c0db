import { describe, expect, it } from 'vitest';
import { formatHtml } from './formatHtml.js';
import { finding, metaOf, REPORT, sources } from './sample.fixture.js';

const date = new Date('2025-03-01T12:00:00Z');
const options = { sources, metaOf, title: 'Audit of Bank', date };

describe('formatHtml', () => {
  const html = formatHtml(REPORT, options);

  it('is one self-contained page: inline CSS, no script, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|href="http/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('has the header, an SVG chart and tables by severity and category', () => {
    expect(html).toContain('<h1>Audit of Bank</h1>');
    expect(html).toContain('2025-03-01 · 3 files analysed · 42 ms · 3 findings · 1 error');
    expect(html).toMatch(
      /<svg class="chart" role="img"[^>]*><title>Findings by severity: 1 high, 1 medium, 0 low, 1 info<\/title>/,
    );
    expect(html.match(/<rect /g)).toHaveLength(4);
    expect(html).toContain('<tr><td>High</td><td class="n">1</td></tr>');
    expect(html).toContain('<tr><td>bad_randomness</td><td class="n">0</td><td class="n">1</td>');
    expect(html).toContain('<code>contracts/Broken.sol:3:5</code> parse error:');
  });

  it('shows each finding with badges, location, numbered code, scenario and fix', () => {
    expect(html).toContain('<article class="finding" id="finding-1"');
    expect(html).toContain('<h3>1. Reentrancy with ether transfer</h3>');
    expect(html).toContain('<span class="badge">Confidence: medium</span>');
    expect(html).toContain('<code>contracts/Bank.sol:6</code> in <code>Bank.withdraw</code>');
    expect(html).toContain(
      '<span class="line hit"><span class="ln">6</span>    require(msg.sender.call.value(amount)());</span>',
    );
    expect(html).toContain('<span class="line"><span class="ln">4</span>');
    expect(html).toContain('<h4>Exploit scenario</h4><p>The callee re-enters withdraw');
    expect(html).toContain('<h4>Recommendation</h4><p>Set balances[msg.sender] to 0');
  });

  it('escapes everything that comes from the audited code or the findings', () => {
    const evil = formatHtml(
      {
        ...REPORT,
        findings: [
          finding({
            message: 'owner is <script>alert(1)</script>',
            title: '"><img src=x onerror=alert(1)>',
            file: 'a<b>.sol',
          }),
        ],
      },
      {
        ...options,
        title: '</title><script>x()</script>',
        sources: () => 'a\nb\nc\nd\ne\nif (a < b && c > "d") {}',
      },
    );
    expect(evil).not.toContain('<script>');
    expect(evil).not.toContain('<img');
    expect(evil).toContain('owner is &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil).toContain('&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(evil).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(evil).toContain('<code>a&lt;b&gt;.sol:6</code>');
    expect(evil).toContain('if (a &lt; b &amp;&amp; c &gt; &quot;d&quot;) {}');
  });

  it('says so when there is nothing to report', () => {
    const empty = formatHtml({ files: 1, durationMs: 5, errors: [], findings: [] }, options);
    expect(empty).toContain('<p>No findings.</p>');
    expect(empty).not.toContain('<article');
  });
});
