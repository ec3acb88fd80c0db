import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { ArgusError } from '../../core/errors.js';
import type { Dependency, InventoryProblem, ReaderResult } from './dependency.js';
import { expandWorkspaces, findManifests, type WalkLimits } from './findManifests.js';
import { type PackageManifest, parsePackageJson } from './packageJson.js';
import { readPackageLock } from './packageLock.js';
import { readPnpmLock } from './pnpmLock.js';
import type { Remapping } from './remappings.js';
import { readSolidityProject } from './solidityDeps.js';
import { readYarnLock } from './yarnLock.js';

export type { Dependency, Ecosystem, InventoryProblem } from './dependency.js';

/** One dependency after de-duplication: every place it was found. */
export interface InventoryDependency extends Dependency {
  paths: string[];
}

/** A line per manifest read: what it is and how many dependencies it gave. */
export interface ManifestRead {
  path: string;
  format: string;
  dependencies: number;
  note?: string;
}

export interface Inventory {
  dir: string;
  dependencies: InventoryDependency[];
  manifests: ManifestRead[];
  /** Files that could not be read at all, with the reason. */
  problems: InventoryProblem[];
  /** Files that were read but had something missing (an entry without a version, an unknown lib version). */
  warnings: string[];
  remappings: (Remapping & { provider?: string })[];
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] || error.name : String(error);
}

function relPath(dirRel: string, file: string): string {
  return dirRel ? `${dirRel}/${file}` : file;
}

function isAncestor(ancestor: string, rel: string): boolean {
  return ancestor === '' || rel === ancestor || rel.startsWith(`${ancestor}/`);
}

const key = (d: Dependency) => `${d.ecosystem}\u0000${d.name}\u0000${d.version ?? '?'}`;

/**
 * Merges the same package at the same version found in several places. It is dev-only when every
 * place that reaches it from the project says so; entries nothing reaches (a yarn patch's base, an
 * extraneous npm entry) carry no dev information and do not vote.
 */
function dedupe(all: Dependency[]): InventoryDependency[] {
  const merged = new Map<string, InventoryDependency>();
  const votes = new Map<string, { dev: number; prod: number }>();
  for (const d of all) {
    const k = key(d);
    const reached = d.direct || d.via !== undefined;
    const vote = votes.get(k) ?? { dev: 0, prod: 0 };
    if (reached || d.dev) vote[d.dev ? 'dev' : 'prod']++;
    votes.set(k, vote);
    const seen = merged.get(k);
    if (!seen) {
      merged.set(k, { ...d, paths: [d.path] });
      continue;
    }
    if (!seen.paths.includes(d.path)) seen.paths.push(d.path);
    seen.direct ||= d.direct;
    if (seen.direct) delete seen.via;
    else if (d.via && (!seen.via || d.via.length < seen.via.length)) seen.via = d.via;
    if (d.provides) seen.provides = [...new Set([...(seen.provides ?? []), ...d.provides])];
    seen.commit ??= d.commit;
    seen.declared ??= d.declared;
  }
  for (const [k, dep] of merged) {
    const vote = votes.get(k);
    if (vote && vote.dev > 0 && vote.prod === 0) dep.dev = true;
    else delete dep.dev;
  }
  return [...merged.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || (a.version ?? '').localeCompare(b.version ?? ''),
  );
}

/**
 * Finds and reads every manifest under `dir`: npm, yarn (classic and berry) and pnpm lockfiles,
 * package.json files no lockfile covers, and Foundry-style Solidity libraries. A file that cannot
 * be read is reported with the reason and the rest goes on. Throws only when `dir` itself is unusable.
 */
export function readInventory(dir: string, limits?: WalkLimits): Inventory {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ArgusError('INPUT_INVALID', `${dir} is not a directory`, {
      input: dir,
      hint: 'name the project folder that holds package.json, a lockfile or foundry.toml',
    });
  }
  const { dirs, truncated } = findManifests(root, limits);
  const all: Dependency[] = [];
  const manifests: ManifestRead[] = [];
  const problems: InventoryProblem[] = [];
  const warnings: string[] = [];
  const remappings: Inventory['remappings'] = [];
  if (truncated) warnings.push('stopped walking after the directory limit; some manifests may be missing');

  const packageJsons = new Map<string, PackageManifest | undefined>();
  const manifestAt = (rel: string): PackageManifest | undefined => {
    if (packageJsons.has(rel)) return packageJsons.get(rel);
    const file = relPath(rel, 'package.json');
    let manifest: PackageManifest | undefined;
    try {
      manifest = parsePackageJson(readFileSync(join(root, file), 'utf8'));
    } catch (error) {
      if (existsSync(join(root, file))) problems.push({ path: file, reason: reason(error) });
    }
    packageJsons.set(rel, manifest);
    return manifest;
  };

  const record = (path: string, read: () => ReaderResult, note?: string) => {
    try {
      const result = read();
      all.push(...result.dependencies);
      warnings.push(...result.warnings.map((w) => (w.startsWith(path) ? w : `${path}: ${w}`)));
      manifests.push({
        path,
        format: result.format,
        dependencies: result.dependencies.length,
        ...(note ? { note } : {}),
      });
      return true;
    } catch (error) {
      problems.push({ path, reason: reason(error) });
      return false;
    }
  };

  const lockDirs: string[] = [];
  const text = (file: string) => readFileSync(join(root, file), 'utf8');
  for (const { rel, files } of dirs) {
    const npmLock = files.has('npm-shrinkwrap.json')
      ? 'npm-shrinkwrap.json'
      : files.has('package-lock.json')
        ? 'package-lock.json'
        : undefined;
    let anyLock = false;
    if (npmLock) {
      const path = relPath(rel, npmLock);
      anyLock = record(path, () => readPackageLock(text(path), path, manifestAt(rel))) || anyLock;
    }
    if (files.has('yarn.lock')) {
      const path = relPath(rel, 'yarn.lock');
      const rootManifest = manifestAt(rel);
      // Classic yarn.lock does not name the workspaces' own dependencies; their package.json files do.
      const workspaceManifests = expandWorkspaces(join(root, rel), rootManifest?.workspaces ?? [])
        .map((ws) => manifestAt(relPath(rel, ws)))
        .filter((m): m is PackageManifest => m !== undefined);
      const yarnManifests = rootManifest ? [rootManifest, ...workspaceManifests] : workspaceManifests;
      anyLock = record(path, () => readYarnLock(text(path), path, yarnManifests)) || anyLock;
    }
    if (files.has('pnpm-lock.yaml')) {
      const path = relPath(rel, 'pnpm-lock.yaml');
      anyLock = record(path, () => readPnpmLock(text(path), path)) || anyLock;
    }
    if (anyLock) lockDirs.push(rel);
    if (files.has('foundry.toml') || files.has('remappings.txt') || files.has('.gitmodules')) {
      const prefix = rel ? `${rel}/` : '';
      try {
        const project = readSolidityProject(join(root, rel), prefix);
        all.push(...project.dependencies);
        warnings.push(...project.warnings);
        remappings.push(...project.remappings);
        manifests.push({
          path: project.files.join(', '),
          format: `solidity libraries (${project.libs.join(', ') || 'none'})`,
          dependencies: project.dependencies.length,
          ...(project.remappings.length ? { note: `${project.remappings.length} remappings` } : {}),
        });
      } catch (error) {
        problems.push({ path: relPath(rel, 'foundry.toml'), reason: reason(error) });
      }
    }
  }

  // A package.json no lockfile covers still says what the project wants; its versions stay
  // unknown unless pinned exactly, and the report says so rather than guessing from the range.
  for (const { rel, files } of dirs) {
    if (!files.has('package.json')) continue;
    const path = relPath(rel, 'package.json');
    const manifest = manifestAt(rel);
    if (!manifest) continue;
    const cover = lockDirs.filter((l) => isAncestor(l, rel)).sort((a, b) => b.length - a.length)[0];
    if (cover !== undefined) {
      const lockName = dirs.find((d) => d.rel === cover);
      const lockFile = lockName
        ? (['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'] as const).find((f) =>
            lockName.files.has(f),
          )
        : undefined;
      manifests.push({
        path,
        format: 'package.json',
        dependencies: manifest.declared.length,
        note: `versions from ${relPath(cover, lockFile ?? 'lockfile')}`,
      });
      continue;
    }
    for (const d of manifest.declared) {
      const exact = semver.valid(d.spec);
      all.push({
        ecosystem: 'npm',
        name: d.name,
        version: exact ?? undefined,
        direct: true,
        path: `${path}#${d.name}`,
        ...(exact ? {} : { declared: d.spec }),
        ...(d.dev ? { dev: true } : {}),
      });
    }
    manifests.push({
      path,
      format: 'package.json',
      dependencies: manifest.declared.length,
      note: 'no lockfile: ranges are not resolved to versions',
    });
  }

  const dependencies = dedupe(all);
  // Remappings into node_modules name an npm package (or a whole scope), which a lockfile resolved.
  for (const r of remappings) {
    if (r.provider) continue;
    const m = /^(?:\.\/)?node_modules\/((?:@[^/]+)(?:\/[^/]+)?|[^@/][^/]*)\/?/.exec(r.target);
    if (!m) continue;
    const target = m[1] as string;
    const scopeOnly = target.startsWith('@') && !target.includes('/');
    const providers = dependencies.filter(
      (d) =>
        d.ecosystem === 'npm' &&
        d.direct &&
        (scopeOnly ? d.name.startsWith(`${target}/`) : d.name === target),
    );
    for (const pkg of providers) pkg.provides = [...new Set([...(pkg.provides ?? []), r.prefix])];
    if (providers.length) {
      r.provider = providers.map((p) => `${p.name}${p.version ? `@${p.version}` : ''}`).join(', ');
    }
  }
  return { dir: root, dependencies, manifests, problems, warnings, remappings };
}
