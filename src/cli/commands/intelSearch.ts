import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { searchDocuments } from '../../intel/pipeline/searchDocuments.js';
import { withStore } from '../context.js';
import { wholeNumber } from '../numberOption.js';
import { consoleOutput, formatTable, printJson, reportError } from '../output.js';

interface SearchOptions {
  limit: string;
  json?: boolean;
}

export function registerIntelSearchCommand(intel: Command): void {
  intel
    .command('search')
    .description('full-text search over the stored advisories and texts, best match first')
    .argument('<query...>', 'words that must all occur (no operators); or ids such as CVE-2024-3094')
    .option('--limit <n>', 'most documents shown (1-500)', '20')
    .option('--json', 'print the documents as JSON (without their raw source record)')
    .addHelpText(
      'after',
      `
Titles weigh more than bodies. A query made only of ids (CVE, GHSA, SWC, addresses) also finds the
documents that carry them as entities, such as an OSV advisory listing the CVE among its aliases.

Examples:
  $ argus intel search flash loan oracle
  $ argus intel search CVE-2022-25883
  $ argus intel search "signature replay" --limit 5 --json`,
    )
    .action(async (words: string[], opts: SearchOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const limit = wholeNumber(opts.limit, '--limit', 1);
        if (limit > 500) throw new ArgusError('INPUT_INVALID', `--limit: at most 500, got ${limit}`);
        const query = words.join(' ');
        const found = await withStore(cmd, ({ store }) =>
          searchDocuments(store.intelDocuments, query, limit),
        );
        if (output.json) {
          printJson(
            output,
            found.map(({ raw: _raw, ...d }) => d),
          );
          return;
        }
        if (found.length === 0) {
          output.out(`No documents match "${query}".`);
          return;
        }
        output.out(
          formatTable(
            ['published', 'source', 'id', 'title'],
            found.map((d) => [new Date(d.publishedAt).toISOString().slice(0, 10), d.source, d.id, d.title]),
            60,
          ),
        );
        output.out(`\n${found.length} document(s); argus intel show <id> for one in full.`);
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
