import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/core/config/schema.js';
import { EMPTY_POLICY } from '../src/respond/policy/policy.js';
import { createResponder } from '../src/respond/responder.js';
import { openSqliteStore } from '../src/store/sqlite/sqliteStore.js';
import { sampleAlert, silentLogger } from './support/testApp.js';
import { TSX_LOADER } from './support/tsxLoader.js';

const MAIN = resolve(import.meta.dirname, '../src/cli/main.ts');

function argus(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, ARGUS_CONFIG: '' },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'argus-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const POLICY = `
rules:
  - name: page on-call for critical
    match: { severity: critical }
    actions: [{ type: notify, channel: stdout }]
  - name: hold risky withdrawals
    match: { area: monitor, score: { gte: 0.8 } }
    actions: [{ type: hold-transfer }]
`;

describe('argus CLI', () => {
  it('config check names the key path and expected type of every error, exit 2', () => {
    const dir = workdir({ 'argus.config.yaml': 'server:\n  port: "eighty"\nstore:\n  driver: mysql\n' });
    const r = argus(dir, ['config', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('server.port: expected number, got string');
    expect(r.stderr).toMatch(/store\.driver: expected one of "sqlite", "postgres"/);

    const json = argus(dir, ['config', 'check', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors).toHaveLength(2);
  });

  it('config check reports YAML syntax errors with file:line:col, and accepts a good file', () => {
    const broken = workdir({ 'argus.config.yaml': 'server:\n  port: [7070\n' });
    const r = argus(broken, ['config', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argus\.config\.yaml:\d+:\d+/);

    const good = workdir({ 'argus.config.yaml': 'server:\n  port: 8080\n' });
    const ok = argus(good, ['config', 'check'], { ARGUS_LOG__LEVEL: 'warn' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('configuration is valid');
    expect(ok.stdout).toContain('ARGUS_LOG__LEVEL');
  });

  it('policy test prints which rules match, why, and what would fire', () => {
    const dir = workdir({
      'policy.yaml': POLICY,
      'alert.json': JSON.stringify(sampleAlert({ severity: 'critical' })),
    });
    const r = argus(dir, ['policy', 'test', 'alert.json', '--policy', 'policy.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MATCH\s+page on-call for critical/);
    expect(r.stdout).toMatch(/MATCH\s+hold risky withdrawals/);
    expect(r.stdout).toContain('"type":"hold-transfer"');

    const json = JSON.parse(
      argus(dir, ['policy', 'test', 'alert.json', '--policy', 'policy.yaml', '--json']).stdout,
    );
    expect(json.actions).toHaveLength(2);
  });

  it('policy test rejects a malformed alert with the field path, exit 2', () => {
    const dir = workdir({
      'policy.yaml': POLICY,
      'alert.json': JSON.stringify(sampleAlert({ score: 'high' })),
    });
    const r = argus(dir, ['policy', 'test', 'alert.json', '--policy', 'policy.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/score/);
  });

  it('lists, acknowledges and shows alerts in the store', async () => {
    const dir = workdir();
    const path = join(dir, 'argus.db');
    const store = openSqliteStore({ path });
    const responder = createResponder({
      store,
      config: ConfigSchema.parse({}).respond,
      policy: EMPTY_POLICY,
      logger: silentLogger,
    });
    const { alert } = await responder.pipeline.ingest(sampleAlert());
    await store.close();
    const env = { ARGUS_STORE__SQLITE__PATH: path };

    const list = argus(dir, ['alerts', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(alert.id);

    const ack = argus(dir, ['alerts', 'ack', alert.id, '--note', 'on it', '--by', 'alice'], env);
    expect(ack.code).toBe(0);
    const shown = JSON.parse(argus(dir, ['alerts', 'show', alert.id, '--json'], env).stdout);
    expect(shown.alert).toMatchObject({ status: 'acknowledged', statusBy: 'alice', statusNote: 'on it' });
    expect(shown.statusHistory).toHaveLength(1);

    const missing = argus(dir, ['alerts', 'show', 'alt_nope'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NOT_FOUND');
  });

  it('exits 2 on usage errors and 0 on --help', () => {
    const dir = workdir();
    expect(argus(dir, ['alerts', 'list', '--severity', 'urgent']).code).toBe(2);
    expect(argus(dir, ['alerts', 'frobnicate']).code).toBe(2);
    const help = argus(dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes');
  });
});
