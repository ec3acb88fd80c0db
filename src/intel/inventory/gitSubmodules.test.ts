import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGitmodules, readSubmoduleHead, repoName } from './gitSubmodules.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const TAG_OBJECT = 'c'.repeat(40);

describe('parseGitmodules', () => {
  it('reads path, url and branch of every submodule', () => {
    const text = [
      '[submodule "lib/forge-std"]',
      '\tpath = lib/forge-std',
      '\turl = https://github.com/foundry-rs/forge-std',
      '[submodule "openzeppelin"]',
      '  path = lib/openzeppelin-contracts',
      '  url = git@github.com:OpenZeppelin/openzeppelin-contracts.git',
      '  branch = release-v4.9',
      '[core]',
      '  path = ignored',
    ].join('\n');
    expect(parseGitmodules(text)).toEqual([
      { name: 'lib/forge-std', path: 'lib/forge-std', url: 'https://github.com/foundry-rs/forge-std' },
      {
        name: 'openzeppelin',
        path: 'lib/openzeppelin-contracts',
        url: 'git@github.com:OpenZeppelin/openzeppelin-contracts.git',
        branch: 'release-v4.9',
      },
    ]);
  });

  it('names repositories the same whatever the URL form', () => {
    for (const url of [
      'https://github.com/OpenZeppelin/openzeppelin-contracts',
      'https://github.com/OpenZeppelin/openzeppelin-contracts.git',
      'git@github.com:OpenZeppelin/openzeppelin-contracts.git',
      'ssh://git@github.com/OpenZeppelin/openzeppelin-contracts',
    ]) {
      expect(repoName(url)).toBe('github.com/openzeppelin/openzeppelin-contracts');
    }
  });
});

describe('readSubmoduleHead', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'argus-gitmeta-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A submodule checkout as git lays it out: lib/x/.git is a file pointing into .git/modules/lib/x. */
  function submodule(head: string, packedRefs?: string): string {
    const checkout = join(root, 'lib', 'x');
    const gitDir = join(root, '.git', 'modules', 'lib', 'x');
    mkdirSync(checkout, { recursive: true });
    mkdirSync(gitDir, { recursive: true });
    writeFileSync(join(checkout, '.git'), 'gitdir: ../../.git/modules/lib/x\n');
    writeFileSync(join(gitDir, 'HEAD'), `${head}\n`);
    if (packedRefs) writeFileSync(join(gitDir, 'packed-refs'), packedRefs);
    return checkout;
  }

  it('reads a detached HEAD and the tag on it, peeling annotated tags', () => {
    const checkout = submodule(
      A,
      `# pack-refs with: peeled fully-peeled sorted\n${B} refs/tags/v1.7.5\n${TAG_OBJECT} refs/tags/v1.7.6\n^${A}\n`,
    );
    expect(readSubmoduleHead(checkout)).toEqual({ commit: A, tag: 'v1.7.6' });
  });

  it('follows a symbolic HEAD through loose refs', () => {
    const checkout = submodule('ref: refs/heads/master');
    const refs = join(root, '.git', 'modules', 'lib', 'x', 'refs', 'heads');
    mkdirSync(refs, { recursive: true });
    writeFileSync(join(refs, 'master'), `${B}\n`);
    expect(readSubmoduleHead(checkout)).toEqual({ commit: B });
  });

  it('reads a checkout whose .git is a directory', () => {
    const checkout = join(root, 'plain');
    mkdirSync(join(checkout, '.git'), { recursive: true });
    writeFileSync(join(checkout, '.git', 'HEAD'), `${A}\n`);
    expect(readSubmoduleHead(checkout)).toEqual({ commit: A });
  });

  it('says why when there is nothing to read', () => {
    mkdirSync(join(root, 'empty'));
    expect(readSubmoduleHead(join(root, 'empty'))).toEqual({
      reason: 'no git metadata (submodule not initialised?)',
    });
    const checkout = submodule('ref: refs/heads/gone');
    expect(readSubmoduleHead(checkout).reason).toBe(
      'git HEAD "ref: refs/heads/gone" does not resolve to a commit',
    );
  });
});
