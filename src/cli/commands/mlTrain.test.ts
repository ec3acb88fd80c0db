import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triagedAlerts } from '../../monitor/feedback/feedbackAlerts.fixture.js';
import { loadFeedbackModel } from '../../monitor/feedback/feedbackModel.js';
import { openSqliteStore } from '../../store/sqlite/sqliteStore.js';

const MAIN = resolve(import.meta.dirname, '../main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dir = mkdtempSync(join(tmpdir(), 'argus-train-feedback-'));
const env = { ...process.env, ARGUS_CONFIG: '', ARGUS_STORE__SQLITE__PATH: join(dir, 'argus.db') };

function argus(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const store = openSqliteStore({ path: join(dir, 'argus.db') });
  const alerts = triagedAlerts(30, 90, 5);
  await store.pipeline.commitBatch(
    alerts.map((alert) => ({
      kind: 'new' as const,
      alert: { ...alert, status: 'open' as const },
      actions: [],
    })),
  );
  for (const alert of alerts) {
    await store.alerts.setStatus({
      alertId: alert.id,
      status: alert.status,
      by: 'analyst',
      at: alert.lastSeenAt,
    });
  }
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('argus ml train-feedback', () => {
  it('trains on the triaged alerts in the configured store and writes a loadable model', () => {
    const r = argus(['ml', 'train-feedback', '--out', 'feedback.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('labels: 30 confirmed, 90 false positives');
    expect(r.stdout).toMatch(/cross-validated average precision: 0\.\d{3} \(random ranking: 0\.250\)/);
    const model = loadFeedbackModel(JSON.parse(readFileSync(join(dir, 'feedback.json'), 'utf8')));
    expect(model.treeCount).toBeGreaterThan(0);
  });

  it('refuses with exit 2 and writes nothing when there are too few labels', () => {
    const r = argus(['ml', 'train-feedback', '--out', 'none.json', '--min-labels', '31', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/at least 31 confirmed .* have 30 and 90/);
    expect(existsSync(join(dir, 'none.json'))).toBe(false);
  });
});
