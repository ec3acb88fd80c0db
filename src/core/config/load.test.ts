import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgusError, ValidationError } from '../errors.js';
import { loadConfig } from './load.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'argus-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('loadConfig', () => {
  it('fills every default when there is no file', () => {
    const { config, file } = loadConfig({ cwd: dirWith({}), env: {} });
    expect(file).toBeUndefined();
    expect(config.store.driver).toBe('sqlite');
    expect(config.server.port).toBe(7070);
    expect(config.respond.dedupeWindowMs).toBe(600_000);
  });

  it('finds argus.config.yaml, then .json, and resolves relative paths against its folder', () => {
    const dir = dirWith({ 'argus.config.json': '{"server": {"port": 9000}}' });
    const loaded = loadConfig({ cwd: dir, env: {} });
    expect(loaded.config.server.port).toBe(9000);
    expect(loaded.baseDir).toBe(dir);
  });

  it('lets ARGUS_ variables override the file, in camel case', () => {
    const dir = dirWith({ 'argus.config.yaml': 'server:\n  port: 9000\n' });
    const loaded = loadConfig({
      cwd: dir,
      env: {
        ARGUS_SERVER__PORT: '9100',
        ARGUS_SERVER__RATE_LIMIT__MAX: '5',
        ARGUS_INTEL__NVD_API_KEY: 'secret-key',
        ARGUS_UNRELATED: 'x',
        ARGUS_CONFIG: '',
      },
    });
    expect(loaded.config.server.port).toBe(9100);
    expect(loaded.config.server.rateLimit.max).toBe(5);
    expect(loaded.config.intel.nvdApiKey).toBe('secret-key');
    expect([...loaded.envVariables].sort()).toEqual([
      'ARGUS_INTEL__NVD_API_KEY',
      'ARGUS_SERVER__PORT',
      'ARGUS_SERVER__RATE_LIMIT__MAX',
    ]);
  });

  it('names the key path and expected type of every error at once', () => {
    const dir = dirWith({
      'argus.config.yaml': [
        'server:',
        '  port: "eighty"',
        '  prot: 1',
        'store:',
        '  driver: mysql',
        'respond:',
        '  webhooks:',
        '    ops: { url: "ftp://x", secret: short }',
      ].join('\n'),
    });
    const issues = issuesOf(() => loadConfig({ cwd: dir, env: {} }));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['server.port']).toBe('expected number, got string');
    expect(byPath['server.prot']).toMatch(/unknown key/);
    expect(byPath['store.driver']).toMatch(/expected one of "sqlite", "postgres", got "mysql"/);
    expect(byPath['respond.webhooks.ops.url']).toBeDefined();
    expect(byPath['respond.webhooks.ops.secret']).toMatch(/16 characters/);
  });

  it('reports YAML syntax errors with file, line and column', () => {
    const dir = dirWith({ 'argus.config.yaml': 'server:\n  port: [1\n' });
    try {
      loadConfig({ cwd: dir, env: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ArgusError);
      expect((error as ArgusError).code).toBe('CONFIG_UNREADABLE');
      expect((error as Error).message).toMatch(/argus\.config\.yaml:\d+:\d+: /);
    }
  });

  it('rejects a document that is not a mapping', () => {
    const dir = dirWith({ 'argus.config.yaml': '- a\n- b\n' });
    expect(issuesOf(() => loadConfig({ cwd: dir, env: {} }))[0]?.message).toMatch(/expected a mapping/);
  });
});
