/** The parts of a package.json the inventory needs: declared dependencies and workspaces. */
export interface PackageManifest {
  name: string | undefined;
  version: string | undefined;
  /** Every declared dependency, with the section it came from. */
  declared: { name: string; spec: string; dev: boolean }[];
  /** Workspace globs (`workspaces` as an array or as `{ packages: [...] }`). */
  workspaces: string[];
}

const SECTIONS = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['peerDependencies', false],
  ['devDependencies', true],
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Parses package.json text; throws on malformed JSON (the caller reports it and goes on). */
export function parsePackageJson(text: string): PackageManifest {
  const json: unknown = JSON.parse(text);
  if (!isRecord(json)) throw new Error('package.json is not a JSON object');
  const declared: PackageManifest['declared'] = [];
  const seen = new Set<string>();
  for (const [section, dev] of SECTIONS) {
    const deps = json[section];
    if (!isRecord(deps)) continue;
    for (const [name, spec] of Object.entries(deps)) {
      // A package listed as both peer and dev is one declaration; the first (runtime) section wins.
      if (typeof spec !== 'string' || seen.has(name)) continue;
      seen.add(name);
      declared.push({ name, spec, dev });
    }
  }
  const ws = json.workspaces;
  return {
    name: typeof json.name === 'string' ? json.name : undefined,
    version: typeof json.version === 'string' ? json.version : undefined,
    declared,
    workspaces: isRecord(ws) ? strings(ws.packages) : strings(ws),
  };
}

/**
 * An npm alias (`"oz4": "npm:@openzeppelin/contracts@4.9.3"`) names another package: returns the
 * real name and the range or version after it, or undefined when the spec is not an alias.
 */
export function npmAlias(spec: string): { name: string; spec: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.lastIndexOf('@');
  if (at <= 0) return { name: rest, spec: '*' };
  return { name: rest.slice(0, at), spec: rest.slice(at + 1) };
}
