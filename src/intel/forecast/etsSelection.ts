import { ArgusError } from '../../core/errors.js';
import {
  fitHoltWinters,
  type HoltWintersModel,
  type HoltWintersSpec,
  minimumLength,
  type TrendKind,
} from './holtWinters.js';

/**
 * Model selection within the Holt-Winters family by AICc (Hyndman et al. 2008, §7.2; the rule of
 * forecast::ets): every candidate is fitted by maximum likelihood on the same data and the lowest
 * AICc wins. Candidates are trend none / additive / damped crossed with no season and, when a period
 * is given and two full seasons fit in the data, an additive and (for a strictly positive series) a
 * multiplicative season: up to nine additive-error models, ETS(A,N,N), simple exponential smoothing,
 * among them. Their likelihoods are comparable because all are fitted to the same untransformed values.
 * forecast::ets leaves the additive-error multiplicative-season models out by default as numerically
 * fragile; issue 7 asks for the multiplicative Holt-Winters, so they stay, and a candidate whose level
 * or season collapses while fitting is simply dropped. Candidates with k + 1 >= n parameters have no
 * AICc and are dropped too. Nelder-Mead and the least-squares states are deterministic, so the same
 * series always selects the same model.
 */
export interface EtsCandidate {
  /** ETS(A,N,N), ETS(A,Ad,M), ...: error, trend, season in the book's notation. */
  name: string;
  spec: HoltWintersSpec;
  /** The fitted model, or why it was left out. */
  model?: HoltWintersModel;
  aicc: number;
  skipped?: string;
}

export interface EtsSelection {
  model: HoltWintersModel;
  name: string;
  candidates: EtsCandidate[];
}

export interface EtsSelectionOptions {
  /** Season length to try besides no season (1 or absent: non-seasonal candidates only). */
  period?: number;
  trends?: readonly TrendKind[];
  /** Whether to try the multiplicative season (default: whenever the series is strictly positive). */
  multiplicative?: boolean;
}

const TREND_CODE: Record<TrendKind, string> = { none: 'N', additive: 'A', damped: 'Ad' };

export function etsName(spec: HoltWintersSpec): string {
  const season = spec.period <= 1 ? 'N' : spec.season === 'additive' ? 'A' : 'M';
  return `ETS(A,${TREND_CODE[spec.trend]},${season})`;
}

/** The candidate specs, simplest first, so that a tie keeps the simpler model. */
export function etsCandidates(y: ArrayLike<number>, options: EtsSelectionOptions = {}): HoltWintersSpec[] {
  const trends = options.trends ?? ['none', 'additive', 'damped'];
  const m = Math.max(1, Math.floor(options.period ?? 1));
  const specs: HoltWintersSpec[] = trends.map((trend) => ({ season: 'additive', period: 1, trend }));
  if (m > 1 && y.length >= minimumLength({ period: m })) {
    for (const trend of trends) specs.push({ season: 'additive', period: m, trend });
    let positive = true;
    for (let t = 0; t < y.length; t++) if (!((y[t] as number) > 0)) positive = false;
    if ((options.multiplicative ?? true) && positive) {
      for (const trend of trends) specs.push({ season: 'multiplicative', period: m, trend });
    }
  }
  return specs;
}

export function selectEts(y: ArrayLike<number>, options: EtsSelectionOptions = {}): EtsSelection {
  const candidates: EtsCandidate[] = [];
  let best: EtsCandidate | undefined;
  for (const spec of etsCandidates(y, options)) {
    const name = etsName(spec);
    if (y.length < minimumLength(spec)) {
      candidates.push({ name, spec, aicc: Number.NaN, skipped: `needs ${minimumLength(spec)} observations` });
      continue;
    }
    let model: HoltWintersModel;
    try {
      model = fitHoltWinters(y, spec);
    } catch (error) {
      if (!(error instanceof ArgusError)) throw error;
      candidates.push({ name, spec, aicc: Number.NaN, skipped: error.message });
      continue;
    }
    if (!Number.isFinite(model.aicc) && model.aicc !== Number.NEGATIVE_INFINITY) {
      candidates.push({ name, spec, model, aicc: model.aicc, skipped: 'too few observations for its AICc' });
      continue;
    }
    const candidate = { name, spec, model, aicc: model.aicc };
    candidates.push(candidate);
    if (best === undefined || candidate.aicc < best.aicc) best = candidate;
  }
  if (best?.model === undefined) {
    throw new ArgusError(
      'INPUT_INVALID',
      `no exponential smoothing model could be fitted to ${y.length} values`,
      {
        input: y.length,
        hint: 'simple exponential smoothing needs at least 5 finite observations for its AICc',
      },
    );
  }
  return { model: best.model, name: best.name, candidates };
}
