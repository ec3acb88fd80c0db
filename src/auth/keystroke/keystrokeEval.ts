import { ArgusError } from '../../core/errors.js';
import { type Matrix, matrix } from '../../ml/matrix.js';
import { equalErrorRate } from '../../ml/metrics/equalErrorRate.js';
import { zeroMissFalseAlarmRate } from '../../ml/metrics/zeroMissFalseAlarmRate.js';
import type { KeystrokeDetector } from './detectors/keystrokeDetector.js';
import { KEYSTROKE_DETECTORS } from './detectors/registry.js';
import type { KeystrokeSubject } from './keystrokeCsv.js';

export interface KeystrokeEvalOptions {
  /** Genuine samples each subject's detector is trained on: the subject's first N. */
  train: number;
  /** Impostor samples taken from every other subject: its first K. */
  impostorReps: number;
  detectors?: readonly KeystrokeDetector[];
}

export interface SubjectScore {
  subject: string;
  eer: number;
  zeroMissFAR: number;
}

export interface DetectorSummary {
  name: string;
  meanEER: number;
  /** Sample standard deviation over subjects (0 when only one subject was evaluated). */
  sdEER: number;
  /** Mean over subjects of the per-subject zero-miss false-alarm rate. */
  zeroMissFAR: number;
  perSubject: SubjectScore[];
}

export interface KeystrokeEvalResult {
  /** Subjects evaluated as the genuine user. */
  subjects: number;
  /** Subjects left out as genuine users because they have no sample beyond the training ones. */
  skipped: string[];
  train: number;
  impostorReps: number;
  detectors: DetectorSummary[];
}

function takeRows(x: Matrix, from: number, to: number): Matrix {
  const end = Math.min(to, x.rows);
  const start = Math.min(from, end);
  return matrix(end - start, x.cols, x.data.slice(start * x.cols, end * x.cols));
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleSd = (xs: number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / (xs.length - 1));
};

/**
 * Killourhy & Maxion's (2009) protocol. For each subject in turn as the genuine user: fit each detector
 * on that subject's first `train` samples (and nothing else), then score the subject's remaining
 * samples (genuine) and the first `impostorReps` samples of every other subject (impostors); the
 * per-subject equal-error rate and zero-miss false-alarm rate are averaged over subjects.
 */
export function evaluateKeystrokes(
  subjects: readonly KeystrokeSubject[],
  options: KeystrokeEvalOptions,
): KeystrokeEvalResult {
  const { train, impostorReps } = options;
  const detectors = options.detectors ?? KEYSTROKE_DETECTORS;
  if (!Number.isInteger(train) || train < 2) {
    throw new ArgusError('INPUT_INVALID', `--train: expected an integer of at least 2, got ${train}`);
  }
  if (!Number.isInteger(impostorReps) || impostorReps < 1) {
    throw new ArgusError(
      'INPUT_INVALID',
      `--impostor-reps: expected a positive integer, got ${impostorReps}`,
    );
  }
  if (subjects.length < 2) {
    throw new ArgusError(
      'INPUT_INVALID',
      `the protocol needs at least 2 subjects, the data has ${subjects.length}`,
    );
  }
  const cols = subjects[0]?.samples.cols ?? 0;
  const impostorPool = subjects.map((s) => takeRows(s.samples, 0, impostorReps));
  const evaluated = subjects.filter((s) => s.samples.rows > train);
  const skipped = subjects.filter((s) => s.samples.rows <= train).map((s) => s.id);
  if (evaluated.length === 0) {
    const most = Math.max(...subjects.map((s) => s.samples.rows));
    throw new ArgusError('INPUT_INVALID', `no subject has more than ${train} samples (the most is ${most})`, {
      hint: `pass a smaller --train so that some genuine samples are left to test`,
    });
  }

  const perDetector = detectors.map(() => [] as SubjectScore[]);
  for (const subject of evaluated) {
    const genuine = takeRows(subject.samples, train, subject.samples.rows);
    const trainRows = takeRows(subject.samples, 0, train);
    const impostorCount = impostorPool.reduce((n, m, i) => (subjects[i] === subject ? n : n + m.rows), 0);
    const total = genuine.rows + impostorCount;
    const labels = new Uint8Array(total);
    const tests = matrix(total, cols);
    tests.data.set(genuine.data, 0);
    let at = genuine.rows;
    impostorPool.forEach((m, i) => {
      if (subjects[i] === subject) return;
      tests.data.set(m.data, at * cols);
      labels.fill(1, at, at + m.rows);
      at += m.rows;
    });
    detectors.forEach((detector, d) => {
      const score = detector.fit(trainRows);
      const scores = new Float64Array(total);
      for (let i = 0; i < total; i++) scores[i] = score(tests.data.subarray(i * cols, (i + 1) * cols));
      (perDetector[d] as SubjectScore[]).push({
        subject: subject.id,
        eer: equalErrorRate(labels, scores).eer,
        zeroMissFAR: zeroMissFalseAlarmRate(labels, scores),
      });
    });
  }

  return {
    subjects: evaluated.length,
    skipped,
    train,
    impostorReps,
    detectors: detectors.map((detector, d) => {
      const scores = perDetector[d] as SubjectScore[];
      const eers = scores.map((s) => s.eer);
      return {
        name: detector.name,
        meanEER: mean(eers),
        sdEER: sampleSd(eers),
        zeroMissFAR: mean(scores.map((s) => s.zeroMissFAR)),
        perSubject: scores,
      };
    }),
  };
}
