import type { Severity } from '../../core/severity.js';

/**
 * CVSS v3.0/v3.1 base score from a vector string, as specified by FIRST
 * (https://www.first.org/cvss/v3.1/specification-document, section 7). OSV carries the vector, not
 * the number. v3.0 rounds up slightly differently in rare floating-point cases; the v3.1 rule is
 * used for both. v2 and v4 vectors are not scored here (v4 needs the specification's lookup tables).
 */

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/** Privileges required weigh more when the scope changes. */
function privileges(value: string, changed: boolean): number | undefined {
  if (value === 'N') return 0.85;
  if (value === 'L') return changed ? 0.68 : 0.62;
  if (value === 'H') return changed ? 0.5 : 0.27;
  return undefined;
}

/** The specification's Roundup: smallest one-decimal number >= x, robust to float error. */
function roundUp(x: number): number {
  const int = Math.round(x * 100_000);
  return int % 10_000 === 0 ? int / 100_000 : (Math.floor(int / 10_000) + 1) / 10;
}

/** The base score (0-10), or undefined when the vector is not a complete CVSS v3 base vector. */
export function cvss3BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return undefined;
  const m = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const [k, v] = p.split(':');
    if (k && v) m.set(k, v);
  }
  const scope = m.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const av = AV[m.get('AV') ?? ''];
  const ac = AC[m.get('AC') ?? ''];
  const pr = privileges(m.get('PR') ?? '', changed);
  const ui = UI[m.get('UI') ?? ''];
  const c = CIA[m.get('C') ?? ''];
  const i = CIA[m.get('I') ?? ''];
  const a = CIA[m.get('A') ?? ''];
  if ([av, ac, pr, ui, c, i, a].some((x) => x === undefined)) return undefined;
  const iss = 1 - (1 - (c as number)) * (1 - (i as number)) * (1 - (a as number));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * (av as number) * (ac as number) * (pr as number) * (ui as number);
  if (impact <= 0) return 0;
  return changed
    ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
    : roundUp(Math.min(impact + exploitability, 10));
}

/** CVSS qualitative rating; "None" (0.0) maps to info. */
export function severityFromCvss(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
