import type { GraphReport } from './graphReport.js';

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function bracketed(labels: readonly string[]): string {
  return labels.length === 0 ? '' : ` [${labels.join('; ')}]`;
}

function fixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

/**
 * The analyst's text report: labelled entity clusters, risky communities with their riskiest member,
 * and bridges between them and the rest. Addresses are printed whole so they can be copied into
 * `argus screen`.
 */
export function formatGraphReport(report: GraphReport): string {
  const lines: string[] = [];
  const { clusters, communities, settings } = report;

  lines.push(
    `labelled entity clusters: ${clusters.labelled} of ${plural(clusters.multiAddress, 'multi-address cluster')} ` +
      `carry labels; ${plural(clusters.inheritingAddresses, 'address', 'addresses')} ` +
      `${clusters.inheritingAddresses === 1 ? 'inherits' : 'inherit'} a label`,
  );
  for (const c of clusters.list) {
    lines.push(`  cluster ${c.cluster}, ${plural(c.size, 'address', 'addresses')}:${bracketed(c.labels)}`);
    lines.push(`    labelled: ${c.carriers.map((m) => m.address).join(', ')}`);
    if (c.inheritingMembers > 0) {
      const more = c.inheritingMembers - c.inheritors.length;
      lines.push(
        `    inherited by: ${c.inheritors.map((m) => m.address).join(', ')}` +
          (more > 0 ? ` and ${more} more` : ''),
      );
    }
  }

  lines.push(
    `risky communities: ${communities.risky} of ${plural(communities.count, 'community', 'communities')} ` +
      `(Louvain, resolution ${settings.resolution}, modularity ${fixed(communities.modularity, 3)})`,
  );
  for (const c of communities.list) {
    lines.push(
      `  community ${c.community}: ${plural(c.size, 'address', 'addresses')}, ${c.riskyMembers} exposed, ` +
        `total risk ${fixed(c.totalRisk, 3)}, mean ${fixed(c.meanRisk, 3)}; ` +
        `top ${c.top.address} risk ${fixed(c.top.risk, 3)}, pagerank ${c.top.pageRank.toExponential(2)}` +
        bracketed(c.top.labels),
    );
  }

  lines.push(
    `bridges: ${plural(report.bridges.length, 'address', 'addresses')} joining the listed risky communities ` +
      'to others, by betweenness',
  );
  for (const b of report.bridges) {
    const more = b.otherCommunityCount - b.otherCommunities.length;
    const others =
      b.otherCommunityCount === 0
        ? ''
        : `; others ${b.otherCommunities.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    lines.push(
      `  ${b.address} betweenness ${fixed(b.betweenness, 1)}, pagerank ${b.pageRank.toExponential(2)}, ` +
        `risk ${fixed(b.risk, 3)}, community ${b.community}; risky ${b.riskyCommunities.join(', ')}${others}` +
        bracketed([
          ...(b.hotWallet ? ['exchange hot wallet (detected)'] : []),
          ...b.labels,
          ...b.inheritedLabels.map((l) => `${l}, inherited`),
        ]),
    );
  }

  return lines.join('\n');
}

/** What the report was computed over and how long each step took. */
export function formatGraphReportWork(report: GraphReport): string {
  const lines: string[] = [];
  const { risk, settings } = report;
  lines.push(
    `graph: ${plural(report.graph.nodes, 'address', 'addresses')}, ${plural(report.graph.edges, 'edge')}; ` +
      `${report.graph.labelledAddresses} labelled, ${plural(report.graph.riskSources, 'risk source')}`,
  );
  lines.push(
    `risk: screened ${risk.screened} of ${risk.candidates} addresses within ${settings.maxHops} hops of a source, ` +
      `${risk.riskyNodes} exposed` +
      (risk.notScreened > 0 ? `; ${risk.notScreened} farther ones not screened (cap)` : '') +
      (risk.truncatedScreens > 0 ? `; ${risk.truncatedScreens} screens truncated at the work bound` : ''),
  );
  lines.push(
    `centrality: betweenness from ${report.centrality.betweennessSamples} sampled sources (seed ${settings.seed}), ` +
      `pagerank ${report.centrality.pageRankConverged ? 'converged' : 'not converged'} in ` +
      `${report.centrality.pageRankIterations} iterations`,
  );
  const t = report.timingsMs;
  lines.push(
    `timings (ms): labels ${t.labels}, clustering ${t.clustering}, cluster labels ${t.clusterLabels}, ` +
      `risk ${t.risk}, louvain ${t.louvain}, ranking ${t.riskyCommunities}, betweenness ${t.betweenness}, ` +
      `pagerank ${t.pageRank}, bridges ${t.bridges}, total ${t.total}`,
  );
  return lines.join('\n');
}
