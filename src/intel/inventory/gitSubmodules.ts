import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Git submodules without running git: `.gitmodules` says where each one lives and where it came
 * from, and the submodule's own git directory (`lib/x/.git`, usually a file pointing into the
 * superproject's `.git/modules/lib/x`) says which commit is checked out, which is the code that
 * gets compiled. A tag pointing at that commit is the closest thing to a version.
 */
export interface Submodule {
  name: string;
  path: string;
  url?: string;
  branch?: string;
}

export interface SubmoduleHead {
  commit?: string;
  /** A tag on the checked-out commit (`v1.9.4`), when one is recorded. */
  tag?: string;
  /** Why the commit could not be read. */
  reason?: string;
}

export function parseGitmodules(text: string): Submodule[] {
  const modules: Submodule[] = [];
  let current: Submodule | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[submodule\s+"(.+)"\]$/.exec(line);
    if (section) {
      current = { name: section[1] as string, path: section[1] as string };
      modules.push(current);
      continue;
    }
    if (line.startsWith('[')) {
      current = undefined;
      continue;
    }
    const kv = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(line);
    if (!current || !kv) continue;
    const key = (kv[1] as string).toLowerCase();
    const value = (kv[2] as string).trim();
    if (key === 'path') current.path = value;
    else if (key === 'url') current.url = value;
    else if (key === 'branch') current.branch = value;
  }
  return modules;
}

/** `https://github.com/foundry-rs/forge-std.git`, `git@github.com:foundry-rs/forge-std` → `github.com/foundry-rs/forge-std`. */
export function repoName(url: string): string {
  return url
    .trim()
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]+@([^:/]+):/, '$1/')
    .replace(/^[^@/]+@/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git directory of a checkout: `.git` itself, or the directory a `.git` file points to. */
function gitDirOf(checkout: string): string | undefined {
  const dotGit = join(checkout, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const pointer = /^gitdir:\s*(.+)$/m.exec(readText(dotGit) ?? '');
  return pointer ? resolve(checkout, (pointer[1] as string).trim()) : undefined;
}

/** Loose refs first, then packed-refs; annotated tags are peeled through the `^` lines. */
function refsOf(gitDir: string): Map<string, string> {
  const refs = new Map<string, string>();
  let last: string | undefined;
  for (const line of (readText(join(gitDir, 'packed-refs')) ?? '').split(/\r?\n/)) {
    if (line.startsWith('^') && last) {
      refs.set(last, line.slice(1).trim());
      continue;
    }
    const m = /^([0-9a-f]{40,64})\s+(refs\/\S+)$/.exec(line.trim());
    last = m ? (m[2] as string) : undefined;
    if (m) refs.set(m[2] as string, m[1] as string);
  }
  const walk = (dir: string, prefix: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${entry}/`);
      else {
        const sha = readText(full)?.trim();
        if (sha && SHA.test(sha)) refs.set(`${prefix}${entry}`, sha);
      }
    }
  };
  walk(join(gitDir, 'refs'), 'refs/');
  return refs;
}

/** The commit checked out in a submodule (or any checkout) and a tag on it, read from its git files. */
export function readSubmoduleHead(checkout: string): SubmoduleHead {
  const gitDir = gitDirOf(checkout);
  if (!gitDir) return { reason: 'no git metadata (submodule not initialised?)' };
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (!head) return { reason: 'git HEAD unreadable' };
  // A worktree's refs live in the common directory it names.
  const common = readText(join(gitDir, 'commondir'))?.trim();
  const refs = refsOf(common ? resolve(gitDir, common) : gitDir);
  let commit: string | undefined;
  if (SHA.test(head)) commit = head;
  else if (head.startsWith('ref:')) commit = refs.get(head.slice(4).trim());
  if (!commit) return { reason: `git HEAD "${head}" does not resolve to a commit` };
  const tags = [...refs.entries()]
    .filter(([ref, sha]) => ref.startsWith('refs/tags/') && sha === commit)
    .map(([ref]) => ref.slice('refs/tags/'.length))
    .sort();
  return { commit, ...(tags.length ? { tag: tags[tags.length - 1] as string } : {}) };
}
