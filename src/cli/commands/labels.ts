import type { Command } from 'commander';
import { type Chain, parseChain } from '../../core/chain.js';
import { ArgusError } from '../../core/errors.js';
import {
  LABEL_CATEGORIES,
  LABEL_SOURCES,
  type Label,
  type LabelCategory,
  type LabelSource,
} from '../../core/label.js';
import { canonicalAddress } from '../../graph/labels/addresses.js';
import { type ImportOptions, importLabels, LABEL_IMPORT_KINDS } from '../../graph/labels/importLabels.js';
import type { LabelFilter } from '../../store/types.js';
import { withStore } from '../context.js';
import { consoleOutput, EXIT_USAGE, formatTable, printJson, reportError } from '../output.js';

/** Rejections shown after an import; the rest are counted. */
const SHOWN_REJECTIONS = 20;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ArgusError('INPUT_INVALID', `${option}: unknown value "${value}"`, {
    input: value,
    hint: `use one of ${allowed.join(', ')}`,
  });
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new ArgusError('INPUT_INVALID', `--limit: expected a whole number from 1 to 500, got "${text}"`);
  }
  return limit;
}

/*
 * --chain means what each format lacks: Forta's lone files do not say their chain, and some DeFiHackLabs
 * incidents link no explorer. OFAC and CryptoScamDB name the chain on every row, so --chain there is a
 * mistake worth saying rather than ignoring.
 */
function importOptionsFor(kind: string, chain: string | undefined): ImportOptions {
  if (chain === undefined) return {};
  const parsed = parseChain(chain);
  if (kind === 'forta') return { chain: parsed };
  if (kind === 'defihacklabs') return { chainWhenUnknown: parsed };
  throw new ArgusError('INPUT_INVALID', `--chain does not apply to ${kind}: its rows name their own chain`, {
    input: chain,
    hint: '--chain is for forta (the chain of a lone list file) and defihacklabs (incidents without an explorer)',
  });
}

function labelRows(labels: readonly Label[]): string[][] {
  return labels.map((l) => [
    l.chain,
    l.address,
    l.category,
    l.source,
    l.label,
    l.listedAt ?? '-',
    l.sourceRef,
  ]);
}

const LABEL_HEADERS = ['chain', 'address', 'category', 'source', 'label', 'listed', 'source ref'];

interface ImportCliOptions {
  chain?: string;
  json?: boolean;
}

interface ListCliOptions {
  chain?: string;
  category?: string;
  source?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

async function runImport(kind: string, path: string, opts: ImportCliOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const source = oneOf(kind, LABEL_IMPORT_KINDS, 'kind');
    const result = await importLabels(source, path, importOptionsFor(source, opts.chain));
    const written = await withStore(cmd, ({ store }) => store.labels.upsertMany(result.labels));
    const summary = {
      kind,
      path,
      read: result.labels.length,
      inserted: written.inserted,
      updated: written.updated,
      duplicates: result.duplicates,
      rejected: result.rejected.length,
      rejections: result.rejected.slice(0, SHOWN_REJECTIONS),
    };
    if (output.json) printJson(output, summary);
    else {
      output.out(
        `${kind}: ${summary.read} labels read from ${path}: ${summary.inserted} new, ${summary.updated} updated; ` +
          `${summary.rejected} rows rejected, ${summary.duplicates} repeats skipped`,
      );
      for (const r of summary.rejections) output.out(`  rejected ${r.position}: ${r.reason}`);
      if (summary.rejected > SHOWN_REJECTIONS) {
        output.out(`  ... and ${summary.rejected - SHOWN_REJECTIONS} more rejected rows, not shown`);
      }
    }
    if (result.labels.length === 0) {
      output.err(`error: no usable label in ${path}; is it in the ${source} format?`);
      process.exitCode = EXIT_USAGE;
    }
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

async function runList(opts: ListCliOptions, cmd: Command): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const limit = parseLimit(opts.limit);
    const filter: LabelFilter = { limit };
    if (opts.chain !== undefined) filter.chain = parseChain(opts.chain);
    if (opts.category !== undefined) {
      filter.category = oneOf<LabelCategory>(opts.category, LABEL_CATEGORIES, '--category');
    }
    if (opts.source !== undefined) filter.source = oneOf<LabelSource>(opts.source, LABEL_SOURCES, '--source');
    if (opts.cursor) filter.cursor = opts.cursor;
    await withStore(cmd, async ({ store }) => {
      const page = await store.labels.list(filter);
      if (output.json) return printJson(output, page);
      if (page.items.length === 0) return output.out('no labels match');
      output.out(formatTable(LABEL_HEADERS, labelRows(page.items), 64));
      if (page.nextCursor) output.out(`\nmore: --cursor ${page.nextCursor}`);
    });
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

async function runShow(
  chainName: string,
  raw: string,
  opts: { json?: boolean },
  cmd: Command,
): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    const chain: Chain = parseChain(chainName);
    const address = canonicalAddress(chain, raw);
    await withStore(cmd, async ({ store }) => {
      const labels = await store.labels.forAddress(chain, address);
      if (output.json) return printJson(output, { chain, address, labels });
      if (labels.length === 0) return output.out(`${chain} ${address}: no labels`);
      output.out(`${chain} ${address}: ${labels.length} label${labels.length === 1 ? '' : 's'}`);
      output.out(formatTable(LABEL_HEADERS, labelRows(labels), 64));
    });
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerLabelCommands(program: Command): void {
  const labels = program
    .command('labels')
    .description('import address labels (sanctions, phishing, scams, hacks) into the store and look them up');

  labels
    .command('import')
    .description(`import one source's list into the store (${LABEL_IMPORT_KINDS.join(', ')})`)
    .argument('<kind>', LABEL_IMPORT_KINDS.join(' | '))
    .argument('<path>', 'the list file, or the folder the dataset comes in')
    .option(
      '--chain <chain>',
      'forta: chain of a lone list file; defihacklabs: chain of incidents without an explorer',
    )
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      `
Malformed rows are rejected with their position and reason, and the rest are imported. Importing a list
again updates the labels it already brought (label, source ref, listed and import dates). Exits 2 when
nothing usable could be read.

Examples:
  $ argus labels import ofac ../shared/data/ofac-sanctioned
  $ argus labels import forta ../shared/data/forta-labelled/labels/1
  $ argus labels import forta phishing_scams.csv --chain polygon
  $ argus labels import cryptoscamdb ../shared/data/cryptoscamdb --json
  $ argus labels import defihacklabs ../shared/data/defihacklabs --chain ethereum`,
    )
    .action((kind: string, path: string, opts: ImportCliOptions, cmd: Command) =>
      runImport(kind, path, opts, cmd),
    );

  labels
    .command('list')
    .description('list stored labels, most recently stored first')
    .option('--chain <chain>', 'only labels on this chain')
    .option('--category <category>', `one of: ${LABEL_CATEGORIES.join(', ')}`)
    .option('--source <source>', `one of: ${LABEL_SOURCES.join(', ')}`)
    .option('--limit <n>', 'how many to show (1-500)', '50')
    .option('--cursor <cursor>', 'continue from a previous page')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ argus labels list --chain ethereum --category sanctions\n  $ argus labels list --source defihacklabs --limit 200 --json',
    )
    .action((opts: ListCliOptions, cmd: Command) => runList(opts, cmd));

  labels
    .command('show')
    .description('every label of one address')
    .argument('<chain>', 'the chain, e.g. ethereum, bsc, bitcoin, tron')
    .argument('<address>', 'the address, in any valid spelling (checksummed or lower-case)')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ argus labels show ethereum 0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b\n  $ argus labels show bitcoin 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa --json',
    )
    .action((chain: string, address: string, opts: { json?: boolean }, cmd: Command) =>
      runShow(chain, address, opts, cmd),
    );
}
