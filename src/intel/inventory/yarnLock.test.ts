import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dependency } from './dependency.js';
import { parsePackageJson } from './packageJson.js';
import { readYarnLock } from './yarnLock.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const text = (...p: string[]) => readFileSync(join(FIXTURES, ...p), 'utf8');
const brief = (deps: Dependency[]) =>
  deps
    .map(
      (d) =>
        `${d.name}@${d.version}${d.direct ? ' direct' : ''}${d.dev ? ' dev' : ''}${d.via ? ` via ${d.via.join('>')}` : ''}`,
    )
    .sort();

describe('readYarnLock', () => {
  it('classic v1: one entry per resolved block, aliases to the real package, direct from package.json', () => {
    const manifest = parsePackageJson(text('yarn-v1', 'package.json'));
    const r = readYarnLock(text('yarn-v1', 'yarn.lock'), 'yarn.lock', [manifest]);
    expect(r.format).toBe('yarn v1');
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts@3.4.2 direct',
      '@openzeppelin/contracts@4.8.1 direct',
      'async@2.6.4 direct dev',
      // lodash@^4.17.14 (from async) and lodash@^4.17.15 (direct) share one block.
      'lodash@4.17.19 direct',
      'minimist@1.2.5 via mkdirp',
      'mkdirp@0.5.5 direct',
    ]);
  });

  it('classic v1 without package.json: entries nothing depends on are the roots', () => {
    const r = readYarnLock(text('yarn-v1', 'yarn.lock'), 'yarn.lock', []);
    const direct = r.dependencies.filter((d) => d.direct).map((d) => d.name);
    expect(direct).toContain('async');
    expect(direct).not.toContain('lodash');
    expect(r.dependencies.find((d) => d.name === 'lodash')?.via).toEqual(['async']);
  });

  it('berry: resolution names the installed package, workspaces are roots, patch: entries resolve', () => {
    const manifest = parsePackageJson(text('yarn-berry', 'package.json'));
    const r = readYarnLock(text('yarn-berry', 'yarn.lock'), 'yarn.lock', [manifest]);
    expect(r.format).toBe('yarn berry (lockfile v8)');
    expect(r.dependencies.some((d) => d.name === 'berry-dapp')).toBe(false);
    expect(brief(r.dependencies)).toEqual([
      '@openzeppelin/contracts@5.0.1 direct',
      'ansi-regex@5.0.1 via string-width>strip-ansi',
      'emoji-regex@8.0.0 via string-width',
      'is-fullwidth-code-point@3.0.0 via string-width',
      // Declared as string-width-cjs: npm:string-width@^4.2.0.
      'string-width@4.2.3 direct',
      'strip-ansi@6.0.1 via string-width',
      // The patched build is what the workspace uses; the plain entry is only its base.
      'typescript@5.3.3',
      'typescript@5.3.3 direct dev',
    ]);
  });

  it('berry lockfiles from yarn 3 write ranges without the npm: protocol', () => {
    const lock = [
      '__metadata:',
      '  version: 6',
      '  cacheKey: 8',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  dependencies:',
      '    lodash: ^4.17.20',
      '  languageName: unknown',
      '  linkType: soft',
      '',
      '"lodash@npm:^4.17.20":',
      '  version: 4.17.21',
      '  resolution: "lodash@npm:4.17.21"',
      '  languageName: node',
      '  linkType: hard',
      '',
    ].join('\n');
    const r = readYarnLock(lock, 'yarn.lock', []);
    expect(r.format).toBe('yarn berry (lockfile v6)');
    expect(brief(r.dependencies)).toEqual(['lodash@4.17.21 direct']);
  });

  it('refuses a classic lockfile with merge conflict markers', () => {
    const conflicted = [
      '# yarn lockfile v1',
      '',
      '<<<<<<< HEAD',
      'a@^1.0.0:',
      '  version "1.0.0"',
      '=======',
      'a@^1.0.0:',
      '  version "1.1.0"',
      '>>>>>>> branch',
      '',
    ].join('\n');
    expect(() => readYarnLock(conflicted, 'yarn.lock', [])).toThrow(/merge conflicts/);
  });
});
