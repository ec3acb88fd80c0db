import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ArgusError } from '../../core/errors.js';
import { DETECTOR_NAMES, type DetectorName } from '../../ml/detectorFactory.js';
import { readFeatureTable } from '../../ml/featureTable.js';
import { scoreTable } from '../../ml/scoreTable.js';
import { consoleOutput, reportError } from '../output.js';
import { registerMlTrainCommands } from './mlTrain.js';

interface ScoreOptions {
  data: string;
  ignore?: string;
  id?: string;
  detector: string;
  out?: string;
  seed: string;
}

export function registerMlCommands(program: Command): void {
  const ml = program
    .command('ml')
    .description('the learning core: fit and score anomaly detectors on feature tables');
  registerMlTrainCommands(ml);
  ml.command('score')
    .description(
      'fit a detector unsupervised on a CSV feature table and write id,score (higher = more anomalous)',
    )
    .requiredOption('--data <csv>', 'the feature table, one row per entity, header in the first row')
    .option(
      '--ignore <cols>',
      'columns the model must never read, e.g. a label or addresses (comma-separated)',
    )
    .option('--id <col>', 'column that identifies each row in the output (default: row number)')
    .option('--detector <name>', `one of ${DETECTOR_NAMES.join(', ')}`, 'iforest')
    .option('--out <csv>', 'where to write id,score (default: stdout)')
    .option('--seed <n>', 'random seed, for identical results run to run', '1')
    .addHelpText(
      'after',
      `
Detectors: iforest (isolation forest), hbos (per-feature histograms, fastest), kmeans (distance to
cluster centres), ocsvm (one-class SVM, RBF kernel, fit on a sample of 2,000 rows), autoencoder
(reconstruction error of a small neural network; the slowest to fit), and ensemble (iforest, kmeans
and ocsvm rank-averaged, each weighted by how well it agrees with the others).

Non-numeric columns are frequency-encoded (or dropped when every value is distinct), empty cells are
treated as missing, and rows with the wrong number of cells are skipped; each is reported on stderr.

Example:
  $ argus ml score --data accounts.csv --ignore FLAG,Address --id Address --detector iforest --out scores.csv`,
    )
    .action((opts: ScoreOptions) => {
      const output = consoleOutput(false);
      try {
        if (!(DETECTOR_NAMES as readonly string[]).includes(opts.detector)) {
          throw new ArgusError(
            'INPUT_INVALID',
            `--detector: expected one of ${DETECTOR_NAMES.join(', ')}, got "${opts.detector}"`,
          );
        }
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed))
          throw new ArgusError('INPUT_INVALID', `--seed: expected an integer, got "${opts.seed}"`);
        let text: string;
        try {
          text = readFileSync(opts.data, 'utf8');
        } catch (cause) {
          throw new ArgusError('INPUT_INVALID', `cannot read ${opts.data}: ${(cause as Error).message}`);
        }
        const ignore = opts.ignore
          ? opts.ignore
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
        const table = readFeatureTable(text, { ignore, ...(opts.id ? { id: opts.id } : {}) });
        for (const notice of table.notices) process.stderr.write(`notice: ${notice}\n`);
        if (table.x.rows === 0 || table.x.cols === 0) {
          throw new ArgusError('INPUT_INVALID', 'no rows or no usable feature columns to score');
        }
        const scores = scoreTable(table, opts.detector as DetectorName, seed);
        const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const lines = [
          'id,score',
          ...table.ids.map((id, i) => `${quote(id)},${(scores[i] as number).toFixed(6)}`),
        ];
        if (opts.out) {
          writeFileSync(opts.out, `${lines.join('\n')}\n`);
          process.stderr.write(
            `wrote ${table.ids.length} scores to ${opts.out} (${table.columns.length} features, detector ${opts.detector})\n`,
          );
        } else {
          output.out(lines.join('\n'));
        }
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
