import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/**
 * Walks a project for the files the inventory reads. It never enters node_modules (a lockfile
 * already says what is installed there), hidden folders, build output, or a Solidity project's
 * library folders (the Solidity reader looks at those itself: their own lockfiles are the
 * libraries' development dependencies, not the project's).
 */

export const MANIFEST_FILES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'foundry.toml',
  'remappings.txt',
  '.gitmodules',
] as const;
export type ManifestFile = (typeof MANIFEST_FILES)[number];

export interface ManifestDir {
  /** Relative to the walk's root, '' for the root itself, always with forward slashes. */
  rel: string;
  files: Set<ManifestFile>;
}

const SKIP = new Set(['node_modules', 'out', 'cache', 'artifacts', 'typechain-types', 'coverage']);
const SOLIDITY_MARKERS: ManifestFile[] = ['foundry.toml', 'remappings.txt', '.gitmodules'];

export interface WalkLimits {
  maxDepth: number;
  maxDirs: number;
}

/** The library folders a Solidity project keeps its dependencies in (foundry.toml `libs`, else lib). */
function solidityLibs(dir: string, files: Set<ManifestFile>): string[] {
  if (!files.has('foundry.toml')) return ['lib'];
  try {
    const toml = parseToml(readFileSync(join(dir, 'foundry.toml'), 'utf8'));
    const profile = (toml.profile as Record<string, unknown> | undefined)?.default as
      | Record<string, unknown>
      | undefined;
    const libs = profile?.libs;
    if (Array.isArray(libs)) return ['lib', ...libs.filter((l): l is string => typeof l === 'string')];
  } catch {
    // The Solidity reader reports a malformed foundry.toml; the walk just keeps the default.
  }
  return ['lib'];
}

export function findManifests(
  root: string,
  limits: WalkLimits = { maxDepth: 8, maxDirs: 20_000 },
): { dirs: ManifestDir[]; truncated: boolean } {
  const dirs: ManifestDir[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let truncated = false;
  for (let i = 0; i < queue.length; i++) {
    if (i >= limits.maxDirs) {
      truncated = true;
      break;
    }
    const { dir, depth } = queue[i] as { dir: string; depth: number };
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const files = new Set<ManifestFile>();
    for (const e of entries) {
      if (e.isFile() && (MANIFEST_FILES as readonly string[]).includes(e.name))
        files.add(e.name as ManifestFile);
    }
    if (files.size > 0) dirs.push({ rel: relative(root, dir).split(sep).join('/'), files });
    if (depth >= limits.maxDepth) continue;
    const skipHere = SOLIDITY_MARKERS.some((m) => files.has(m))
      ? new Set(solidityLibs(dir, files).map((l) => l.replace(/^\.\//, '').replace(/\/+$/, '')))
      : new Set<string>();
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.') || SKIP.has(e.name) || skipHere.has(e.name)) continue;
      queue.push({ dir: join(dir, e.name), depth: depth + 1 });
    }
  }
  return { dirs, truncated };
}

/**
 * Workspace globs as npm and yarn write them (`packages/*`, `apps/web`): a `*` segment matches any
 * folder name, `**` any depth (up to four levels). Returns folders relative to `root`.
 */
export function expandWorkspaces(root: string, globs: readonly string[]): string[] {
  const out = new Set<string>();
  const expand = (base: string, segments: string[], depth: number) => {
    if (segments.length === 0) {
      out.add(base);
      return;
    }
    const [head, ...rest] = segments as [string, ...string[]];
    if (head === '**') {
      expand(base, rest, depth);
      if (depth < 4)
        for (const d of listDirs(join(root, base))) expand(joinRel(base, d), segments, depth + 1);
      return;
    }
    if (head.includes('*')) {
      const re = new RegExp(`^${head.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      for (const d of listDirs(join(root, base))) if (re.test(d)) expand(joinRel(base, d), rest, depth);
      return;
    }
    expand(joinRel(base, head), rest, depth);
  };
  for (const glob of globs) {
    if (glob.startsWith('!')) continue;
    expand('', glob.replace(/^\.\//, '').split('/').filter(Boolean), 0);
  }
  return [...out].sort();
}

function joinRel(base: string, name: string): string {
  return base ? `${base}/${name}` : name;
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'node_modules' && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch {
    return [];
  }
}
