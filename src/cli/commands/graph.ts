import type { Command } from 'commander';
import { parseChain } from '../../core/chain.js';
import { formatGraphReport, formatGraphReportWork } from '../../graph/report/formatGraphReport.js';
import { buildGraphReport, parseGraphReportOptions } from '../../graph/report/graphReport.js';
import { ScreeningGraphBuilder } from '../../graph/screening/screeningGraphBuilder.js';
import { labelsOnGraph } from '../labelsOnGraph.js';
import { positiveNumber, wholeNumber } from '../numberOption.js';
import { consoleOutput, printJson, reportError } from '../output.js';
import { printIntake, readTransfers } from '../transferIntake.js';

interface GraphReportCliOptions {
  transfers: string;
  chain: string;
  top: string;
  resolution: string;
  samples: string;
  seed: string;
  json?: boolean;
}

async function runGraphReport(opts: GraphReportCliOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const chain = parseChain(opts.chain);
    // Checked before the transfers are read, so a typo costs nothing.
    const settings = parseGraphReportOptions({
      top: wholeNumber(opts.top, '--top'),
      resolution: positiveNumber(opts.resolution, '--resolution'),
      samples: wholeNumber(opts.samples, '--samples'),
      seed: wholeNumber(opts.seed, '--seed'),
    });
    const builder = new ScreeningGraphBuilder(chain);
    const intake = await readTransfers(opts.transfers, builder);
    const { labels, stored: storedLabels } = await labelsOnGraph(cmd, chain, builder.graph);
    const report = buildGraphReport(builder.graph, labels, settings);

    if (output.json) {
      printJson(output, { chain, ...report, transfers: intake, storedLabels });
      return;
    }
    output.out(formatGraphReport(report));
    printIntake(output, intake, chain);
    output.out(
      `labels: ${storedLabels} ${chain} labels in the store, ${report.graph.labelledAddresses} labelled addresses on the graph` +
        (storedLabels === 0 ? ' (import some with `argus labels import` to find risky communities)' : ''),
    );
    output.out(formatGraphReportWork(report));
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerGraphCommands(program: Command): void {
  const graph = program
    .command('graph')
    .description('analyses of the whole transaction graph: entity clusters, communities, bridges');
  graph
    .command('report')
    .description(
      'labelled entity clusters, the riskiest communities (Louvain) and the bridges out of them (betweenness, PageRank)',
    )
    .requiredOption('--transfers <spec>', 'the transfers to analyse: a JSONL/CSV(.gz) file or a source spec')
    .option('--chain <chain>', 'the chain to analyse; transfers of other chains are skipped', 'ethereum')
    .option('--top <n>', 'clusters, communities and bridges listed (1-1000)', '10')
    .option('--resolution <x>', 'Louvain resolution; above 1 gives smaller communities', '1')
    .option('--samples <n>', 'betweenness source samples; exact when at least the address count', '256')
    .option('--seed <n>', 'seeds Louvain and the betweenness samples; same seed, same report', '1')
    .option('--json', 'print the report object, the intake counts and the timings')
    .addHelpText(
      'after',
      `
Entity clusters come from deposit-address reuse and common funding; a cluster with a labelled member
carries its labels to every member. An address's risk is what \`argus screen\` would give it (3 hops,
addresses receiving from over 1000 others not traced through; exchange labels weigh 0), computed only for
addresses within reach of a labelled source. Communities are ranked by the summed risk of their
members; bridges are the addresses of highest sampled betweenness that join a listed risky community to
another. Labels come from the store (\`argus labels import\`). The transfers must end: a file, or
evm:<url>?endBlock=<n>. Malformed transfer records are reported and skipped. Exits 0 whatever is found,
2 on an unknown chain or unusable options.

Examples:
  $ argus labels import ofac ../shared/data/ofac-sanctioned
  $ argus graph report --transfers transfers.jsonl
  $ argus graph report --transfers s.jsonl --top 5 --resolution 2 --samples 1024 --json`,
    )
    .action((opts: GraphReportCliOptions, cmd: Command) => runGraphReport(opts, cmd));
}
