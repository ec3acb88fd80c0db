import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type Chain, parseChain } from '../../core/chain.js';
import { ArgusError, type IssueAtPath, ValidationError } from '../../core/errors.js';
import { clusterEntities } from '../../graph/clustering/clusterEntities.js';
import { createLinkabilityIndex, type LinkabilityOptions } from '../../graph/clustering/linkability.js';
import { type MixerEvent, parseMixerEvents } from '../../graph/clustering/mixerPairs.js';
import { canonicalAddress, checkAddress } from '../../graph/labels/addresses.js';
import { ScreeningGraphBuilder } from '../../graph/screening/screeningGraphBuilder.js';
import { consoleOutput, type Output, printJson, reportError } from '../output.js';
import { printIntake, readTransfers } from '../transferIntake.js';

interface LinkabilityCliOptions {
  transfers: string;
  chain: string;
  mixerEvents?: string;
  pool?: string[];
  json?: boolean;
}

interface MixerInput {
  deposits: MixerEvent[];
  withdrawals: MixerEvent[];
}

const MIXER_HINT =
  'the file is JSON: {"deposits": [...], "withdrawals": [...]}, each event {address, amount (> 0), time (epoch ms), gasPrice?}';

/**
 * Mixer deposits and withdrawals from a JSON file, addresses made canonical so they match the graph's.
 * Every bad record is reported by its place in the file, not only the first.
 */
function readMixerEvents(file: string, chain: Chain): MixerInput {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ArgusError('INPUT_INVALID', `--mixer-events ${file} cannot be read as JSON: ${reason}`, {
      input: file,
      cause,
      hint: MIXER_HINT,
    });
  }
  const what = `mixer events in ${file}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ValidationError(
      'INPUT_INVALID',
      what,
      [{ path: '', message: 'expected an object with deposits and withdrawals' }],
      MIXER_HINT,
    );
  }
  const record = raw as Record<string, unknown>;
  const issues: IssueAtPath[] = [];
  const side = (key: 'deposits' | 'withdrawals'): MixerEvent[] => {
    let events: MixerEvent[];
    try {
      events = parseMixerEvents(record[key] ?? []);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        issues.push({ path: issue.path === '' ? key : `${key}.${issue.path}`, message: issue.message });
      }
      return [];
    }
    events.forEach((event, i) => {
      const check = checkAddress(chain, event.address);
      if (check.ok) event.address = check.address;
      else issues.push({ path: `${key}.${i}.address`, message: `"${event.address}" ${check.reason}` });
    });
    return events;
  };
  const input = { deposits: side('deposits'), withdrawals: side('withdrawals') };
  if (issues.length > 0) throw new ValidationError('INPUT_INVALID', what, issues, MIXER_HINT);
  return input;
}

function amount(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

async function runLinkability(raw: string, opts: LinkabilityCliOptions): Promise<void> {
  const output: Output = consoleOutput(Boolean(opts.json));
  try {
    const chain = parseChain(opts.chain);
    const address = canonicalAddress(chain, raw);
    const pools = (opts.pool ?? []).map((p) => canonicalAddress(chain, p));
    if (pools.length > 0 && opts.mixerEvents === undefined) {
      throw new ArgusError('INPUT_INVALID', '--pool needs --mixer-events', {
        hint: "a pool's transfers are replaced by the mixer events; without them the address's pool activity would vanish",
      });
    }
    const mixer = opts.mixerEvents === undefined ? undefined : readMixerEvents(opts.mixerEvents, chain);
    const builder = new ScreeningGraphBuilder(chain);
    const intake = await readTransfers(opts.transfers, builder);
    const options: LinkabilityOptions = mixer ? { mixer: { ...mixer, poolAddresses: pools } } : {};
    const index = createLinkabilityIndex(builder.graph, clusterEntities(builder.graph).links, options);
    const result = index.linkabilityOf(address);
    const mixerCounts = mixer && { deposits: mixer.deposits.length, withdrawals: mixer.withdrawals.length };

    if (output.json) {
      printJson(output, {
        chain,
        ...result,
        transfers: intake,
        ...(mixerCounts ? { mixerEvents: mixerCounts } : {}),
      });
      return;
    }
    output.out(`linkability of ${address} on ${chain}: ${result.score.toFixed(3)}`);
    if (result.totalActivity === 0) {
      output.out('activity: none of its transfers (or mixer events) are in the input');
    } else {
      output.out(
        `activity: ${amount(result.linkedActivity)} of ${amount(result.totalActivity)} linked ` +
          `(${(result.score * 100).toFixed(1)}%, by value)`,
      );
    }
    if (result.links.length === 0) {
      output.out('links: none; no heuristic ties it to another address');
    } else {
      const others = new Set(result.links.map((l) => l.other)).size;
      output.out(
        `links: ${plural(result.links.length, 'link')} to ${plural(others, 'other address', 'other addresses')}`,
      );
      const width = Math.max(...result.links.map((l) => l.heuristic.length));
      for (const link of result.links) {
        output.out(`  ${link.heuristic.padEnd(width)}  ${link.other}  ${link.evidence}`);
      }
    }
    printIntake(output, intake, chain);
    if (mixerCounts) {
      output.out(
        `mixer events: ${plural(mixerCounts.deposits, 'deposit')}, ${plural(mixerCounts.withdrawals, 'withdrawal')}` +
          (pools.length > 0
            ? `; transfers of ${plural(pools.length, 'pool address', 'pool addresses')} left out`
            : ''),
      );
    }
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerLinkabilityCommand(program: Command): void {
  program
    .command('linkability')
    .description('privacy: how much of an address’s activity clustering heuristics tie to other addresses')
    .argument('<address>', 'the address to assess, in any valid spelling (checksummed or lower-case)')
    .requiredOption('--transfers <spec>', 'the transfers to cluster: a JSONL/CSV(.gz) file or a source spec')
    .option('--chain <chain>', 'the chain of the address; transfers of other chains are skipped', 'ethereum')
    .option(
      '--mixer-events <file>',
      'mixer deposits and withdrawals, JSON {"deposits": [...], "withdrawals": [...]}, to pair',
    )
    .option(
      '--pool <address...>',
      'mixer pool contracts whose transfers the mixer events stand for (several: --pool a b; give the address first)',
    )
    .option('--json', 'print the linkability object and the intake counts')
    .addHelpText(
      'after',
      `
The score is the share of the address's activity (by value) with counterparties the heuristics link to
it: deposit-address reuse, common funding source, and, with --mixer-events, mixer deposit/withdrawal
pairs that amount, timing and gas price single out. Each link is printed with the heuristic, the other
address and the evidence. The transfers must end: a file, or evm:<url>?endBlock=<n>. Malformed transfer
records are reported and skipped. Exits 0 whatever the score, 2 on a malformed address, an unknown
chain or a malformed mixer events file (naming the record).

Examples:
  $ argus linkability 0x7f367cc41522ce07553e823bf3be79a889debe1b --transfers transfers.jsonl
  $ argus linkability 0x7f367cc41522ce07553e823bf3be79a889debe1b --transfers t.jsonl \\
      --mixer-events tornado.json --pool 0x910cbd523d972eb0a6f4cae4618ad62622b39dbf --json`,
    )
    .action((address: string, opts: LinkabilityCliOptions) => runLinkability(address, opts));
}
