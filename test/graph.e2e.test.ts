import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createArgusApp } from '../src/app.js';
import { ConfigSchema } from '../src/core/config/schema.js';
import { parsePolicy } from '../src/respond/policy/parsePolicy.js';
import { createApiKey } from '../src/server/apiKeys.js';
import { openSqliteStore } from '../src/store/sqlite/sqliteStore.js';
import { silentLogger } from './support/testApp.js';
import { TSX_LOADER } from './support/tsxLoader.js';

const MAIN = resolve(import.meta.dirname, '../src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'argus-graph-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const addr = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const EXPLOITER = addr(0xbad);
const MULE = addr(0x111);
const CASHOUT = addr(0x222);
const CUSTOMER = addr(0x333);

function argus(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', TSX_LOADER, MAIN, '--config', join(dir, 'argus.yaml'), ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ARGUS_CONFIG: '' },
      timeout: 60_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('graph across areas: labels → live monitor → stored graph → POST /v1/screen', () => {
  it('flags the transfers, keeps the graph in the store and screens from it over HTTP', async () => {
    writeFileSync(
      join(dir, 'argus.yaml'),
      [
        'store: { sqlite: { path: argus.db } }',
        'monitor: { stateDir: state }',
        'respond: { policyFile: policy.yaml }',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'policy.yaml'),
      'rules:\n  - name: page on exposure\n    match: { area: graph, severity: [high, critical] }\n    actions: [{ type: notify, channel: stdout }]\n',
    );
    const t0 = Date.UTC(2026, 0, 1);
    const lines = [
      { from: EXPLOITER, to: MULE, amount: 100, valueUsd: 300_000, time: t0 },
      { from: MULE, to: CASHOUT, amount: 99, valueUsd: 297_000, time: t0 + 60_000 },
      { from: CUSTOMER, to: CASHOUT, amount: 1, valueUsd: 3_000, time: t0 + 120_000, userId: 'u-7' },
    ].map((t, i) =>
      JSON.stringify({ chain: 'ethereum', txHash: `0x${(i + 1).toString(16)}`, asset: 'ETH', ...t }),
    );
    writeFileSync(join(dir, 'stream.jsonl'), `${lines.join('\n')}\n`);

    const store = openSqliteStore({ path: join(dir, 'argus.db') });
    await store.migrate();
    await store.labels.upsertMany([
      {
        chain: 'ethereum',
        address: EXPLOITER,
        category: 'hack',
        label: 'Example bridge exploiter',
        source: 'defihacklabs',
        sourceRef: 'incidents.csv:42',
        importedAt: new Date(t0).toISOString(),
      },
    ]);
    await store.close();

    const run = argus(['monitor', '--source', 'stream.jsonl', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.graph).toMatchObject({
      added: 3,
      directAlerts: 1,
      indirectAlerts: 1,
      counterpartyAlerts: 1,
    });

    const config = ConfigSchema.parse({
      store: { sqlite: { path: join(dir, 'argus.db') } },
      server: { port: 0 },
    });
    const app = await createArgusApp({
      config,
      baseDir: dir,
      policy: parsePolicy(parse('rules: []'), 'test', config.respond),
      logger: silentLogger,
    });
    try {
      const alerts = await app.store.alerts.list({ area: ['graph'], limit: 10 });
      expect(alerts.items.map((a) => a.detector).sort()).toEqual([
        'graph.counterparty-exposure',
        'graph.direct-exposure',
        'graph.indirect-exposure',
      ]);
      const paid = alerts.items.find((a) => a.detector === 'graph.counterparty-exposure');
      expect(paid).toMatchObject({ subject: { id: CUSTOMER }, context: { userId: 'u-7' } });
      const actions = await app.store.actions.list({ limit: 10 });
      expect(actions.items.length).toBeGreaterThan(0);

      const { key } = await createApiKey(app.store.apiKeys, 'e2e');
      const response = await app.server.inject({
        method: 'POST',
        url: '/v1/screen',
        headers: { authorization: `Bearer ${key}` },
        payload: { address: CASHOUT.toUpperCase().replace('0X', '0x') },
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.graph).toMatchObject({ nodes: 4, edges: 3 });
      expect(body.result.riskScore).toBeGreaterThan(0.5);
      expect(body.result.indirect[0]).toMatchObject({ source: EXPLOITER, hops: 2 });
      expect(body.result.indirect[0].paths[0].nodes).toEqual([EXPLOITER, MULE, CASHOUT]);

      const bad = await app.server.inject({
        method: 'POST',
        url: '/v1/screen',
        headers: { authorization: `Bearer ${key}` },
        payload: { address: '0x12', chain: 'ethereum' },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
