import { parse as parseYaml } from 'yaml';
import type { Dependency, ReaderResult } from './dependency.js';
import { dependencyChains } from './lockGraph.js';

/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x. The package keys changed shape:
 *   v5  `/name/1.2.3` and `/@scope/name/1.2.3_peer@1.0.0` (peers after `_`)
 *   v6  `/name@1.2.3(peer@1.0.0)`
 *   v9  `name@1.2.3(peer@1.0.0)`, with the dependency edges moved to `snapshots`
 * Importers (the root and each workspace) map a name to a version reference, which is either a
 * plain version (the key is built from the name), a full key (an alias), or `link:` (a workspace).
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECTIONS = ['dependencies', 'optionalDependencies', 'devDependencies'] as const;

/** Splits a package key into name and version, dropping the peer suffix. */
export function parsePnpmKey(key: string, major: number): { name: string; version: string } | undefined {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren >= 0) k = k.slice(0, paren);
  if (major < 6) {
    const underscore = k.indexOf('_');
    if (underscore >= 0) k = k.slice(0, underscore);
    const slash = k.lastIndexOf('/');
    if (slash <= 0) return undefined;
    return { name: k.slice(0, slash), version: k.slice(slash + 1) };
  }
  const at = k.indexOf('@', 1);
  if (at < 0) return undefined;
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}

export function readPnpmLock(text: string, file: string): ReaderResult {
  const doc: unknown = parseYaml(text);
  if (!isRecord(doc)) throw new Error('pnpm-lock.yaml is not a YAML mapping');
  const lockfileVersion = String(doc.lockfileVersion ?? '');
  const major = Number.parseInt(lockfileVersion, 10);
  if (!Number.isFinite(major)) throw new Error(`unknown lockfileVersion "${lockfileVersion}"`);
  const packages = isRecord(doc.packages) ? doc.packages : {};
  // v9 keeps resolution data in `packages` and the dependency graph in `snapshots`.
  const graph = major >= 9 && isRecord(doc.snapshots) ? doc.snapshots : packages;

  /**
   * Turns a version reference found under `name` into a graph key: a plain version is joined to the
   * name in the key shape of this lockfile version; an alias or a git/tarball dependency already is
   * the key. The first candidate present in the lockfile wins; links to workspaces give none.
   */
  const keyFor = (name: string, ref: string): string | undefined => {
    if (ref.startsWith('link:') || ref.startsWith('file:') || ref.startsWith('workspace:')) return undefined;
    const joined = major < 6 ? `/${name}/${ref}` : major < 9 ? `/${name}@${ref}` : `${name}@${ref}`;
    for (const candidate of [joined, ref, `/${ref}`]) if (Object.hasOwn(graph, candidate)) return candidate;
    return undefined;
  };

  /** Keys the importers list only under devDependencies (v9 no longer writes `dev: true`). */
  const devRoots = new Set<string>();
  const refsOf = (node: unknown, withDev: boolean, devInto?: Set<string>): string[] => {
    if (!isRecord(node)) return [];
    const out: string[] = [];
    for (const section of SECTIONS) {
      if (section === 'devDependencies' && !withDev) continue;
      const deps = node[section];
      if (!isRecord(deps)) continue;
      for (const [name, value] of Object.entries(deps)) {
        // v6+ importers write `{ specifier, version }`; v5 importers and all package entries a string.
        const ref = isRecord(value) ? value.version : value;
        const key =
          typeof ref === 'string' || typeof ref === 'number' ? keyFor(name, String(ref)) : undefined;
        if (!key) continue;
        out.push(key);
        if (section === 'devDependencies') devInto?.add(key);
      }
    }
    return out;
  };

  // Before v9 a single-project lockfile puts the root's dependencies at the top level.
  const importers = isRecord(doc.importers) ? Object.values(doc.importers) : [doc];
  const roots = importers.flatMap((imp) => refsOf(imp, true, devRoots));
  const prodRoots = new Set(importers.flatMap((imp) => refsOf(imp, false)));
  const names = new Map<string, string>();
  const nameOf = (key: string) => {
    let n = names.get(key);
    if (n === undefined) {
      n = parsePnpmKey(key, major)?.name ?? key;
      names.set(key, n);
    }
    return n;
  };
  const chains = dependencyChains({ roots, edges: (key) => refsOf(graph[key], false), name: nameOf });

  const warnings: string[] = [];
  const dependencies: Dependency[] = [];
  // In v9 one package (by `packages` key) may appear in several snapshots with different peers;
  // the graph keys are walked and each reported under its peer-free name@version.
  for (const key of Object.keys(graph)) {
    const paren = key.indexOf('(');
    const packageKey = paren > 0 ? key.slice(0, paren) : key;
    const entry = packages[packageKey] ?? graph[key];
    const info = isRecord(entry) ? entry : {};
    const parsed = parsePnpmKey(key, major);
    // Tarball and git dependencies keep their real name and version in the entry itself.
    const name = typeof info.name === 'string' ? info.name : parsed?.name;
    const version = typeof info.version === 'string' ? info.version : parsed?.version;
    if (!name) {
      warnings.push(`${key}: cannot tell the package name`);
      continue;
    }
    const chain = chains.get(key);
    dependencies.push({
      ecosystem: 'npm',
      name,
      version,
      direct: chain !== undefined && chain.length === 0,
      path: `${file}#${key}`,
      ...(chain && chain.length > 0 ? { via: chain } : {}),
      ...(info.dev === true || (devRoots.has(key) && !prodRoots.has(key)) ? { dev: true } : {}),
    });
  }
  return { format: `pnpm-lock v${lockfileVersion}`, dependencies, warnings };
}
