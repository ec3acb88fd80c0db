import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntelDocumentDraft, IntelRejectedRecord, IntelSourceItem } from './intelSource.js';
import { collect } from './memoryCursors.fixture.js';
import { TextSource } from './textSource.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'text');
const signal = new AbortController().signal;
const T0 = new Date(Date.UTC(2024, 2, 1, 12));

function split(items: IntelSourceItem[]) {
  const documents: IntelDocumentDraft[] = [];
  const rejected: IntelRejectedRecord[] = [];
  for (const item of items) {
    if ('document' in item) documents.push(item.document);
    else if ('rejected' in item) rejected.push(item.rejected);
  }
  return { documents, rejected };
}

describe('TextSource', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'argus-text-'));
    await fs.cp(fixtures, dir, { recursive: true });
    // Fixed modification times, so dates and cursors do not depend on when the checkout happened.
    for (const f of [
      'notes/bad-date.md',
      'notes/reentrancy-checklist.txt',
      'postmortems/2024-02-bridge-replay.md',
      'postmortems/oracle-incident.md',
    ]) {
      await fs.utimes(join(dir, f), T0, T0);
    }
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads one document per file, dated by front matter or else by mtime; rejects a bad front matter date', async () => {
    const source = new TextSource({ path: dir });
    const { documents, rejected } = split(await collect(source.read(undefined, signal)));
    expect(documents.map((d) => [d.id, d.title, new Date(d.publishedAt).toISOString()])).toEqual([
      ['text:notes/reentrancy-checklist.txt#0', 'reentrancy-checklist.txt', T0.toISOString()],
      [
        'text:postmortems/2024-02-bridge-replay.md#0',
        'Bridge signature replay post-mortem',
        '2024-02-14T00:00:00.000Z',
      ],
      [
        'text:postmortems/oracle-incident.md#0',
        'Oracle manipulation on the lending market',
        '2023-11-03T15:45:00.000Z',
      ],
    ]);
    const bridge = documents[1] as IntelDocumentDraft;
    expect(bridge).toMatchObject({ source: 'text', kind: 'text', origin: dir, modifiedAt: T0.getTime() });
    expect(bridge.body.startsWith('Summary written by the on-call engineer')).toBe(true);
    expect(bridge.body).not.toContain('title: Bridge');
    expect(JSON.parse(bridge.raw)).toMatchObject({
      path: 'postmortems/2024-02-bridge-replay.md',
      frontMatter: { tags: ['bridge', 'signature-replay'] },
    });
    expect(rejected).toEqual([
      {
        source: `text:${dir}`,
        position: 'notes/bad-date.md',
        reason: 'front matter date "the week after the audit" is not a date',
      },
    ]);
  });

  it('splits Markdown at its top-level headings, not at headings inside code or of a lower level', async () => {
    const source = new TextSource({ path: join(dir, 'postmortems'), splitSections: true });
    const { documents } = split(await collect(source.read(undefined, signal)));
    expect(documents.map((d) => [d.id, d.title])).toEqual([
      ['text:2024-02-bridge-replay.md#0', 'Bridge signature replay post-mortem'],
      ['text:2024-02-bridge-replay.md#1', 'Timeline'],
      ['text:2024-02-bridge-replay.md#2', 'Root cause'],
      ['text:2024-02-bridge-replay.md#3', 'Remediation'],
      // Its headings start at "##": those are its top level.
      ['text:oracle-incident.md#0', 'What happened'],
      ['text:oracle-incident.md#1', 'Why'],
    ]);
    const rootCause = documents[2] as IntelDocumentDraft;
    expect(rootCause.body).toContain('# not a heading: this line is inside a code fence');
    expect(rootCause.body).toContain('## Contributing factors');
    expect(rootCause.publishedAt).toBe(Date.UTC(2024, 1, 14));
    expect(source.cursorKey).not.toBe(new TextSource({ path: join(dir, 'postmortems') }).cursorKey);
  });

  it('is incremental by mtime: unchanged files are skipped, touched and new ones read', async () => {
    const source = new TextSource({ path: dir });
    await collect(source.read(undefined, signal));
    const cursor = source.nextCursor() as string;
    expect(JSON.parse(cursor).at).toBe(T0.toISOString());

    expect(await collect(source.read(cursor, signal))).toEqual([]);

    const later = new Date(T0.getTime() + 60_000);
    await fs.utimes(join(dir, 'notes/reentrancy-checklist.txt'), later, later);
    // A file added with the very mtime of the cursor (an unpacked archive) is new all the same.
    await fs.writeFile(
      join(dir, 'notes/flash-loans.md'),
      '# Flash loans\n\nUncollateralised within one transaction.\n',
    );
    await fs.utimes(join(dir, 'notes/flash-loans.md'), T0, T0);
    const { documents } = split(await collect(source.read(cursor, signal)));
    expect(documents.map((d) => d.id)).toEqual([
      'text:notes/flash-loans.md#0',
      'text:notes/reentrancy-checklist.txt#0',
    ]);
    expect(documents[0]?.title).toBe('Flash loans');
    expect(JSON.parse(source.nextCursor() as string)).toEqual({
      at: later.toISOString(),
      ids: ['notes/reentrancy-checklist.txt'],
    });
  });

  it('rejects binary and oversized files and goes on', async () => {
    await fs.writeFile(join(dir, 'notes/blob.txt'), Buffer.from([0x50, 0x4b, 0x00, 0x01]));
    await fs.writeFile(join(dir, 'notes/huge.md'), 'x'.repeat(2_000));
    const { documents, rejected } = split(
      await collect(new TextSource({ path: join(dir, 'notes'), maxBytes: 1_000 }).read(undefined, signal)),
    );
    expect(documents.map((d) => d.id)).toEqual(['text:reentrancy-checklist.txt#0']);
    expect(rejected.map((r) => [r.position, r.reason])).toEqual([
      ['bad-date.md', 'front matter date "the week after the audit" is not a date'],
      ['blob.txt', 'looks binary (contains NUL bytes)'],
      ['huge.md', 'larger than 1000 bytes'],
    ]);
  });
});
