import { fired, quiet, type RiskSignal, round, type SignalResult } from '../signal.js';

/** Intervals needed before rhythm is judged: a pair or two of keys can be regular by chance. */
const MIN_INTERVALS = 3;
/** Holds within this of each other count as identical (browsers give 1 ms or finer when not coarsened). */
const IDENTICAL_HOLD_MS = 0.5;
/**
 * Coarse timers some browsers impose against fingerprinting (Tor / resistFingerprinting: 100 ms; some
 * 60 Hz clamps: 16.67 ms; 50 ms seen in the wild). On such a grid a person's holds often come out
 * identical and intervals equal, so the regularity checks would flag people: they are skipped there.
 */
const COARSE_GRIDS_MS = [100, 50, 1000 / 60];

/**
 * Signs of a script rather than a person: keystrokes missing where typing was expected (strength 1
 * when the client says typing was expected, 0.5 when only the user's template exists: pasting and
 * password managers look the same), a machine-regular rhythm (coefficient of variation of down-down
 * intervals below bot.maxIntervalCv, people type at 0.3-0.6), every key held exactly as long, or a
 * mean interval below bot.minMeanIntervalMs. The strongest sign wins.
 */
export const botSignal: RiskSignal = {
  id: 'bot',
  description:
    'no keystrokes where expected (1; 0.5 if only a template exists), interval CV < bot.maxIntervalCv, identical holds, or mean interval < bot.minMeanIntervalMs (1)',
  trustedDeviceSuppresses: false,
  evaluate({ input, profile, config }) {
    const sample = input.keystrokes;
    if (sample === undefined) {
      if (input.keystrokesExpected) return fired(1, 'no keystrokes although the client expected typing');
      if (profile?.keystroke?.ready) {
        return fired(0.5, 'no keystrokes, but this user types the phrase: pasted, autofilled or scripted');
      }
      return quiet('no keystrokes, none expected');
    }
    const f = sample.features;
    const keys = sample.keys.length;
    if (keys - 1 < MIN_INTERVALS) return quiet(`${keys} keys: too few to judge the rhythm`);
    const holds: number[] = [];
    const intervals: number[] = [];
    for (let i = 0; i < keys; i++) {
      holds.push(f[3 * i] as number);
      if (i < keys - 1) intervals.push(f[3 * i + 1] as number);
    }
    const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    const sd = Math.sqrt(intervals.reduce((a, b) => a + (b - mean) ** 2, 0) / intervals.length);
    const cv = mean > 0 ? sd / mean : 0;
    const grid = coarseGrid([...holds, ...intervals]);
    const evidence = { keys, meanIntervalMs: mean, intervalCv: cv, timerGridMs: grid ?? 0 };
    const signs: SignalResult[] = [];
    const { maxIntervalCv, minMeanIntervalMs } = config.bot;
    if (mean < minMeanIntervalMs) {
      signs.push(fired(1, `faster than people type: ${round(mean, 1)} ms between keys on average`, evidence));
    }
    if (grid === undefined) {
      if (cv < maxIntervalCv) {
        signs.push(
          fired(1, `machine-regular rhythm: interval variation ${round(cv, 3)} (people: 0.3-0.6)`, evidence),
        );
      }
      if (Math.max(...holds) - Math.min(...holds) < IDENTICAL_HOLD_MS) {
        signs.push(fired(1, `every key held exactly ${round(holds[0] ?? 0, 1)} ms`, evidence));
      }
    }
    if (signs.length > 0) return signs[0] as SignalResult;
    return quiet(
      grid === undefined
        ? `human-like rhythm (interval variation ${round(cv)})`
        : `coarse ${round(grid, 1)} ms timer: regularity not judged`,
      evidence,
    );
  },
};

/** The coarse timer grid every value sits on (to within 1 ms, for clients that round), if any. */
function coarseGrid(values: number[]): number | undefined {
  return COARSE_GRIDS_MS.find((g) => values.every((v) => Math.abs(v - g * Math.round(v / g)) <= 1));
}
