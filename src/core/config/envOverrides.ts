/**
 * Environment overrides: ARGUS_<SECTION>__<KEY>__... maps onto the config tree,
 * upper snake case becoming camel case (ARGUS_SERVER__RATE_LIMIT__MAX -> server.rateLimit.max).
 */
const SECTIONS = new Set(['STORE', 'SERVER', 'RESPOND', 'MONITOR', 'GRAPH', 'AUTH', 'INTEL', 'AUDIT', 'LOG']);

function camel(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function parseScalar(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16) return Number(raw);
  return raw;
}

export interface EnvOverride {
  variable: string;
  path: string[];
  value: unknown;
}

export function envOverrides(env: NodeJS.ProcessEnv): EnvOverride[] {
  const out: EnvOverride[] = [];
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith('ARGUS_') || raw === undefined) continue;
    const segments = variable.slice('ARGUS_'.length).split('__');
    if (segments.length < 2 || !SECTIONS.has(segments[0] ?? '')) continue;
    out.push({ variable, path: segments.map(camel), value: parseScalar(raw) });
  }
  return out.sort((a, b) => a.variable.localeCompare(b.variable));
}

export function applyOverrides(
  base: Record<string, unknown>,
  overrides: EnvOverride[],
): Record<string, unknown> {
  const root = structuredClone(base);
  for (const { path, value } of overrides) {
    let node: Record<string, unknown> = root;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  }
  return root;
}
