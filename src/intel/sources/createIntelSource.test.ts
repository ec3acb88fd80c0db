import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { createIntelSource } from './createIntelSource.js';
import { FakeSleeper } from './fakeSleeper.fixture.js';
import { FeedSource } from './feedSource.js';
import { collect } from './memoryCursors.fixture.js';
import { NvdSource } from './nvdSource.js';
import { OsvSource } from './osvSource.js';
import { TextSource } from './textSource.js';

function issuesOf(spec: string): string[] {
  try {
    createIntelSource(spec, { baseDir: '/srv' });
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error(`${spec} was accepted`);
}

describe('createIntelSource', () => {
  it('reads OSV and text specs, resolving relative paths against baseDir', () => {
    const osv = createIntelSource('osv:advisories/npm', { baseDir: '/srv' });
    expect(osv).toBeInstanceOf(OsvSource);
    expect((osv as OsvSource).options.path).toBe('/srv/advisories/npm');
    expect(osv.cursorKey).toBe('intel:osv:/srv/advisories/npm');

    const text = createIntelSource('text:/data/notes?splitSections=true') as TextSource;
    expect(text).toBeInstanceOf(TextSource);
    expect(text.options).toEqual({ path: '/data/notes', splitSections: true });
    expect((createIntelSource('TEXT:notes', { baseDir: '/srv' }) as TextSource).options).toEqual({
      path: '/srv/notes',
    });
  });

  it('reads NVD specs: online with parameters and the key from options, offline from a path', () => {
    const online = createIntelSource('nvd:?since=2024-01-01&resultsPerPage=500', {
      nvdApiKey: 'k',
    }) as NvdSource;
    expect(online).toBeInstanceOf(NvdSource);
    expect(online.options).toMatchObject({ since: Date.UTC(2024, 0, 1), resultsPerPage: 500, apiKey: 'k' });
    expect(online.options.path).toBeUndefined();
    expect((createIntelSource('nvd:') as NvdSource).options).toEqual({});

    const offline = createIntelSource('nvd:pages/nvdcve-2.0-modified.json.gz', {
      baseDir: '/srv',
    }) as NvdSource;
    expect(offline.options).toEqual({ path: '/srv/pages/nvdcve-2.0-modified.json.gz' });
  });

  it('reads feed specs, keeping a URL query string as part of the feed URL', () => {
    const url = createIntelSource('feed:https://blog.example/feed.xml?tag=security') as FeedSource;
    expect(url).toBeInstanceOf(FeedSource);
    expect(url.options.location).toBe('https://blog.example/feed.xml?tag=security');
    const file = createIntelSource('feed:saved/advisories.atom', { baseDir: '/srv' }) as FeedSource;
    expect(file.options.location).toBe('/srv/saved/advisories.atom');
  });

  it('passes the injected fetch and clock through to the sources that use the network', async () => {
    const sleeper = new FakeSleeper(Date.UTC(2024, 0, 1));
    const fake = (async () =>
      new Response(
        JSON.stringify({ resultsPerPage: 0, startIndex: 0, totalResults: 0, vulnerabilities: [] }),
        {
          status: 200,
        },
      )) as unknown as typeof fetch;
    const source = createIntelSource('nvd:', { fetch: fake, sleeper });
    expect(await collect(source.read(undefined, new AbortController().signal))).toEqual([]);
  });

  it('explains a bad spec', () => {
    expect(issuesOf('')).toEqual([': the source is empty']);
    expect(issuesOf('/data/advisories')).toEqual(['kind: the spec names no kind of source']);
    expect(issuesOf('cve:/data')).toEqual(['kind: unknown source kind "cve:"']);
    expect(issuesOf('osv:')).toEqual(['path: no OSV file or directory named']);
    expect(issuesOf('nvd:?since=yesterday')).toEqual(['since: expected a date such as 2024-01-01']);
    expect(issuesOf('nvd:?resultsPerPage=5000')[0]).toMatch(/^resultsPerPage: /);
    expect(issuesOf('nvd:?apiKey=abc')[0]).toMatch(/^apiKey: an API key does not belong in a source spec/);
    expect(issuesOf('nvd:?pages=2')).toEqual(['pages: unknown key (check its spelling)']);
    expect(issuesOf('nvd:saved.json?since=2024-01-01')).toEqual([
      'since: saved NVD pages take no parameters',
    ]);
    expect(issuesOf('feed:ftp://example.com/feed.xml')).toEqual([
      'url: expected an http(s) URL or a file, got ftp:',
    ]);
    expect(issuesOf('feed:')).toEqual(['path: no feed file named']);
    expect(issuesOf('text:notes?splitSections=maybe')[0]).toMatch(/^splitSections: /);
    const err = (() => {
      try {
        createIntelSource('rss:x');
      } catch (e) {
        return e;
      }
    })();
    expect((err as ValidationError).hint).toContain('feed:<http(s) URL or file>');
  });
});
