import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LabelIndex } from '../../graph/labels/labelIndex.js';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';
import { runCli } from '../runCli.fixture.js';

/*
 * `argus labels import` on the real lists in ../shared/data, into a SQLite store. The per-source counts
 * are the importer's own on those snapshots (see src/graph/labels/importLabels.dataset.test.ts).
 */
const DATA = join(process.cwd(), '..', 'shared', 'data');
const SOURCES = [
  ['ofac', join(DATA, 'ofac-sanctioned'), 613],
  ['forta', join(DATA, 'forta-labelled', 'labels', '1'), 8005],
  ['cryptoscamdb', join(DATA, 'cryptoscamdb'), 4104],
  ['defihacklabs', join(DATA, 'defihacklabs'), 769],
] as const;
const present = SOURCES.every(([, path]) => existsSync(path));
if (!present) {
  console.warn(
    `[argus] skipping argus labels import on real lists: ${DATA} is absent (it comes with ../shared/data)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'argus-labels-data-'));
const configFile = join(dir, 'argus.config.yaml');
const storePath = join(dir, 'store.db');
writeFileSync(configFile, `store: { sqlite: { path: ${JSON.stringify(storePath)} } }\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe.skipIf(!present)('argus labels import on real lists (../shared/data)', () => {
  it('imports all four sources into the store, and a second import only updates', async () => {
    for (const [kind, path, expected] of SOURCES) {
      const { stdout } = await runCli(['--config', configFile, 'labels', 'import', kind, path, '--json']);
      expect(process.exitCode ?? 0).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ read: expected, inserted: expected, updated: 0 });
    }
    const again = await runCli([
      '--config',
      configFile,
      'labels',
      'import',
      'forta',
      SOURCES[1][1],
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 8005 });

    const store = openSqliteStore({ path: storePath });
    try {
      for (const [source, , expected] of SOURCES) expect(await store.labels.count({ source })).toBe(expected);
      expect(await store.labels.count({})).toBe(13491);
      expect(await store.labels.count({ chain: 'bitcoin', category: 'sanctions' })).toBe(437);
      expect(await store.labels.count({ chain: 'ethereum', category: 'phishing', source: 'forta' })).toBe(
        7076,
      );
      // Tornado Cash's router is on the OFAC list.
      const router = await store.labels.forAddress('ethereum', '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b');
      expect(router.map((l) => l.source)).toContain('ofac');

      const index = new LabelIndex();
      for await (const label of store.labels.all()) index.add(label);
      expect(index.size).toBe(13491);
      expect(index.countsBySource()).toEqual({
        ofac: 613,
        forta: 8005,
        cryptoscamdb: 4104,
        defihacklabs: 769,
      });
    } finally {
      await store.close();
    }
  });
});
