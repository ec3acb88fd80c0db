import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type AuthStore, buildAuth } from '../../auth/buildAuth.js';
import { ARGUS_DETECTOR, REFERENCE_DETECTOR } from '../../auth/keystroke/detectors/registry.js';
import { readKeystrokeCsv } from '../../auth/keystroke/keystrokeCsv.js';
import { evaluateKeystrokes } from '../../auth/keystroke/keystrokeEval.js';
import type { RiskAssessment } from '../../auth/risk/riskEngine.js';
import { signalTable } from '../../auth/risk/signals.js';
import { loadConfig } from '../../core/config/load.js';
import type { ArgusConfig } from '../../core/config/schema.js';
import { ArgusError } from '../../core/errors.js';
import type { AuthProfileRepository, Store } from '../../store/types.js';
import { withStore } from '../context.js';
import { consoleOutput, formatTable, type Output, printJson, reportError } from '../output.js';

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

interface AssessOptions {
  user: string;
  ip: string;
  outcome: string;
  device?: string;
  userAgent?: string;
  geo?: string;
  keystrokes?: string;
  expectKeystrokes?: boolean;
  learn?: boolean;
  json?: boolean;
}

/** `--geo 52.52,13.40,DE`: latitude, longitude and optionally the two-letter country. */
function parseGeo(text: string): { lat: number; lon: number; country?: string } {
  const [lat, lon, country, ...rest] = text.split(',').map((p) => p.trim());
  const la = Number(lat);
  const lo = Number(lon);
  if (rest.length > 0 || lat === '' || lon === '' || !Number.isFinite(la) || !Number.isFinite(lo)) {
    throw new ArgusError('INPUT_INVALID', `--geo: expected "lat,lon" or "lat,lon,CC", got "${text}"`, {
      hint: 'e.g. --geo 52.52,13.40,DE',
    });
  }
  return country === undefined || country === '' ? { lat: la, lon: lo } : { lat: la, lon: lo, country };
}

/** A keystrokes file: the array POST /v1/auth/assess takes, or an object with a `keystrokes` array. */
function readKeystrokes(file: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `--keystrokes: cannot read ${file}: ${(cause as Error).message}`, {
      hint: 'expected JSON: [{"key": "*", "down": 0, "up": 95}, ...] with times in ms',
    });
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'keystrokes' in parsed) {
    return (parsed as { keystrokes: unknown }).keystrokes;
  }
  return parsed;
}

/** The store's profiles, read but never written: a dry run sees the user as they are and leaves them so. */
function readOnlyProfiles(profiles: AuthProfileRepository): AuthProfileRepository {
  return {
    get: (userId) => profiles.get(userId),
    count: () => profiles.count(),
    put: async (userId, data, at, expectedRevision) => ({
      userId,
      data,
      revision: (expectedRevision ?? 0) + 1,
      updatedAt: at,
    }),
  };
}

function authStoreOf(store: Store, learn: boolean): AuthStore {
  return {
    authProfiles: learn ? store.authProfiles : readOnlyProfiles(store.authProfiles),
    mfaFactors: store.mfaFactors,
    trustedDevices: store.trustedDevices,
    authChallenges: store.authChallenges,
    stepUps: store.stepUps,
    authDecisions: store.authDecisions,
  };
}

function printAssessment(
  output: Output,
  a: RiskAssessment,
  ip: string,
  config: ArgusConfig['auth'],
  learn: boolean,
): void {
  output.out(
    `${a.userId} from ${ip}: ${a.decision.toUpperCase()}` +
      ` (score ${a.score.toFixed(3)}; challenge at ${config.challengeAt}, deny at ${config.denyAt})` +
      (a.factor === undefined ? '' : `, factor: ${a.factor}`),
  );
  const template = a.user.keystrokeEnrolled
    ? `enrolled (${a.user.samples} samples)`
    : `${a.user.samples} of ${config.keystroke.enrolSamples} samples`;
  output.out(
    `user: ${a.user.known ? 'known' : 'no login history'}; keystroke template: ${template}; ` +
      `trusted device: ${a.trustedDevice ? 'yes' : 'no'}`,
  );
  output.out('');
  if (a.reasons.length === 0) {
    output.out('no signal fired');
  } else {
    output.out(
      formatTable(
        ['signal', 'weight', 'strength', 'contribution', 'detail'],
        a.reasons.map((r) => [
          r.signal,
          r.weight.toFixed(2),
          r.strength.toFixed(2),
          r.contribution.toFixed(2),
          r.detail,
        ]),
        100,
      ),
    );
  }
  output.out('');
  output.out(
    learn
      ? `recorded as ${a.id}; learnt from it: ${a.learning}`
      : 'dry run: the profile and the decision log were not changed (--learn records the attempt)',
  );
}

export function registerAuthCommands(program: Command): void {
  const auth = program
    .command('auth')
    .description('adaptive authentication: keystroke dynamics and the other login signals');
  auth
    .command('signals')
    .description('list the risk signals with their configured weights and what each measures')
    .option('--json', 'print [{"id", "weight", "description", "trustedDeviceSuppresses", "gate"}]')
    .addHelpText(
      'after',
      `
The score is 1 - (1 - w1*s1)(1 - w2*s2)... over the signals that fired, w the weight (auth.weights in the
config; 0 turns a signal off) and s its strength in [0, 1]. A gate (a pending step-up) forces at least a
challenge whatever the score. "silenced on trusted device": a device that passed a challenge does not fire it.

Examples:
  $ argus auth signals
  $ ARGUS_AUTH__WEIGHTS__NEWIP=0 argus auth signals --json`,
    )
    .action((opts: { json?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const globals = cmd.optsWithGlobals() as { config?: string };
        const { config } = loadConfig({ file: globals.config });
        const table = signalTable(config.auth.weights);
        if (opts.json) {
          printJson(output, table);
          return;
        }
        output.out(
          formatTable(
            ['signal', 'weight', 'kind', 'silenced on trusted device', 'what it measures'],
            table.map((s) => [
              s.id,
              s.weight.toFixed(2),
              s.gate ? 'gate' : s.weight > 0 ? 'score' : 'off',
              s.trustedDeviceSuppresses ? 'yes' : 'no',
              s.description,
            ]),
            140,
          ),
        );
        output.out('');
        output.out(
          `challenge at score >= ${config.auth.challengeAt}, deny at >= ${config.auth.denyAt}; ` +
            `keystroke template after ${config.auth.keystroke.enrolSamples} genuine logins`,
        );
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
  auth
    .command('assess')
    .description('assess one login attempt against the store, as POST /v1/auth/assess does, and explain it')
    .requiredOption('--user <id>', 'the user id')
    .requiredOption('--ip <address>', 'the IPv4 or IPv6 address of the attempt')
    .option('--outcome <outcome>', 'the password check: success, failure or unknown', 'success')
    .option('--device <fingerprint>', 'the device fingerprint the client computed')
    .option('--user-agent <ua>', 'the user agent')
    .option('--geo <lat,lon[,CC]>', 'where the attempt came from, e.g. 52.52,13.40,DE')
    .option('--keystrokes <file.json>', 'key timings: [{"key", "down", "up"}, ...] in ms, in typing order')
    .option('--expect-keystrokes', 'the client expected typing (no keystrokes then is a bot sign)')
    .option(
      '--learn',
      'record the attempt: write the decision log and let an allowed success teach the profile',
    )
    .option('--json', 'print the assessment as the API returns it (with "dryRun": true without --learn)')
    .addHelpText(
      'after',
      `
Without --learn this is a dry run: the user's profile, pending step-ups, factors and trusted devices
are read from the store (the config's), and nothing is written. Velocity and credential-stuffing
signals count attempts in the server's memory, so a one-off assessment here never fires them.

Examples:
  $ argus auth assess --user alice --ip 203.0.113.7 --device fp-laptop-1
  $ argus auth assess --user alice --ip 2001:db8::1 --geo -33.87,151.21,AU --keystrokes sample.json --json`,
    )
    .action(async (opts: AssessOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const learn = Boolean(opts.learn);
        const body: Record<string, unknown> = { userId: opts.user, ip: opts.ip, outcome: opts.outcome };
        if (opts.device !== undefined) body.deviceFingerprint = opts.device;
        if (opts.userAgent !== undefined) body.userAgent = opts.userAgent;
        if (opts.geo !== undefined) body.geo = parseGeo(opts.geo);
        if (opts.keystrokes !== undefined) body.keystrokes = readKeystrokes(opts.keystrokes);
        if (opts.expectKeystrokes) body.keystrokesExpected = true;
        await withStore(cmd, async ({ loaded, store }) => {
          const built = await buildAuth({
            config: loaded.config.auth,
            store: authStoreOf(store, learn),
            baseDir: loaded.baseDir,
            logger: { error: (message) => output.err(message) },
            recordDecisions: learn,
            purgeChallenges: false,
          });
          try {
            const assessment = await built.engine.assess(body);
            if (opts.json) printJson(output, learn ? assessment : { ...assessment, dryRun: true });
            else printAssessment(output, assessment, opts.ip, built.config, learn);
          } finally {
            await built.close();
          }
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
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
