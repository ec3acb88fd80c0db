import type { AdvisorySeverity } from './advisorySeverity.js';
import type { CheckResult, InventoryFinding } from './checkProject.js';
import type { Inventory } from './inventory.js';

/**
 * The terminal report of `argus intel check`: one line per manifest read, then the affected
 * packages with the version that fixes each, then what could not be evaluated.
 */

type Table = (headers: string[], rows: string[][], maxWidth?: number) => string;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function how(f: InventoryFinding): string {
  const parts = [f.direct ? 'direct' : f.via ? `via ${f.via.join(' > ')}` : 'transitive'];
  if (f.dev) parts.push('dev');
  return parts.join(', ');
}

function fixedText(f: InventoryFinding): string {
  if (f.fixed) return f.fixed;
  return f.lastAffected ? `no fix (last affected ${f.lastAffected})` : 'no fix';
}

export function formatCheck(
  inventory: Inventory,
  result: CheckResult,
  advisorySource: string,
  table: Table,
): string {
  const lines: string[] = [`project ${inventory.dir}`];
  for (const m of inventory.manifests) {
    const what =
      m.format === 'package.json'
        ? `${m.dependencies} declared`
        : m.format.startsWith('solidity')
          ? plural(m.dependencies, 'library', 'libraries')
          : plural(m.dependencies, 'package');
    lines.push(`  read ${m.path} (${m.format}): ${what}${m.note ? `; ${m.note}` : ''}`);
  }
  if (inventory.manifests.length === 0)
    lines.push('  no manifests found (package.json, lockfiles, foundry.toml)');
  for (const p of inventory.problems) lines.push(`  unreadable ${p.path}: ${p.reason}`);
  for (const w of inventory.warnings) lines.push(`  note: ${w}`);
  const unknown = inventory.dependencies.filter((d) => d.version === undefined).length;
  lines.push(
    `${plural(inventory.dependencies.length, 'dependency', 'dependencies')} (${inventory.dependencies.filter((d) => d.direct).length} direct` +
      `${unknown ? `, ${unknown} of unknown version` : ''})`,
  );
  const a = result.advisories;
  lines.push(
    `${plural(a.read, 'advisory', 'advisories')} from ${advisorySource}: ${a.relevant} name packages here` +
      `${a.withdrawn ? `, ${a.withdrawn} withdrawn (ignored)` : ''}` +
      `${a.rejected.length ? `, ${a.rejected.length} rejected` : ''}`,
  );
  for (const r of a.rejected.slice(0, 10)) lines.push(`  rejected ${r.id}: ${r.reason}`);
  lines.push('');

  if (result.findings.length === 0) {
    lines.push('no installed version is affected by these advisories');
  } else {
    lines.push(
      table(
        ['package', 'installed', 'advisory', 'severity', 'fixed in', 'aliases', 'how', 'summary'],
        result.findings.map((f) => [
          f.package,
          f.installed,
          f.advisory,
          f.severity,
          fixedText(f),
          f.aliases.join(' '),
          how(f),
          f.summary,
        ]),
        60,
      ),
    );
    const bySeverity = new Map<AdvisorySeverity, number>();
    for (const f of result.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    const packages = new Set(result.findings.map((f) => `${f.package}@${f.installed}`)).size;
    lines.push('');
    lines.push(
      `${plural(result.findings.length, 'finding')} in ${plural(packages, 'package version')} (` +
        [...bySeverity].map(([s, n]) => `${n} ${s}`).join(', ') +
        ')',
    );
  }
  if (result.unevaluated.length > 0) {
    lines.push('not evaluated:');
    for (const u of result.unevaluated) {
      lines.push(
        `  ${u.package}${u.installed ? `@${u.installed}` : ''} × ${u.advisory}: ${u.reason} (${u.paths.join(', ')})`,
      );
    }
  }
  return lines.join('\n');
}
