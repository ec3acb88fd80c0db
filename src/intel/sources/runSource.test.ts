import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IntelDocumentDraft, IntelSourceItem, IntelSourceReader } from './intelSource.js';
import { MemoryCursors } from './memoryCursors.fixture.js';
import { OsvSource } from './osvSource.js';
import { runSource } from './runSource.js';

function draft(n: number): IntelDocumentDraft {
  return {
    id: `text:doc${n}#0`,
    source: 'text',
    origin: 'test',
    kind: 'text',
    title: `doc ${n}`,
    body: '',
    publishedAt: n,
    modifiedAt: n,
    raw: '{}',
  };
}

/** Yields the scripted items; its cursor is the count of documents read, after the cursor it was given. */
class ScriptedSource implements IntelSourceReader {
  readonly name = 'scripted';
  readonly cursorKey = 'intel:scripted';
  private next: string | undefined;
  constructor(
    private readonly items: IntelSourceItem[],
    private readonly onItem?: (index: number) => void,
  ) {}
  async *read(cursor: string | undefined): AsyncGenerator<IntelSourceItem> {
    this.next = cursor;
    let i = 0;
    for (const item of this.items) {
      this.onItem?.(i++);
      yield item;
    }
    this.next = `after-${this.items.filter((x) => 'document' in x).length}`;
  }
  nextCursor() {
    return this.next;
  }
}

describe('runSource', () => {
  it('hands documents to the sink in batches and saves the cursor only after the last batch', async () => {
    const log: string[] = [];
    const cursors = new MemoryCursors();
    const origSet = cursors.set.bind(cursors);
    cursors.set = async (key, cursor, at) => {
      log.push(`save ${cursor}`);
      await origSet(key, cursor, at);
    };
    const rejects: string[] = [];
    const items: IntelSourceItem[] = [
      ...[1, 2, 3].map((n) => ({ document: draft(n) })),
      { rejected: { source: 'scripted', position: 'item 4', reason: 'bad date' } },
      ...[5, 6].map((n) => ({ document: draft(n) })),
    ];
    const result = await runSource(
      new ScriptedSource(items),
      cursors,
      async (docs) => {
        log.push(`sink ${docs.map((d) => d.title.slice(4)).join(',')}`);
      },
      { batchSize: 2, now: () => 42, onReject: (r) => rejects.push(r.position) },
    );
    expect(log).toEqual(['sink 1,2', 'sink 3,5', 'sink 6', 'save after-5']);
    expect(result).toEqual({
      documents: 5,
      rejected: 1,
      batches: 3,
      cursor: 'after-5',
      cursorSaves: 1,
      aborted: false,
    });
    expect(rejects).toEqual(['item 4']);
    expect(cursors.saves).toEqual([{ key: 'intel:scripted', cursor: 'after-5', at: 42 }]);
  });

  it('keeps the old cursor when the sink fails, so the next run reads the same documents again', async () => {
    const cursors = new MemoryCursors();
    await cursors.set('intel:scripted', 'before', 1);
    const items = [1, 2, 3].map((n) => ({ document: draft(n) }));
    let calls = 0;
    const failing = runSource(
      new ScriptedSource(items),
      cursors,
      async () => {
        calls += 1;
        if (calls === 2) throw new Error('disk full');
      },
      { batchSize: 2 },
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(cursors.cursors.get('intel:scripted')).toBe('before');

    const stored: string[] = [];
    const retry = await runSource(new ScriptedSource(items), cursors, async (docs) => {
      stored.push(...docs.map((d) => d.id));
    });
    expect(stored).toEqual(['text:doc1#0', 'text:doc2#0', 'text:doc3#0']);
    expect(retry.cursor).toBe('after-3');
  });

  it('saves a checkpoint once the documents before it are stored, and keeps it when the source fails later', async () => {
    const cursors = new MemoryCursors();
    const stored: string[] = [];
    const items: IntelSourceItem[] = [
      { document: draft(1) },
      { checkpoint: 'window-1' },
      { document: draft(2) },
      { document: draft(3) },
    ];
    const run = runSource(
      new ScriptedSource(items, (i) => {
        if (i === 3) {
          expect(cursors.cursors.get('intel:scripted')).toBe('window-1');
          expect(stored).toEqual(['text:doc1#0']);
          throw new Error('connection reset');
        }
      }),
      cursors,
      async (docs) => {
        stored.push(...docs.map((d) => d.id));
      },
    );
    await expect(run).rejects.toThrow('connection reset');
    expect(cursors.cursors.get('intel:scripted')).toBe('window-1');
  });

  it('stores what was read before an abort but does not move the cursor past it', async () => {
    const cursors = new MemoryCursors();
    const controller = new AbortController();
    const stored: string[] = [];
    const items = [1, 2, 3].map((n) => ({ document: draft(n) }));
    const result = await runSource(
      new ScriptedSource(items, (i) => {
        if (i === 2) controller.abort();
      }),
      cursors,
      async (docs) => {
        stored.push(...docs.map((d) => d.id));
      },
      { signal: controller.signal },
    );
    expect(result.aborted).toBe(true);
    expect(stored).toHaveLength(3);
    expect(cursors.saves).toEqual([]);
  });

  it('runs an OSV directory incrementally: the second run reads nothing and saves nothing', async () => {
    const cursors = new MemoryCursors();
    const source = new OsvSource({ path: join(import.meta.dirname, 'fixtures', 'osv') });
    const sink = async () => {};
    const first = await runSource(source, cursors, sink);
    expect(first.documents).toBe(3);
    expect(cursors.saves).toHaveLength(1);
    const second = await runSource(source, cursors, sink);
    expect(second).toMatchObject({ documents: 0, batches: 0, cursorSaves: 0 });
    expect(cursors.saves).toHaveLength(1);
  });
});
