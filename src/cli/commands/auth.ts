import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ARGUS_DETECTOR, REFERENCE_DETECTOR } from '../../auth/keystroke/detectors/registry.js';
import { readKeystrokeCsv } from '../../auth/keystroke/keystrokeCsv.js';
import { evaluateKeystrokes } from '../../auth/keystroke/keystrokeEval.js';
import { ArgusError } from '../../core/errors.js';
import { consoleOutput, formatTable, printJson, reportError } from '../output.js';

interface KeystrokeEvalOptions {
  data: string;
  train: string;
  impostorReps: string;
  json?: boolean;
}

/** Rejected rows printed one by one before the rest are only counted. */
const REJECTED_SHOWN = 10;

function positiveInteger(option: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new ArgusError('INPUT_INVALID', `${option}: expected a positive integer, got "${value}"`);
  }
  return n;
}

export function registerAuthCommands(program: Command): void {
  const auth = program
    .command('auth')
    .description('adaptive authentication: keystroke dynamics and the other login signals');
  auth
    .command('keystroke-eval')
    .description(
      "run Killourhy & Maxion's keystroke benchmark protocol and print each detector's mean and sd EER " +
        'and zero-miss false-alarm rate',
    )
    .requiredOption(
      '--data <csv>',
      'keystroke samples: a CMU-style feature table or raw press/release timings',
    )
    .option('--train <n>', "genuine samples each subject's detector is trained on (the first n)", '200')
    .option('--impostor-reps <k>', 'impostor samples taken from every other subject (the first k)', '5')
    .option('--json', 'print {"detectors": [{"name", "meanEER", "sdEER", "zeroMissFAR"}]}')
    .addHelpText(
      'after',
      `
For each subject: every detector is fitted on that subject's first --train samples only, then scores
the subject's remaining samples (genuine) and the first --impostor-reps samples of every other subject
(impostors). The equal-error rate and the zero-miss false-alarm rate (false alarms when no impostor is
missed) are computed per subject and averaged. scaled-manhattan, Killourhy & Maxion's best detector
(mean EER 0.0962 on their CMU data), is always run as the reference; argus is Argus's detector.

Layouts, detected from the header:
  feature table  subject,sessionIndex,rep,<numeric timing features>   (DSL-StrongPasswordData.csv)
  raw timings    user,press-0,release-0,...,press-(n-1),release-(n-1)  in ms; hold, down-down and
                 up-down times are derived as for samples posted by the browser
Malformed rows are left out and reported on stderr with their line and column.

Examples:
  $ argus auth keystroke-eval --data DSL-StrongPasswordData.csv --train 200 --impostor-reps 5
  $ argus auth keystroke-eval --data keystroke.csv --train 4 --impostor-reps 1 --json`,
    )
    .action((opts: KeystrokeEvalOptions) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const train = positiveInteger('--train', opts.train);
        const impostorReps = positiveInteger('--impostor-reps', opts.impostorReps);
        let text: string;
        try {
          text = readFileSync(opts.data, 'utf8');
        } catch (cause) {
          throw new ArgusError('INPUT_INVALID', `cannot read ${opts.data}: ${(cause as Error).message}`);
        }
        const data = readKeystrokeCsv(text);
        for (const row of data.rejected.slice(0, REJECTED_SHOWN)) output.err(`rejected: ${row.message}`);
        if (data.rejected.length > REJECTED_SHOWN) {
          output.err(`rejected: ${data.rejected.length - REJECTED_SHOWN} more rows`);
        }
        if (data.rejected.length > 0) output.err(`${data.rejected.length} malformed rows left out`);
        const result = evaluateKeystrokes(data.subjects, { train, impostorReps });
        if (result.skipped.length > 0) {
          output.err(
            `${result.skipped.length} subjects have no more than ${train} samples and are only used as impostors: ` +
              result.skipped.slice(0, 10).join(', ') +
              (result.skipped.length > 10 ? ', ...' : ''),
          );
        }
        if (opts.json) {
          printJson(output, {
            detectors: result.detectors.map((d) => ({
              name: d.name,
              meanEER: d.meanEER,
              sdEER: d.sdEER,
              zeroMissFAR: d.zeroMissFAR,
            })),
          });
          return;
        }
        const reference = result.detectors.find((d) => d.name === REFERENCE_DETECTOR);
        const layout = data.layout === 'raw-timings' ? 'raw timings' : 'feature table';
        output.out(
          `${opts.data}: ${layout}, ${data.features.length} features, ${result.subjects} subjects evaluated; ` +
            `each trained on its first ${train} samples and tested on the rest and on the first ` +
            `${impostorReps} of every other subject`,
        );
        output.out('');
        const rows = result.detectors.map((d) => {
          const relative =
            d.name === REFERENCE_DETECTOR
              ? 'reference'
              : reference && reference.meanEER > 0
                ? `${d.meanEER > reference.meanEER ? '+' : ''}${(((d.meanEER - reference.meanEER) / reference.meanEER) * 100).toFixed(1)}%`
                : '-';
          return [
            d.name === ARGUS_DETECTOR ? `${d.name} *` : d.name,
            d.meanEER.toFixed(4),
            d.sdEER.toFixed(4),
            d.zeroMissFAR.toFixed(4),
            relative,
          ];
        });
        output.out(
          formatTable(['detector', 'mean EER', 'sd EER', 'zero-miss FAR', 'EER vs reference'], rows),
        );
        output.out('');
        output.out(
          `* Argus's detector; ${REFERENCE_DETECTOR} is Killourhy & Maxion's (published mean EER 0.0962 on CMU)`,
        );
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
