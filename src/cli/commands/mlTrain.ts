import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { collectFeedback } from '../../monitor/feedback/collectFeedback.js';
import { saveFeedbackModel } from '../../monitor/feedback/feedbackModel.js';
import { trainFromFeedback } from '../../monitor/feedback/trainFromFeedback.js';
import { withStore } from '../context.js';
import { wholeNumber } from '../numberOption.js';
import { consoleOutput, printJson, reportError } from '../output.js';

interface TrainFeedbackOptions {
  out: string;
  minLabels: string;
  since?: string;
  seed: string;
  json?: boolean;
}

/** An ISO date/time or epoch milliseconds. */
function sinceOption(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ArgusError(
      'INPUT_INVALID',
      `--since: expected an ISO date or epoch milliseconds, got "${value}"`,
      {
        hint: 'e.g. --since 2026-01-01 or --since 2026-01-01T00:00:00Z',
      },
    );
  }
  return ms;
}

/** `argus ml train-feedback`: a supervised model from analysts' verdicts on monitor alerts. */
export function registerMlTrainCommands(ml: Command): void {
  ml.command('train-feedback')
    .description(
      'train a gradient-boosted classifier on monitor alerts analysts resolved (confirmed) or marked false-positive',
    )
    .requiredOption('--out <model.json>', 'where to write the saved model')
    .option('--min-labels <n>', 'refuse to train with fewer labels than this of either class', '20')
    .option('--since <date>', 'only alerts last seen at or after this time (ISO date or epoch ms)')
    .option('--seed <n>', 'random seed for the cross-validation folds', '1')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      `
Each triaged alert's feature evidence becomes a row (features it lacks count as missing); resolved
alerts are positives, false positives negatives, open and acknowledged ones are not used. Classes are
weighted equally. The estimate printed is the 5-fold cross-validated average precision: how well the
model ranks confirmed alerts above false positives it has not seen (the share of confirmed alerts
is what a random ranking would score). Exits 2 without writing when there are too few labels.

Examples:
  $ argus ml train-feedback --out models/feedback.json
  $ argus ml train-feedback --out feedback.json --min-labels 50 --since 2026-01-01`,
    )
    .action(async (opts: TrainFeedbackOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const minLabels = wholeNumber(opts.minLabels, '--min-labels', 1);
        const seed = wholeNumber(opts.seed, '--seed', 0);
        const since = opts.since === undefined ? undefined : sinceOption(opts.since);
        const rows = await withStore(cmd, ({ store }) => collectFeedback(store, since));
        const result = trainFromFeedback(rows, { minLabels, seed });
        if ('reason' in result) {
          throw new ArgusError('INPUT_INVALID', `not enough feedback to train: ${result.reason}`, {
            hint: 'triage more monitor alerts (argus alerts resolve <id> [--false-positive]) or lower --min-labels',
          });
        }
        try {
          writeFileSync(opts.out, `${JSON.stringify(saveFeedbackModel(result.model))}\n`);
        } catch (cause) {
          throw new ArgusError('INPUT_INVALID', `cannot write ${opts.out}: ${(cause as Error).message}`);
        }
        const summary = {
          out: opts.out,
          confirmed: result.positives,
          falsePositives: result.negatives,
          skipped: rows.skipped,
          trees: result.model.treeCount,
          cvAveragePrecision: result.cvAveragePrecision ?? null,
        };
        if (output.json) return printJson(output, summary);
        output.out(
          `labels: ${summary.confirmed} confirmed, ${summary.falsePositives} false positives` +
            (summary.skipped ? ` (${summary.skipped} alerts without feature evidence skipped)` : ''),
        );
        if (result.cvAveragePrecision !== undefined) {
          const baseRate = summary.confirmed / (summary.confirmed + summary.falsePositives);
          output.out(
            `cross-validated average precision: ${result.cvAveragePrecision.toFixed(3)} (random ranking: ${baseRate.toFixed(3)})`,
          );
        }
        output.out(`wrote ${summary.trees} trees to ${opts.out}`);
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
