import semver, { type SemVer } from 'semver';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './osvTypes.js';

/**
 * Is this installed version affected by this OSV record, and which version fixes it?
 *
 * Follows the OSV evaluation algorithm (schema, "Evaluation"): a version is affected when it is in
 * an `affected[].versions` list or inside any range of any `affected` entry for the package. A
 * range's events are sorted by version and walked: `introduced` (with "0" before everything) turns
 * it on, `fixed` at or below the version and `last_affected` below it turn it off; `limit` events
 * bound the whole range (none means no bound).
 *
 * Versions compare by SemVer 2.0 precedence (semver.compare), not by semver range matching:
 * `satisfies('4.9.6-rc.0', '>=4.5.0 <4.9.6')` is false because ranges hide prereleases, yet a
 * prerelease of a fixed version precedes it and is still affected. Build metadata is ignored
 * (4.9.6+build equals 4.9.6). npm's ECOSYSTEM ranges are SemVer, so they are read the same way; GIT
 * ranges need the commit graph and are skipped, leaving the `versions` list to speak for them.
 * Versions that do not parse are reported in `problems` and their range is not evaluated, rather
 * than silently counted as safe or affected.
 */

export interface PackageVersion {
  ecosystem: string;
  name: string;
  version: string;
}

export interface AdvisoryMatch {
  affected: boolean;
  /** The lowest `fixed` version above the installed one that the record does not itself mark affected. */
  fixed?: string;
  /** When affected and nothing is fixed: the highest `last_affected` at or above the installed version. */
  lastAffected?: string;
  /** The record is withdrawn (its timestamp); it never matches. */
  withdrawn?: string;
  /** Why part of the record could not be evaluated for this package. */
  problems: string[];
}

/** OSV ecosystems may carry a suffix (`Debian:11`); npm has none, but compare the base anyway. */
function sameEcosystem(osv: string, ours: string): boolean {
  return osv.split(':')[0]?.toLowerCase() === ours.toLowerCase();
}

/** The entries of a record that name this package. */
export function affectedEntriesFor(record: OsvRecord, ecosystem: string, name: string): OsvAffected[] {
  return (record.affected ?? []).filter(
    (a) => a.package && sameEcosystem(a.package.ecosystem, ecosystem) && a.package.name === name,
  );
}

/** Strict SemVer first; loose parsing accepts `v1.2.3` and `=1.2.3`, which npm itself accepts. */
function parseVersion(v: string): SemVer | null {
  return semver.parse(v) ?? semver.parse(v, { loose: true });
}

type Bound = { kind: keyof OsvEvent; at: SemVer | 'zero' | 'infinity' };

function boundsOf(range: OsvRange, where: string, problems: string[]): Bound[] | undefined {
  const bounds: Bound[] = [];
  for (const event of range.events) {
    const entries = Object.entries(event).filter(([k]) =>
      ['introduced', 'fixed', 'last_affected', 'limit'].includes(k),
    );
    if (entries.length !== 1) {
      problems.push(
        `${where}: event ${JSON.stringify(event)} must have exactly one of introduced, fixed, last_affected, limit`,
      );
      return undefined;
    }
    const [kind, raw] = entries[0] as [keyof OsvEvent, unknown];
    const value = String(raw);
    if (kind === 'introduced' && value === '0') bounds.push({ kind, at: 'zero' });
    else if (kind === 'limit' && value.includes('*')) bounds.push({ kind, at: 'infinity' });
    else {
      const parsed = parseVersion(value);
      if (!parsed) {
        problems.push(`${where}: ${kind} "${value}" is not a semantic version; range not evaluated`);
        return undefined;
      }
      bounds.push({ kind, at: parsed });
    }
  }
  return bounds;
}

function compareBound(a: SemVer | 'zero' | 'infinity', b: SemVer | 'zero' | 'infinity'): number {
  if (a === b) return 0;
  if (a === 'zero' || b === 'infinity') return -1;
  if (a === 'infinity' || b === 'zero') return 1;
  return semver.compare(a, b);
}

/** IncludedInRanges for one range, with the schema's BeforeLimits. */
function inRange(v: SemVer, bounds: Bound[]): boolean {
  const limits = bounds.filter((b) => b.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => compareBound(v, l.at) < 0)) return false;
  // Stable sort keeps an introduced listed before a fixed at the same version in that order.
  const events = bounds.filter((b) => b.kind !== 'limit').sort((a, b) => compareBound(a.at, b.at));
  let vulnerable = false;
  for (const e of events) {
    const c = compareBound(v, e.at);
    if (e.kind === 'introduced' && c >= 0) vulnerable = true;
    else if (e.kind === 'fixed' && c >= 0) vulnerable = false;
    else if (e.kind === 'last_affected' && c > 0) vulnerable = false;
  }
  return vulnerable;
}

interface Prepared {
  versions: string[];
  ranges: Bound[][];
}

function prepare(entries: OsvAffected[], id: string, problems: string[]): Prepared {
  const versions: string[] = [];
  const ranges: Bound[][] = [];
  entries.forEach((entry, i) => {
    versions.push(...(entry.versions ?? []).map(String));
    (entry.ranges ?? []).forEach((range, j) => {
      const where = `${id} affected[${i}].ranges[${j}]`;
      if (range.type === 'GIT') return;
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') {
        problems.push(`${where}: range type ${range.type} is not evaluated`);
        return;
      }
      const bounds = boundsOf(range, where, problems);
      if (bounds) ranges.push(bounds);
    });
  });
  return { versions, ranges };
}

function isAffected(v: SemVer, raw: string, p: Prepared): boolean {
  if (p.versions.includes(raw)) return true;
  if (p.versions.some((listed) => parseVersion(listed)?.compare(v) === 0)) return true;
  return p.ranges.some((bounds) => inRange(v, bounds));
}

/**
 * Evaluates one record against one installed package. Returns undefined when the record does not
 * name the package at all.
 */
export function matchAdvisory(record: OsvRecord, pkg: PackageVersion): AdvisoryMatch | undefined {
  const entries = affectedEntriesFor(record, pkg.ecosystem, pkg.name);
  if (entries.length === 0) return undefined;
  if (record.withdrawn) return { affected: false, withdrawn: record.withdrawn, problems: [] };
  const problems: string[] = [];
  const prepared = prepare(entries, record.id, problems);
  const v = parseVersion(pkg.version);
  if (!v) {
    // Only an exact listing can still match a version that is not SemVer (a git URL, a tag name).
    const listed = prepared.versions.includes(pkg.version);
    problems.push(
      `installed version "${pkg.version}" is not a semantic version; only exact listings checked`,
    );
    return { affected: listed, problems };
  }
  const affected = isAffected(v, pkg.version, prepared);
  if (!affected) return { affected, problems };

  const fixes = prepared.ranges
    .flat()
    .filter((b): b is Bound & { at: SemVer } => b.kind === 'fixed' && typeof b.at !== 'string')
    .map((b) => b.at)
    .filter((f) => semver.compare(f, v) > 0)
    .sort(semver.compare);
  // The lowest fix that another range or listing does not pull back in.
  const fixed = fixes.find((f) => !isAffected(f, f.version, prepared));
  if (fixed) return { affected, fixed: fixed.version, problems };
  const lastAffected = prepared.ranges
    .flat()
    .filter((b): b is Bound & { at: SemVer } => b.kind === 'last_affected' && typeof b.at !== 'string')
    .map((b) => b.at)
    .filter((l) => semver.compare(l, v) >= 0)
    .sort(semver.compare)
    .pop();
  return { affected, ...(lastAffected ? { lastAffected: lastAffected.version } : {}), problems };
}
