import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandWorkspaces, findManifests } from './findManifests.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'argus-find-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function touch(rel: string, content = '{}'): void {
  const file = join(root, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
}

describe('findManifests', () => {
  it('finds manifests but never enters node_modules, hidden folders, build output or Solidity lib folders', () => {
    touch('package.json');
    touch('package-lock.json');
    touch('node_modules/a/package.json');
    touch('.cache/x/yarn.lock', '');
    touch('out/pnpm-lock.yaml', '');
    touch('contracts/foundry.toml', '[profile.default]\nlibs = ["deps"]\n');
    touch('contracts/lib/openzeppelin-contracts/package.json');
    touch('contracts/deps/solady/package.json');
    touch('contracts/script/package.json');
    touch('web/pnpm-lock.yaml', '');
    const { dirs, truncated } = findManifests(root);
    expect(truncated).toBe(false);
    expect(dirs.map((d) => `${d.rel || '.'}: ${[...d.files].sort().join(' ')}`)).toEqual([
      '.: package-lock.json package.json',
      'contracts: foundry.toml',
      'web: pnpm-lock.yaml',
      'contracts/script: package.json',
    ]);
  });

  it('stops at the depth and directory limits and says so', () => {
    touch('a/b/c/package.json');
    expect(findManifests(root, { maxDepth: 2, maxDirs: 100 }).dirs).toEqual([]);
    expect(findManifests(root, { maxDepth: 8, maxDirs: 2 }).truncated).toBe(true);
  });
});

describe('expandWorkspaces', () => {
  it('expands * and ** segments and plain paths, ignoring negations and node_modules', () => {
    for (const d of ['packages/a', 'packages/b', 'apps/web', 'tools/x/y', 'packages/node_modules/z']) {
      mkdirSync(join(root, d), { recursive: true });
    }
    expect(expandWorkspaces(root, ['packages/*', 'apps/web', '!packages/b'])).toEqual([
      'apps/web',
      'packages/a',
      'packages/b',
    ]);
    expect(expandWorkspaces(root, ['tools/**'])).toEqual(['tools', 'tools/x', 'tools/x/y']);
    expect(expandWorkspaces(root, ['./packages/a*'])).toEqual(['packages/a']);
  });
});
