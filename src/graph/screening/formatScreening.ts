import type { Label } from '../../core/label.js';
import type { ExposurePath, ScreeningResult } from '../exposure/exposureScreener.js';

export interface FormatScreeningOptions {
  /** Labels of the addresses the result names (buildScreeningContext's labelsByAddress). */
  labels: ReadonlyMap<string, readonly Label[]>;
  /** The hop limit the screen ran with, to say how far "none" was looked for. */
  maxHops: number;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** An address with its label names in brackets, so a path reads without a lookup. */
function named(address: string, labels: FormatScreeningOptions['labels']): string {
  const list = labels.get(address);
  if (list === undefined || list.length === 0) return address;
  return `${address} [${[...new Set(list.map((l) => l.label))].join('; ')}]`;
}

/** Where each label comes from: "Lazarus Group (sanctions, ofac sdn.csv:12)". */
function provenance(address: string, labels: FormatScreeningOptions['labels']): string {
  const list = labels.get(address) ?? [];
  return list.map((l) => `${l.label} (${l.category}, ${l.source} ${l.sourceRef})`).join('; ');
}

/** "target ← A ← B ← source [label] (62.0%)", labelled addresses named. */
export function formatNamedPath(path: ExposurePath, labels: FormatScreeningOptions['labels']): string {
  const hops = [...path.nodes].reverse().map((address) => named(address, labels));
  return `${hops.join(' ← ')} (${percent(path.share)})`;
}

/** The analyst's text report of one screen: score, direct and indirect exposure, and what was explored. */
export function formatScreening(result: ScreeningResult, options: FormatScreeningOptions): string {
  const { labels, maxHops } = options;
  const lines: string[] = [`screened ${named(result.address, labels)}`];
  if (!result.known) {
    lines.push('not found in the transfers read: no exposure can be traced (risk score 0)');
    return lines.join('\n');
  }
  lines.push(`risk score: ${result.riskScore.toFixed(3)}`);

  if (result.direct.length === 0) lines.push('direct exposure: none');
  else {
    lines.push(`direct exposure: ${result.direct.length}`);
    for (const d of result.direct) {
      const what =
        d.relation === 'self'
          ? 'is itself labelled'
          : `${d.relation} ${d.value} in ${d.transfers} transfer${d.transfers === 1 ? '' : 's'}`;
      lines.push(`  ${d.source} [${d.category}] ${what}; ${provenance(d.source, labels)}`);
    }
  }

  if (result.indirect.length === 0) lines.push(`indirect exposure: none within ${maxHops} hops`);
  else {
    lines.push(
      `indirect exposure: ${result.indirect.length} source${result.indirect.length === 1 ? '' : 's'}`,
    );
    for (const hit of result.indirect) {
      lines.push(
        `  ${hit.source} [${hit.category}] ${hit.hops} hop${hit.hops === 1 ? '' : 's'}, ` +
          `haircut share ${percent(hit.haircutShare)}, poison yes, ${hit.pathCount} path${hit.pathCount === 1 ? '' : 's'}; ` +
          provenance(hit.source, labels),
      );
      for (const path of hit.paths) lines.push(`    ${formatNamedPath(path, labels)}`);
    }
  }
  if (result.direct.length === 0 && result.indirect.length === 0) {
    lines.push(`no exposure to a labelled address found within ${maxHops} hops`);
  }

  const e = result.explored;
  lines.push(
    `explored: ${e.nodes} nodes, ${e.edges} edges` +
      (e.hubsNotExpanded > 0 ? `, ${e.hubsNotExpanded} hubs not expanded` : '') +
      (e.truncated ? ', TRUNCATED at the work bound (exposure may be missing)' : ', complete'),
  );
  return lines.join('\n');
}
