import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency } from './dependency.js';
import { parsePackageJson } from './packageJson.js';
import { readPackageLock, resolveFrom } from './packageLock.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const text = (...p: string[]) => readFileSync(join(FIXTURES, ...p), 'utf8');
const brief = (deps: Dependency[]) =>
  deps
    .map(
      (d) =>
        `${d.name}@${d.version}${d.direct ? ' direct' : ''}${d.dev ? ' dev' : ''}${d.via ? ` via ${d.via.join('>')}` : ''}`,
    )
    .sort();

describe('readPackageLock', () => {
  it('v1: flattens the nested tree, resolves aliases, and takes direct dependencies from package.json', () => {
    const manifest = parsePackageJson(text('npm-v1', 'package.json'));
    const r = readPackageLock(text('npm-v1', 'package-lock.json'), 'package-lock.json', manifest);
    expect(r.format).toBe('package-lock v1');
    expect(r.warnings).toEqual([]);
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts@2.5.1 direct',
      '@openzeppelin/contracts@3.4.0 direct',
      'body-parser@1.19.0 via express',
      'bytes@3.1.0 via express>body-parser',
      'debug@4.3.1 dev via mocha',
      'express@4.17.1 direct',
      'lodash@4.17.15 direct',
      'mocha@8.4.0 direct dev',
      'ms@2.1.2 dev via mocha>debug',
      'ms@2.1.3 dev via mocha',
      'qs@6.7.0 via express',
    ]);
    expect(r.dependencies.find((d) => d.version === '2.1.3')?.path).toBe(
      'package-lock.json#node_modules/mocha/node_modules/ms',
    );
  });

  it('v1 without package.json: top-level entries nothing requires are taken as direct', () => {
    const r = readPackageLock(text('npm-v1', 'package-lock.json'), 'package-lock.json');
    expect(
      r.dependencies
        .filter((d) => d.direct)
        .map((d) => `${d.name}@${d.version}`)
        .sort(),
    ).toEqual([
      '@openzeppelin/contracts@2.5.1',
      '@openzeppelin/contracts@3.4.0',
      'express@4.17.1',
      'lodash@4.17.15',
      'mocha@8.4.0',
    ]);
  });

  it('v2: reads the packages map (not the legacy tree) with nested node_modules', () => {
    const r = readPackageLock(text('hardhat', 'package-lock.json'), 'package-lock.json');
    expect(r.format).toBe('package-lock v2');
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts@4.7.0 direct',
      'hardhat@2.12.0 direct dev',
      'lodash@4.17.20 dev via hardhat',
      'lru-cache@6.0.0 dev via semver',
      'semver@6.3.0 dev via hardhat',
      'semver@7.3.8 direct dev',
      'yallist@4.0.0 dev via semver>lru-cache',
    ]);
  });

  it('v3 with workspaces: links are skipped, workspace dependencies are direct, aliases keep the real name', () => {
    const r = readPackageLock(text('npm-v3-workspaces', 'package-lock.json'), 'package-lock.json');
    expect(r.format).toBe('package-lock v3');
    expect(r.dependencies.some((d) => d.name.startsWith('@acme/'))).toBe(false);
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts-upgradeable@4.9.3 direct',
      '@openzeppelin/contracts@5.0.1 direct',
      'asynckit@0.4.0 via axios>form-data',
      'axios@1.6.0 direct',
      // packages/app pins an old follow-redirects in its own node_modules; axios gets the hoisted one.
      'follow-redirects@1.14.8 direct',
      'follow-redirects@1.15.3 via axios',
      'form-data@4.0.0 via axios',
      'proxy-from-env@1.1.0 via axios',
      'typescript@5.3.3 direct dev',
    ]);
    expect(r.dependencies.find((d) => d.version === '1.14.8')?.path).toBe(
      'package-lock.json#packages/app/node_modules/follow-redirects',
    );
  });

  it('warns about an entry without a version and throws on malformed JSON', () => {
    const lock = { lockfileVersion: 3, packages: { '': { dependencies: { a: '1' } }, 'node_modules/a': {} } };
    const r = readPackageLock(JSON.stringify(lock), 'package-lock.json');
    expect(r.dependencies).toEqual([
      {
        ecosystem: 'npm',
        name: 'a',
        version: undefined,
        direct: true,
        path: 'package-lock.json#node_modules/a',
      },
    ]);
    expect(r.warnings).toEqual(['node_modules/a: no version']);
    expect(() => readPackageLock('{"lockfileVersion": 3, "packages": {', 'package-lock.json')).toThrow(
      SyntaxError,
    );
    expect(() => readPackageLock('{"lockfileVersion": 3}', 'package-lock.json')).toThrow(/neither/);
  });
});

describe('resolveFrom', () => {
  const keys = new Set([
    'node_modules/a',
    'node_modules/a/node_modules/b',
    'node_modules/b',
    'node_modules/@s/c',
  ]);
  const has = (k: string) => keys.has(k);
  it('looks in the nearest node_modules first, then walks up to the root', () => {
    expect(resolveFrom('node_modules/a', 'b', has)).toBe('node_modules/a/node_modules/b');
    expect(resolveFrom('node_modules/@s/c', 'b', has)).toBe('node_modules/b');
    expect(resolveFrom('', '@s/c', has)).toBe('node_modules/@s/c');
    expect(resolveFrom('packages/app', 'a', has)).toBe('node_modules/a');
    expect(resolveFrom('node_modules/a', 'zzz', has)).toBeUndefined();
  });
});
