import type { Dependency, ReaderResult } from './dependency.js';
import { dependencyChains } from './lockGraph.js';
import { npmAlias, type PackageManifest } from './packageJson.js';

/**
 * package-lock.json and npm-shrinkwrap.json. v2 and v3 carry a flat `packages` map keyed by install
 * location (`node_modules/a/node_modules/b`, workspace folders); v1 only has the nested
 * `dependencies` tree, which is turned into the same location map so one resolver serves both.
 */

interface LockEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, unknown>;
  optionalDependencies?: Record<string, unknown>;
  peerDependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  /** v1 only: what this entry needs, by name. */
  requires?: Record<string, unknown>;
}

interface Location {
  name: string;
  version: string | undefined;
  dev: boolean;
  /** Names this entry depends on, resolved later by node's lookup rules. */
  needs: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keys(...maps: (Record<string, unknown> | undefined)[]): string[] {
  return maps.flatMap((m) => (isRecord(m) ? Object.keys(m) : []));
}

const NODE_MODULES = 'node_modules/';

/** The package name an install location holds (`node_modules/@scope/a` → `@scope/a`). */
function nameAt(location: string): string {
  return location.slice(location.lastIndexOf(NODE_MODULES) + NODE_MODULES.length);
}

/** Node's lookup: `<dir>/node_modules/<name>` from the requiring location up to the project root. */
export function resolveFrom(
  location: string,
  name: string,
  has: (key: string) => boolean,
): string | undefined {
  let dir = location;
  for (;;) {
    const candidate = dir ? `${dir}/${NODE_MODULES}${name}` : `${NODE_MODULES}${name}`;
    if (has(candidate)) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/');
    dir = cut < 0 ? '' : dir.slice(0, cut);
  }
}

/** v1 writes aliases as `npm:<real>@<version>`; the version of a git dependency is its URL. */
function v1Version(name: string, version: string | undefined): { name: string; version: string | undefined } {
  const alias = version ? npmAlias(version) : undefined;
  return alias ? { name: alias.name, version: alias.spec } : { name, version };
}

function flattenV1(tree: Record<string, unknown>, parent: string, into: Map<string, Location>): void {
  for (const [key, value] of Object.entries(tree)) {
    if (!isRecord(value)) continue;
    const entry = value as LockEntry;
    const location = parent ? `${parent}/${NODE_MODULES}${key}` : `${NODE_MODULES}${key}`;
    const { name, version } = v1Version(key, typeof entry.version === 'string' ? entry.version : undefined);
    into.set(location, { name, version, dev: entry.dev === true, needs: keys(entry.requires) });
    if (isRecord(entry.dependencies)) flattenV1(entry.dependencies, location, into);
  }
}

export function readPackageLock(text: string, file: string, manifest?: PackageManifest): ReaderResult {
  const json: unknown = JSON.parse(text);
  if (!isRecord(json)) throw new Error('not a JSON object');
  const lockfileVersion = typeof json.lockfileVersion === 'number' ? json.lockfileVersion : 1;
  const locations = new Map<string, Location>();
  /** Folders whose declared dependencies count as direct: the root and every workspace. */
  const importers: { location: string; needs: string[] }[] = [];
  const warnings: string[] = [];

  if (isRecord(json.packages)) {
    for (const [location, value] of Object.entries(json.packages)) {
      if (!isRecord(value)) continue;
      const entry = value as LockEntry;
      const declared = keys(entry.dependencies, entry.optionalDependencies, entry.peerDependencies);
      if (location === '' || !location.includes(NODE_MODULES)) {
        importers.push({ location, needs: [...declared, ...keys(entry.devDependencies)] });
        continue;
      }
      // A link points at a workspace folder, which is the project's own code, not a dependency.
      if (entry.link === true) continue;
      const version = typeof entry.version === 'string' ? entry.version : undefined;
      if (!version) warnings.push(`${location}: no version`);
      locations.set(location, {
        name: typeof entry.name === 'string' ? entry.name : nameAt(location),
        version,
        dev: entry.dev === true,
        needs: declared,
      });
    }
  } else if (isRecord(json.dependencies)) {
    flattenV1(json.dependencies, '', locations);
    // v1 does not record the root's own dependencies; package.json does. Without it, the top-level
    // entries nothing else requires are the best guess at what the project asked for.
    const rootNeeds = manifest
      ? manifest.declared.map((d) => d.name)
      : [...locations.entries()]
          .filter(([loc]) => !loc.slice(NODE_MODULES.length).includes(NODE_MODULES))
          .map(([loc]) => nameAt(loc))
          .filter((name) => ![...locations.values()].some((l) => l.needs.includes(name)));
    importers.push({ location: '', needs: rootNeeds });
  } else {
    throw new Error(`lockfileVersion ${lockfileVersion} with neither "packages" nor "dependencies"`);
  }

  const has = (key: string) => locations.has(key);
  const roots = importers.flatMap((imp) =>
    imp.needs.map((n) => resolveFrom(imp.location, n, has)).filter((l): l is string => l !== undefined),
  );
  const chains = dependencyChains({
    roots,
    edges: (id) =>
      (locations.get(id)?.needs ?? [])
        .map((n) => resolveFrom(id, n, has))
        .filter((l): l is string => l !== undefined),
    name: (id) => locations.get(id)?.name ?? nameAt(id),
  });

  const dependencies: Dependency[] = [];
  for (const [location, loc] of locations) {
    const chain = chains.get(location);
    dependencies.push({
      ecosystem: 'npm',
      name: loc.name,
      version: loc.version,
      direct: chain !== undefined && chain.length === 0,
      path: `${file}#${location}`,
      ...(chain && chain.length > 0 ? { via: chain } : {}),
      ...(loc.dev ? { dev: true } : {}),
    });
  }
  return { format: `package-lock v${lockfileVersion}`, dependencies, warnings };
}
