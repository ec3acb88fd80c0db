import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { parse as parseToml } from 'smol-toml';
import type { Dependency, ReaderResult } from './dependency.js';
import { parseGitmodules, readSubmoduleHead, repoName, type Submodule } from './gitSubmodules.js';
import { parsePackageJson } from './packageJson.js';
import { normaliseTarget, parseRemapping, parseRemappingsTxt, type Remapping } from './remappings.js';

/**
 * The Solidity libraries of a Foundry-style project: the folders under foundry.toml's `libs`
 * (usually git submodules in lib/), what version each one is, and which import prefixes the
 * remappings route to it. A library that ships a package.json (OpenZeppelin keeps the published
 * `@openzeppelin/contracts` one in contracts/) is named and versioned as that npm package, so npm
 * advisories apply to it; one without is identified by its repository and checked-out commit, and
 * its version is left unknown unless a tag sits on that commit.
 */

export interface SolidityProject extends ReaderResult {
  /** Library folders relative to the project (lib, plus any other `libs` entry). */
  libs: string[];
  remappings: (Remapping & { provider?: string })[];
  /** Files this reader looked at, for the "manifests read" lines. */
  files: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** The package.json that names a library: contracts/package.json first (OpenZeppelin's layout). */
function libraryPackage(
  dir: string,
  rel: string,
): { name: string; version: string; path: string } | undefined {
  for (const candidate of ['contracts/package.json', 'package.json']) {
    const text = readText(join(dir, candidate));
    if (!text) continue;
    try {
      const m = parsePackageJson(text);
      if (m.name && m.version) return { name: m.name, version: m.version, path: `${rel}/${candidate}` };
    } catch {
      // A broken package.json in a library is not the project's problem; fall back to git metadata.
    }
  }
  return undefined;
}

interface LibScan {
  dir: string;
  rel: string;
  via: string[] | undefined;
  /** The library folder a nested scan is inside, for paths. */
  viaPath?: string;
  submodules: Map<string, Submodule>;
}

/** `prefix` is prepended to every path so they read relative to the inventory's root. */
export function readSolidityProject(projectDir: string, prefix = ''): SolidityProject {
  const warnings: string[] = [];
  const files: string[] = [];
  const remappings: Remapping[] = [];
  let libs = ['lib'];

  const tomlText = readText(join(projectDir, 'foundry.toml'));
  if (tomlText !== undefined) {
    files.push(`${prefix}foundry.toml`);
    const toml = parseToml(tomlText);
    const profile = isRecord(toml.profile) && isRecord(toml.profile.default) ? toml.profile.default : {};
    if (Array.isArray(profile.libs)) libs = profile.libs.filter((l): l is string => typeof l === 'string');
    if (Array.isArray(profile.remappings)) {
      for (const r of profile.remappings) {
        const parsed = typeof r === 'string' ? parseRemapping(r, `${prefix}foundry.toml`) : undefined;
        if (parsed) remappings.push(parsed);
        else warnings.push(`${prefix}foundry.toml: remapping ${JSON.stringify(r)} is not prefix=target`);
      }
    }
  }
  const txt = readText(join(projectDir, 'remappings.txt'));
  if (txt !== undefined) {
    files.push(`${prefix}remappings.txt`);
    const parsed = parseRemappingsTxt(txt, `${prefix}remappings.txt`);
    remappings.push(...parsed.remappings);
    warnings.push(...parsed.warnings);
  }
  const gitmodulesText = readText(join(projectDir, '.gitmodules'));
  const submodules = new Map<string, Submodule>();
  if (gitmodulesText !== undefined) {
    files.push(`${prefix}.gitmodules`);
    for (const s of parseGitmodules(gitmodulesText)) submodules.set(normaliseTarget(s.path), s);
  }

  // node_modules as a Foundry lib folder holds npm packages, which the lockfile readers cover.
  libs = libs.map(normaliseTarget).filter((l) => l && l !== 'node_modules');
  const dependencies: Dependency[] = [];
  const byFolder = new Map<string, Dependency>();
  const queue: LibScan[] = libs.map((lib) => ({ dir: projectDir, rel: lib, via: undefined, submodules }));
  // A library's own lib/ folder (OpenZeppelin vendors forge-std) is scanned one level down.
  for (let i = 0; i < queue.length; i++) {
    const scan = queue[i] as LibScan;
    for (const name of subdirs(join(scan.dir, scan.rel))) {
      const folder = `${scan.rel}/${name}`;
      const dir = join(scan.dir, folder);
      const relFromRoot = `${prefix}${scan.via ? `${scan.viaPath}/` : ''}${folder}`;
      const sub = scan.submodules.get(folder);
      const head = readSubmoduleHead(dir);
      const pkg = libraryPackage(dir, relFromRoot);
      let dep: Dependency;
      if (pkg) {
        dep = { ecosystem: 'npm', name: pkg.name, version: pkg.version, direct: !scan.via, path: pkg.path };
      } else {
        const tagVersion = head.tag ? semver.valid(head.tag.replace(/^v/, '')) : null;
        dep = {
          ecosystem: 'git',
          name: sub?.url ? repoName(sub.url) : relFromRoot,
          version: tagVersion ?? undefined,
          direct: !scan.via,
          path: sub ? `${prefix}${scan.via ? `${scan.viaPath}/` : ''}.gitmodules#${sub.name}` : relFromRoot,
        };
        if (!tagVersion) {
          const git = head.commit
            ? `commit ${head.commit.slice(0, 12)} has no version tag`
            : (head.reason ?? 'commit unknown');
          warnings.push(`${relFromRoot}: version unknown (no package.json; ${git})`);
        }
      }
      if (head.commit) dep.commit = head.commit;
      if (scan.via) dep.via = scan.via;
      dependencies.push(dep);
      byFolder.set(scan.viaPath ? `${scan.viaPath}/${folder}` : folder, dep);
      if (!scan.via) {
        const nestedModules = new Map<string, Submodule>();
        const nestedText = readText(join(dir, '.gitmodules'));
        if (nestedText)
          for (const s of parseGitmodules(nestedText)) nestedModules.set(normaliseTarget(s.path), s);
        queue.push({ dir, rel: 'lib', via: [dep.name], submodules: nestedModules, viaPath: folder });
      }
    }
  }

  const resolved = remappings.map((r) => {
    const target = normaliseTarget(r.target);
    // The deepest folder wins: lib/oz/lib/erc4626-tests/ is that library, not OpenZeppelin.
    const folder = [...byFolder.keys()]
      .filter((f) => target === f || target.startsWith(`${f}/`))
      .sort((a, b) => b.length - a.length)[0];
    const dep = folder === undefined ? undefined : byFolder.get(folder);
    if (!dep) return r;
    dep.provides = [...(dep.provides ?? []), r.prefix];
    return { ...r, provider: `${dep.name}${dep.version ? `@${dep.version}` : ''}` };
  });
  return { format: 'foundry', dependencies, warnings, libs, remappings: resolved, files };
}
