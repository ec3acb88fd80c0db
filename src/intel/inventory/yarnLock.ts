import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import type { Dependency, ReaderResult } from './dependency.js';
import { dependencyChains } from './lockGraph.js';
import { npmAlias, type PackageManifest } from './packageJson.js';

/**
 * yarn.lock in both shapes. Classic (v1) is its own format, read with @yarnpkg/lockfile; berry
 * (yarn 2+) is YAML with a `__metadata` block, and its `resolution` field names the package that
 * was really installed (`string-width@npm:4.2.3` behind an alias key). Entries are keyed by the
 * descriptors that resolved to them (`lodash@^4.17.14, lodash@^4.17.15`), so a dependency edge is a
 * lookup of `<name>@<range>`.
 */

interface Entry {
  name: string;
  version: string | undefined;
  /** Descriptors this entry depends on. */
  needs: string[];
}

interface Parsed {
  format: string;
  entries: Map<string, Entry>;
  /** Descriptor → entry id. */
  byDescriptor: Map<string, string>;
  /** Descriptors the project's own packages declare. */
  declared: string[];
}

// A webpack bundle flagged __esModule: ESM default-import interop differs between node, tsx and vitest,
// while require() gives the same module.exports everywhere.
const lockfile = createRequire(import.meta.url)('@yarnpkg/lockfile') as typeof import('@yarnpkg/lockfile');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `@scope/name@range` → `@scope/name` (the name ends at the first `@` after the first character). */
function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at < 0 ? descriptor : descriptor.slice(0, at);
}

function parseClassic(text: string, manifests: readonly PackageManifest[]): Parsed {
  const result = lockfile.parse(text);
  if (result.type !== 'success') throw new Error(`yarn.lock has unresolved merge conflicts (${result.type})`);
  const entries = new Map<string, Entry>();
  const byDescriptor = new Map<string, string>();
  for (const [descriptor, value] of Object.entries(result.object)) {
    // The parser gives every descriptor of a multi-key block the same object; one entry per object.
    const id = `${descriptorName(descriptor)}@${value.version}`;
    byDescriptor.set(descriptor, id);
    if (entries.has(id)) continue;
    const range = descriptor.slice(descriptorName(descriptor).length + 1);
    const alias = npmAlias(range);
    entries.set(id, {
      name: alias ? alias.name : descriptorName(descriptor),
      version: typeof value.version === 'string' ? value.version : undefined,
      needs: Object.entries(value.dependencies ?? {}).map(([n, r]) => `${n}@${r}`),
    });
  }
  const declared = manifests.flatMap((m) => m.declared.map((d) => `${d.name}@${d.spec}`));
  return { format: 'yarn v1', entries, byDescriptor, declared };
}

/** Berry writes ranges without a protocol as npm ranges (`^1.2.0` means `npm:^1.2.0`). */
function berryDescriptor(name: string, range: string): string {
  return /^[a-z]+:/i.test(range) ? `${name}@${range}` : `${name}@npm:${range}`;
}

const LOCAL_PROTOCOLS = ['workspace:', 'link:', 'portal:'];

function parseBerry(text: string): Parsed {
  const doc: unknown = parseYaml(text);
  if (!isRecord(doc)) throw new Error('yarn.lock is not a YAML mapping');
  const meta = doc.__metadata;
  const metaVersion = isRecord(meta) ? String(meta.version) : '?';
  const entries = new Map<string, Entry>();
  const byDescriptor = new Map<string, string>();
  const declared: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === '__metadata' || !isRecord(value)) continue;
    const resolution = typeof value.resolution === 'string' ? value.resolution : undefined;
    if (!resolution) continue;
    const name = descriptorName(resolution);
    const protocol = resolution.slice(name.length + 1);
    const needs = isRecord(value.dependencies)
      ? Object.entries(value.dependencies).map(([n, r]) => berryDescriptor(n, String(r)))
      : [];
    if (LOCAL_PROTOCOLS.some((p) => protocol.startsWith(p))) {
      // The project's own workspaces: what they declare is direct; they are not dependencies.
      if (protocol.startsWith('workspace:')) declared.push(...needs);
      continue;
    }
    for (const descriptor of key.split(',')) byDescriptor.set(descriptor.trim(), resolution);
    entries.set(resolution, {
      name,
      version: value.version === undefined ? undefined : String(value.version),
      needs,
    });
  }
  return { format: `yarn berry (lockfile v${metaVersion})`, entries, byDescriptor, declared };
}

/**
 * `manifests` are the package.json files of the project and its workspaces; classic yarn.lock does
 * not say which entries the project asked for, so without them the entries nothing depends on are
 * taken as direct.
 */
export function readYarnLock(
  text: string,
  file: string,
  manifests: readonly PackageManifest[],
): ReaderResult {
  const parsed = /^__metadata:/m.test(text) ? parseBerry(text) : parseClassic(text, manifests);
  const { entries, byDescriptor } = parsed;
  const edges = (id: string) =>
    (entries.get(id)?.needs ?? []).map((d) => byDescriptor.get(d)).filter((x): x is string => !!x);
  let roots = parsed.declared.map((d) => byDescriptor.get(d)).filter((x): x is string => !!x);
  if (parsed.declared.length === 0) {
    const needed = new Set([...entries.keys()].flatMap(edges));
    roots = [...entries.keys()].filter((id) => !needed.has(id));
  }
  const devNames = new Set(manifests.flatMap((m) => m.declared.filter((d) => d.dev).map((d) => d.name)));
  const chains = dependencyChains({ roots, edges, name: (id) => entries.get(id)?.name ?? id });
  const warnings: string[] = [];
  const dependencies: Dependency[] = [];
  for (const [id, entry] of entries) {
    if (!entry.version) warnings.push(`${id}: no version`);
    const chain = chains.get(id);
    const direct = chain !== undefined && chain.length === 0;
    dependencies.push({
      ecosystem: 'npm',
      name: entry.name,
      version: entry.version,
      direct,
      path: `${file}#${id}`,
      ...(chain && chain.length > 0 ? { via: chain } : {}),
      ...(direct && devNames.has(entry.name) ? { dev: true } : {}),
    });
  }
  return { format: parsed.format, dependencies, warnings };
}
