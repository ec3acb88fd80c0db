import { severityRank } from '../../core/severity.js';
import type { IntelDocument } from '../../store/types.js';
import { parseOsvRecord } from '../sources/osvRecord.js';
import { type AdvisorySeverity, advisorySeverity } from './advisorySeverity.js';
import type { Inventory, InventoryDependency } from './inventory.js';
import { matchAdvisory } from './matchAdvisory.js';
import type { OsvRecord } from './osvTypes.js';

/** One installed package version an advisory affects. */
export interface InventoryFinding {
  package: string;
  ecosystem: string;
  installed: string;
  advisory: string;
  /** Other ids of the same vulnerability (CVE-…). */
  aliases: string[];
  summary: string;
  severity: AdvisorySeverity;
  cvss?: number;
  /** The lowest version that fixes it, or undefined when there is no fix. */
  fixed?: string;
  /** When there is no fix but the record bounds it: the last affected version. */
  lastAffected?: string;
  direct: boolean;
  dev?: boolean;
  via?: string[];
  /** Where the package was found in the project. */
  paths: string[];
  url: string;
}

/** An advisory that names an installed package but could not be fully evaluated against it. */
export interface Unevaluated {
  package: string;
  installed?: string;
  advisory: string;
  reason: string;
  paths: string[];
}

export interface CheckResult {
  findings: InventoryFinding[];
  unevaluated: Unevaluated[];
  advisories: {
    read: number;
    /** Records that name at least one package of the inventory. */
    relevant: number;
    withdrawn: number;
    /** Documents whose raw text is not an OSV record. */
    rejected: { id: string; reason: string }[];
  };
}

type AdvisoryDocument = Pick<IntelDocument, 'id' | 'raw'> & { url?: string };

function firstLine(text: string | undefined): string {
  return (
    (text ?? '')
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? ''
  );
}

/**
 * Every advisory against every dependency of the inventory. Documents are streamed: each raw record
 * is parsed once and evaluated only for the packages it names that the project has, found by an
 * index on ecosystem and name.
 */
export async function checkProject(
  inventory: Pick<Inventory, 'dependencies'>,
  advisories: Iterable<AdvisoryDocument> | AsyncIterable<AdvisoryDocument>,
): Promise<CheckResult> {
  const index = new Map<string, InventoryDependency[]>();
  for (const dep of inventory.dependencies) {
    const k = `${dep.ecosystem}\u0000${dep.name}`;
    index.set(k, [...(index.get(k) ?? []), dep]);
  }
  const findings: InventoryFinding[] = [];
  const unevaluated: Unevaluated[] = [];
  const stats: CheckResult['advisories'] = { read: 0, relevant: 0, withdrawn: 0, rejected: [] };

  for await (const doc of advisories) {
    stats.read++;
    let record: OsvRecord;
    try {
      const parsed = parseOsvRecord(JSON.parse(doc.raw));
      if (!parsed.ok) throw new Error(parsed.reason);
      record = parsed.record;
    } catch (error) {
      stats.rejected.push({ id: doc.id, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (record.withdrawn) {
      stats.withdrawn++;
      continue;
    }
    const named = new Set(
      (record.affected ?? [])
        .filter((a) => a.package)
        .map((a) => `${a.package?.ecosystem.split(':')[0]?.toLowerCase()}\u0000${a.package?.name}`),
    );
    const deps = [...named].flatMap((k) => index.get(k) ?? []);
    if (deps.length === 0) continue;
    stats.relevant++;
    const url = doc.url ?? `https://osv.dev/vulnerability/${record.id}`;
    for (const dep of deps) {
      if (dep.version === undefined) {
        unevaluated.push({
          package: dep.name,
          advisory: record.id,
          reason: dep.declared
            ? `version unknown (declared ${dep.declared}, no lockfile)`
            : 'version unknown',
          paths: dep.paths,
        });
        continue;
      }
      const match = matchAdvisory(record, { ecosystem: dep.ecosystem, name: dep.name, version: dep.version });
      if (!match) continue;
      for (const reason of match.problems) {
        unevaluated.push({
          package: dep.name,
          installed: dep.version,
          advisory: record.id,
          reason,
          paths: dep.paths,
        });
      }
      if (!match.affected) continue;
      const entries = (record.affected ?? []).filter((a) => a.package?.name === dep.name);
      const severity = advisorySeverity(record, entries);
      findings.push({
        package: dep.name,
        ecosystem: dep.ecosystem,
        installed: dep.version,
        advisory: record.id,
        aliases: record.aliases ?? [],
        summary: record.summary?.trim() || firstLine(record.details) || record.id,
        severity: severity.severity,
        ...(severity.cvss !== undefined ? { cvss: severity.cvss } : {}),
        ...(match.fixed ? { fixed: match.fixed } : {}),
        ...(match.lastAffected ? { lastAffected: match.lastAffected } : {}),
        direct: dep.direct,
        ...(dep.dev ? { dev: true } : {}),
        ...(dep.via ? { via: dep.via } : {}),
        paths: dep.paths,
        url,
      });
    }
  }
  const rank = (s: AdvisorySeverity) => (s === 'unknown' ? -1 : severityRank(s));
  findings.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      a.package.localeCompare(b.package) ||
      a.installed.localeCompare(b.installed) ||
      a.advisory.localeCompare(b.advisory),
  );
  unevaluated.sort((a, b) => a.package.localeCompare(b.package) || a.advisory.localeCompare(b.advisory));
  return { findings, unevaluated, advisories: stats };
}
