import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FeedEntry, FeedFormatError, parseFeed } from './feedParse.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'feeds', name), 'utf8');
const NOW = Date.UTC(2024, 2, 20);

function ok(entries: ReturnType<typeof parseFeed>['entries']): FeedEntry[] {
  return entries.flatMap((e) => (e.ok ? [e.entry] : []));
}

describe('parseFeed', () => {
  it('reads RSS 2.0 items: guid, link, text without markup, RFC 822 dates; rejects a bad date', () => {
    const feed = parseFeed(fixture('security-blog.rss.xml'), NOW);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Chain Security Weekly');
    const entries = ok(feed.entries);
    expect(entries.map((e) => e.id)).toEqual([
      'https://chainsec.example/posts/lending-pool-oracle-manipulation',
      'chainsec-post-2291',
      // No guid: the link stands in.
      'https://chainsec.example/posts/permit2-drainers',
    ]);
    const [oracle, bridge] = entries as [FeedEntry, FeedEntry];
    // content:encoded is preferred to description; the script is gone, the entities decoded.
    expect(oracle.body).toContain('Losses: about $11.6 million.');
    expect(oracle.body).toContain('Root cause\n\nThe lending market read getReserves() directly');
    expect(oracle.body).toContain('Use a time-weighted oracle\nCap borrow per block');
    expect(oracle.body).not.toContain('trackView');
    expect(oracle.publishedAt).toBe(Date.UTC(2024, 2, 14, 9, 30));
    expect(bridge.title).toBe('Bridge validator keys & signature replay across chains');
    expect(bridge.body).toBe(
      'Signed withdrawal messages did not include the chain id, so a signature valid on one chain could be replayed on another. Always bind EIP-712 domains to chainId.',
    );
    expect(bridge.publishedAt).toBe(Date.UTC(2024, 2, 12, 21, 5));
    expect(feed.entries[2]).toEqual({
      ok: false,
      position: 'item 3',
      reason: 'pubDate "sometime last week" is not an RFC 822 date',
    });
  });

  it('reads Atom entries: html, text and xhtml constructs, alternate links, published and updated', () => {
    const feed = parseFeed(fixture('advisories.atom.xml'), NOW);
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Protocol Security Advisories');
    const [vault, permit] = ok(feed.entries) as [FeedEntry, FeedEntry];
    expect(vault).toMatchObject({
      id: 'tag:advisories.example,2024:17',
      title: 'Access control bypass in Vault.setFeeRecipient',
      link: 'https://advisories.example/2024/vault-access-control',
      publishedAt: Date.UTC(2024, 2, 15, 13),
      modifiedAt: Date.UTC(2024, 2, 16, 9, 12, 30),
    });
    // Content wins over summary; "&amp;amp;" in escaped HTML is a literal ampersand.
    expect(vault.body).toBe(
      'The function setFeeRecipient lacked the onlyOwner modifier. Any account could redirect fees & drain accrued rewards.\n\nFixed in v2.3.1.',
    );
    expect(permit.link).toBe('https://advisories.example/2024/permit-malleability');
    expect(permit.body).toBe(
      'ECDSA signatures with a high s value were accepted, so a used permit could be replayed in its malleated form.',
    );
    expect(permit.publishedAt).toBe(permit.modifiedAt);
    expect(feed.entries[2]).toMatchObject({
      ok: false,
      reason: 'updated "next Tuesday" is not an RFC 3339 date',
    });
  });

  it('gives an undated RSS item the channel date, and keeps CDATA text as written', () => {
    const xml = `<rss version="2.0"><channel><title>t</title><pubDate>Sun, 10 Mar 2024 00:00:00 GMT</pubDate>
      <item><title>No date</title><description><![CDATA[Use &lt;b&gt; carefully & <i>often</i>]]></description></item>
    </channel></rss>`;
    const [entry] = ok(parseFeed(xml, NOW).entries);
    expect(entry?.publishedAt).toBe(Date.UTC(2024, 2, 10));
    expect(entry?.dated).toBe(false);
    expect(entry?.body).toBe('Use <b> carefully & often');
    expect(entry?.id).toMatch(/^hash:[0-9a-f]{16}$/);
  });

  it('refuses what is not a feed, and XML that is not well-formed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>', NOW)).toThrow(/root element is <html>/);
    expect(() => parseFeed('<rss><channel><item></channel></rss>', NOW)).toThrow(FeedFormatError);
  });

  it('bounds entity expansion in a hostile DOCTYPE', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
      <rss version="2.0"><channel><item><title>${'&d;'.repeat(2000)}</title></item></channel></rss>`;
    // Nested entities are not expanded into the megabytes the DOCTYPE asks for.
    const feed = parseFeed(lol, NOW);
    expect(JSON.stringify(feed).length).toBeLessThan(100_000);
  });
});
