import { normalQuantile } from './normalQuantile.js';

/**
 * Picks a seasonal period for a series from a short list of calendar candidates (7 for days, 12 for
 * months, 24 for hours, 52 for weeks) by the autocorrelation at each candidate lag, after a least-
 * squares line is taken out so that a trend does not lift every lag. A candidate counts when the series
 * holds at least minCycles of it, its autocorrelation is a local peak (at least its neighbours', which
 * the slow decay of a trend or an AR process never is) and exceeds the white-noise bound z/√n. The
 * strongest such candidate wins; with none, the period is 1 (no season).
 */
export interface PeriodOptions {
  candidates?: readonly number[];
  /** Two-sided coverage of the white-noise bound: 0.95 gives z = 1.96. */
  confidence?: number;
  minCycles?: number;
}

export interface CandidateScore {
  period: number;
  acf: number;
  threshold: number;
  peak: boolean;
  significant: boolean;
}

export interface PeriodDetection {
  period: number;
  candidates: CandidateScore[];
}

export const DEFAULT_PERIOD_CANDIDATES: readonly number[] = [7, 12, 24, 52];

export function detectPeriod(y: ArrayLike<number>, options: PeriodOptions = {}): PeriodDetection {
  const candidates = options.candidates ?? DEFAULT_PERIOD_CANDIDATES;
  const minCycles = options.minCycles ?? 2;
  const z = normalQuantile((1 + (options.confidence ?? 0.95)) / 2);
  const n = y.length;
  const x = detrend(y);
  let denominator = 0;
  for (let t = 0; t < n; t++) denominator += (x[t] as number) ** 2;
  const acf = (k: number): number => {
    if (k >= n || denominator === 0) return 0;
    let sum = 0;
    for (let t = k; t < n; t++) sum += (x[t] as number) * (x[t - k] as number);
    return sum / denominator;
  };
  const threshold = z / Math.sqrt(Math.max(1, n));
  const scores: CandidateScore[] = [];
  let period = 1;
  let best = Number.NEGATIVE_INFINITY;
  for (const p of candidates) {
    if (!(Number.isInteger(p) && p >= 2) || n < minCycles * p) continue;
    const value = acf(p);
    const peak = value >= acf(p - 1) && (p + 1 >= n || value >= acf(p + 1));
    const significant = peak && value > threshold;
    scores.push({ period: p, acf: value, threshold, peak, significant });
    if (significant && value > best) {
      best = value;
      period = p;
    }
  }
  return { period, candidates: scores };
}

/** The residuals of a least-squares line through the series (mean zero by construction). */
function detrend(y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t] as number;
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const d = n * sxx - sx * sx;
  const slope = d === 0 ? 0 : (n * sxy - sx * sy) / d;
  const intercept = (sy - slope * sx) / n;
  for (let t = 0; t < n; t++) out[t] = (y[t] as number) - intercept - slope * t;
  return out;
}
