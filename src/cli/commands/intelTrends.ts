import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { parseTime } from '../../core/parseTime.js';
import { MENTION_BUCKETS, type MentionBucket } from '../../intel/pipeline/buckets.js';
import { formatTrends } from '../../intel/pipeline/formatTrends.js';
import { intelTrends } from '../../intel/pipeline/intelTrends.js';
import { withStore } from '../context.js';
import { wholeNumber } from '../numberOption.js';
import { consoleOutput, printJson, reportError } from '../output.js';

interface TrendsOptions {
  kind: string;
  bucket?: string;
  since?: string;
  buckets: string;
  top: string;
  json?: boolean;
}

const KINDS = ['technique', 'protocol', 'package', 'cve', 'ghsa', 'swc', 'address'];

export function registerIntelTrendsCommand(intel: Command): void {
  intel
    .command('trends')
    .description('mention volume per entity and bucket, with the bursts the early warning finds')
    .option('--kind <kind>', `entity kind: ${KINDS.join(', ')}`, 'technique')
    .option('--bucket <unit>', `${MENTION_BUCKETS.join(', ')} (default intel.bursts.bucket)`)
    .option('--since <date>', 'first bucket shown (a date such as 2024-01-01); default --buckets back')
    .option('--buckets <n>', 'buckets shown when --since is not given', '12')
    .option('--top <n>', 'entities shown, the most mentioned first', '10')
    .option('--json', 'print the series and bursts as JSON')
    .addHelpText(
      'after',
      `
Each row is one entity: its mentions per bucket (documents naming it, by publication date), the total
and a sparkline. A * marks a bucket inside a burst: an EWMA z-score at or above intel.bursts.zThreshold
with at least intel.bursts.minCount mentions, against a baseline learned from all stored history. The
bursts are listed under the table. With more than 16 buckets only the sparkline is drawn.

Examples:
  $ argus intel trends
  $ argus intel trends --kind protocol --bucket month --since 2023-01-01
  $ argus intel trends --kind package --top 20 --json`,
    )
    .action(async (opts: TrendsOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const top = wholeNumber(opts.top, '--top', 1);
        const buckets = wholeNumber(opts.buckets, '--buckets', 1);
        if (opts.bucket !== undefined && !(MENTION_BUCKETS as readonly string[]).includes(opts.bucket)) {
          throw new ArgusError(
            'INPUT_INVALID',
            `--bucket: expected one of ${MENTION_BUCKETS.join(', ')}, got "${opts.bucket}"`,
          );
        }
        const since = opts.since === undefined ? undefined : parseTime(opts.since);
        if (opts.since !== undefined && since === undefined) {
          throw new ArgusError(
            'INPUT_INVALID',
            `--since: expected a date such as 2024-01-01, got "${opts.since}"`,
          );
        }
        const trends = await withStore(cmd, ({ store, loaded }) => {
          const settings = loaded.config.intel.bursts;
          const bucket = (opts.bucket as MentionBucket | undefined) ?? settings.bucket;
          return intelTrends(
            store.intelDocuments,
            { kind: opts.kind, bucket, top, buckets, ...(since !== undefined ? { since } : {}) },
            settings,
          );
        });
        if (output.json) printJson(output, trends);
        else output.out(formatTrends(trends));
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
