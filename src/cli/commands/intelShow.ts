import type { Command } from 'commander';
import { NotFoundError } from '../../core/errors.js';
import { sentiment } from '../../intel/nlp/sentiment.js';
import { withStore } from '../context.js';
import { consoleOutput, formatTime, printJson, reportError } from '../output.js';

interface ShowOptions {
  json?: boolean;
  raw?: boolean;
}

function sentimentWord(score: number): string {
  if (score <= -0.5) return 'harm';
  if (score < -0.05) return 'mostly harm';
  if (score >= 0.5) return 'repair';
  if (score > 0.05) return 'mostly repair';
  return 'neutral';
}

export function registerIntelShowCommand(intel: Command): void {
  intel
    .command('show')
    .description('one stored document with its entities and sentiment')
    .argument('<id>', 'the document id, as search lists it (osv:GHSA-…, nvd:CVE-…, rss:…, text:…)')
    .option('--json', 'print the document and its sentiment as JSON')
    .option('--raw', 'also print the source record (OSV JSON, NVD CVE)')
    .addHelpText(
      'after',
      `
Sentiment is scored on a lexicon written for security writing: below 0 the text speaks of harm
(exploited, drained, stolen), above 0 of repair (patched, recovered, reimbursed), in (-1, 1).

Examples:
  $ argus intel show osv:GHSA-c2qf-rxjj-qqgw
  $ argus intel show nvd:CVE-2021-44228 --raw
  $ argus intel show "text:postmortems/oracle-incident.md#0" --json`,
    )
    .action(async (id: string, opts: ShowOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const document = await withStore(cmd, ({ store }) => store.intelDocuments.get(id));
        if (!document) throw new NotFoundError('intel document', id);
        const mood = sentiment(`${document.title}\n${document.body}`);
        if (output.json) {
          const { raw, ...rest } = document;
          printJson(output, {
            ...rest,
            ...(opts.raw ? { raw } : {}),
            sentiment: {
              score: mood.score,
              positive: mood.positive,
              negative: mood.negative,
              terms: mood.terms,
            },
          });
          return;
        }
        output.out(document.title);
        output.out('');
        output.out(`id         ${document.id}`);
        output.out(`source     ${document.source} (${document.kind}) from ${document.origin}`);
        if (document.url) output.out(`url        ${document.url}`);
        output.out(`published  ${formatTime(document.publishedAt)}`);
        output.out(`modified   ${formatTime(document.modifiedAt)}`);
        const byKind = new Map<string, string[]>();
        for (const e of document.entities) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e.value]);
        output.out(byKind.size === 0 ? 'entities   none found' : 'entities');
        for (const [kind, values] of byKind) output.out(`  ${kind.padEnd(10)} ${values.join(', ')}`);
        const terms = mood.terms.map((t) => `${t.term} ${t.weight > 0 ? '+' : ''}${t.weight.toFixed(1)}`);
        output.out(
          `sentiment  ${mood.score.toFixed(2)} (${sentimentWord(mood.score)})${terms.length > 0 ? `: ${terms.slice(0, 12).join(', ')}` : ''}`,
        );
        output.out('');
        output.out(document.body);
        if (opts.raw) output.out(`\n${document.raw}`);
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
