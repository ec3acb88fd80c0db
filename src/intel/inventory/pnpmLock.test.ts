import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency } from './dependency.js';
import { parsePnpmKey, readPnpmLock } from './pnpmLock.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const text = (...p: string[]) => readFileSync(join(FIXTURES, ...p), 'utf8');
const brief = (deps: Dependency[]) =>
  deps
    .map(
      (d) =>
        `${d.name}@${d.version}${d.direct ? ' direct' : ''}${d.dev ? ' dev' : ''}${d.via ? ` via ${d.via.join('>')}` : ''}`,
    )
    .sort();

describe('parsePnpmKey', () => {
  it.each([
    ['/lodash/4.17.21', 5, 'lodash', '4.17.21'],
    ['/@babel/core/7.20.0', 5, '@babel/core', '7.20.0'],
    ['/ws/8.11.0_bufferutil@4.0.7', 5, 'ws', '8.11.0'],
    ['/@openzeppelin/contracts@4.9.3', 6, '@openzeppelin/contracts', '4.9.3'],
    ['/ws@8.13.0(bufferutil@4.0.8)', 6, 'ws', '8.13.0'],
    ['ws@8.16.0(bufferutil@4.0.8)(utf-8-validate@6.0.3)', 9, 'ws', '8.16.0'],
    ['@openzeppelin/contracts@5.0.0-rc.0', 9, '@openzeppelin/contracts', '5.0.0-rc.0'],
  ])('%s (v%d) is %s %s', (key, major, name, version) => {
    expect(parsePnpmKey(key, major)).toEqual({ name, version });
  });
});

describe('readPnpmLock', () => {
  it('v6: top-level importer maps with specifier/version, peer suffixes in keys', () => {
    const r = readPnpmLock(text('pnpm-v6', 'pnpm-lock.yaml'), 'pnpm-lock.yaml');
    expect(r.format).toBe('pnpm-lock v6.0');
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts@4.9.3 direct',
      'bufferutil@4.0.8 via ws',
      'lodash@4.17.20 direct dev',
      'node-gyp-build@4.8.0 via ws>bufferutil',
      'ws@8.13.0 direct',
    ]);
  });

  it('v9: importers per workspace, snapshots for edges, aliases, links skipped, dev from importers', () => {
    const r = readPnpmLock(text('pnpm-v9', 'pnpm-lock.yaml'), 'pnpm-lock.yaml');
    expect(r.format).toBe('pnpm-lock v9.0');
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts-upgradeable@4.8.0 direct',
      // oz-legacy: npm:@openzeppelin/contracts@3.4.2
      '@openzeppelin/contracts@3.4.2 direct',
      '@openzeppelin/contracts@4.8.0 direct',
      'bufferutil@4.0.8 via ws',
      'node-gyp-build@4.8.0 via ws>bufferutil',
      'typescript@5.4.5 direct dev',
      'ws@8.16.0 direct',
    ]);
    expect(r.dependencies.find((d) => d.name === 'ws')?.path).toBe(
      'pnpm-lock.yaml#ws@8.16.0(bufferutil@4.0.8)',
    );
  });

  it('v5: /name/version keys, _peer suffixes, plain versions in the root maps', () => {
    const lock = [
      'lockfileVersion: 5.4',
      '',
      'specifiers:',
      '  ws: ^8.11.0',
      '  alias: npm:lodash@^4.17.21',
      '',
      'dependencies:',
      '  ws: 8.11.0_bufferutil@4.0.7',
      '  alias: /lodash/4.17.21',
      '',
      'packages:',
      '',
      '  /bufferutil/4.0.7:',
      '    resolution: {integrity: sha512-fixture}',
      '    dev: false',
      '',
      '  /lodash/4.17.21:',
      '    resolution: {integrity: sha512-fixture}',
      '    dev: false',
      '',
      '  /ws/8.11.0_bufferutil@4.0.7:',
      '    resolution: {integrity: sha512-fixture}',
      '    dependencies:',
      '      bufferutil: 4.0.7',
      '    dev: false',
      '',
    ].join('\n');
    const r = readPnpmLock(lock, 'pnpm-lock.yaml');
    expect(r.format).toBe('pnpm-lock v5.4');
    expect(brief(r.dependencies)).toEqual([
      'bufferutil@4.0.7 via ws',
      'lodash@4.17.21 direct',
      'ws@8.11.0 direct',
    ]);
  });

  it('non-registry packages keep their name and version in the entry', () => {
    const lock = [
      "lockfileVersion: '6.0'",
      'dependencies:',
      '  forge-std:',
      '    specifier: github:foundry-rs/forge-std#v1.7.6',
      '    version: github.com/foundry-rs/forge-std/ae570fec082bfe1c1f45b0acca4a2b4f84d345ce',
      'packages:',
      '  github.com/foundry-rs/forge-std/ae570fec082bfe1c1f45b0acca4a2b4f84d345ce:',
      '    resolution: {tarball: https://codeload.github.com/foundry-rs/forge-std/tar.gz/ae570fec082bfe1c1f45b0acca4a2b4f84d345ce}',
      '    name: forge-std',
      '    version: 1.7.6',
      '    dev: false',
      '',
    ].join('\n');
    expect(brief(readPnpmLock(lock, 'pnpm-lock.yaml').dependencies)).toEqual(['forge-std@1.7.6 direct']);
  });

  it('refuses a file without a lockfileVersion', () => {
    expect(() => readPnpmLock('packages: {}\n', 'pnpm-lock.yaml')).toThrow(/lockfileVersion/);
  });
});
