import type { Command } from 'commander';
import { parseChain } from '../../core/chain.js';
import { parseScreeningOptions, screenAddress } from '../../graph/exposure/exposureScreener.js';
import { canonicalAddress } from '../../graph/labels/addresses.js';
import { formatScreening } from '../../graph/screening/formatScreening.js';
import { buildScreeningContext } from '../../graph/screening/screeningContext.js';
import { ScreeningGraphBuilder } from '../../graph/screening/screeningGraphBuilder.js';
import { labelsOnGraph } from '../labelsOnGraph.js';
import { wholeNumber } from '../numberOption.js';
import { consoleOutput, printJson, reportError } from '../output.js';
import { printIntake, readTransfers } from '../transferIntake.js';

interface ScreenCliOptions {
  transfers: string;
  chain: string;
  hops: string;
  paths: string;
  json?: boolean;
}

async function runScreen(raw: string, opts: ScreenCliOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const chain = parseChain(opts.chain);
    const address = canonicalAddress(chain, raw);
    const options = parseScreeningOptions({
      maxHops: wholeNumber(opts.hops, '--hops'),
      maxPaths: wholeNumber(opts.paths, '--paths'),
    });
    const builder = new ScreeningGraphBuilder(chain);
    const intake = await readTransfers(opts.transfers, builder);
    const { labels, stored: storedLabels } = await labelsOnGraph(cmd, chain, builder.graph);
    const context = buildScreeningContext({ graph: builder.graph, labels });
    const result = screenAddress(builder.graph, context.sources, address, options);

    if (output.json) {
      const named = new Set([result.address, ...result.direct.map((d) => d.source)]);
      for (const hit of result.indirect) for (const p of hit.paths) for (const n of p.nodes) named.add(n);
      const involved = [...named].flatMap((a) => context.labelsByAddress.get(a) ?? []);
      printJson(output, { chain, result, labels: involved, transfers: intake });
      return;
    }
    output.out(formatScreening(result, { labels: context.labelsByAddress, maxHops: options.maxHops }));
    printIntake(output, intake, chain);
    output.out(
      `labels: ${storedLabels} ${chain} labels in the store, ${context.sources.size} labelled addresses on the graph`,
    );
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description(
      'sanctions and AML screening: direct and indirect exposure of an address to labelled sources',
    )
    .argument('<address>', 'the address to screen, in any valid spelling (checksummed or lower-case)')
    .requiredOption(
      '--transfers <spec>',
      'the transfers to trace through: a JSONL/CSV(.gz) file or a source spec',
    )
    .option('--chain <chain>', 'the chain of the address; transfers of other chains are skipped', 'ethereum')
    .option('--hops <n>', 'how many transfers back funds are traced (1-8)', '3')
    .option('--paths <n>', 'explaining paths shown per source (1-50)', '3')
    .option('--json', 'print the result object and the labels involved')
    .addHelpText(
      'after',
      `
Labels come from the store (import them first with \`argus labels import\`). The risk score is in
[0, 1]; haircut share is the part of the address's inflow traced back to a source, poison means any
path reaches it. The transfers must end: a file, or evm:<url>?endBlock=<n>. Malformed transfer records
are reported and skipped. Exits 0 whether or not exposure is found, 2 on a malformed address, an
unknown chain or unusable options.

Examples:
  $ argus labels import ofac ../shared/data/ofac-sanctioned
  $ argus screen 0x7f367cc41522ce07553e823bf3be79a889debe1b --transfers transfers.jsonl
  $ argus screen 0x7f367cc41522ce07553e823bf3be79a889debe1b --transfers file:t.csv.gz --hops 4 --json`,
    )
    .action((address: string, opts: ScreenCliOptions, cmd: Command) => runScreen(address, opts, cmd));
}
