import { Autoencoder } from './autoencoder.js';
import { type SelectionMethod, selectMembers } from './ensembleSelection.js';
import { Hbos } from './hbos.js';
import { IsolationForest } from './isolationForest.js';
import { KMeansDistance } from './kmeansDistance.js';
import type { Matrix } from './matrix.js';
import { type AnomalyDetector, checkSaved, type SavedModel } from './model.js';
import { OneClassSvm } from './oneClassSvm.js';
import { RankNormalizer } from './rankNormalizer.js';

interface EnsembleState {
  members: SavedModel[];
  references: number[][];
  weights: number[];
}

export interface EnsembleOptions {
  /**
   * How members are chosen and weighted at fit, unsupervised (see ensembleSelection.ts). With
   * 'none' (the default) the given weights are used as they are; otherwise the selection's weights
   * multiply them, and members it drops are discarded after fit.
   */
  selection?: SelectionMethod;
}

/** What selection decided at fit, per candidate member in the order given. */
export interface EnsembleSelectionReport {
  method: SelectionMethod;
  kinds: string[];
  correlations: number[];
  weights: number[];
}

const LOADERS: Record<string, (saved: unknown) => AnomalyDetector> = {
  'isolation-forest': (s) => IsolationForest.load(s),
  hbos: (s) => Hbos.load(s),
  'kmeans-distance': (s) => KMeansDistance.load(s),
  autoencoder: (s) => Autoencoder.load(s),
  'one-class-svm': (s) => OneClassSvm.load(s),
  ensemble: (s) => Ensemble.load(s),
};

/** Loads any saved detector this build knows, by the kind in its envelope. */
export function loadDetector(saved: unknown): AnomalyDetector {
  const kind = (saved as Partial<SavedModel> | null)?.kind;
  const load = typeof kind === 'string' ? LOADERS[kind] : undefined;
  if (!load)
    throw new Error(`cannot load a saved model of kind ${String(kind)}: this build does not know it`);
  return load(saved);
}

/**
 * Combines detectors by averaging their scores' ranks (each normalised against its own scores at
 * fit), weighted. Rank averaging is robust to one member's scale and tails, which is why PyOD-style
 * ensembles use it. The score is in [0, 1].
 */
export class Ensemble implements AnomalyDetector {
  readonly kind = 'ensemble';
  /** Every member and weight given, so a refit selects from all of them again. */
  private readonly candidates: AnomalyDetector[];
  private readonly candidateWeights: number[];
  /** The members kept by the last fit (all candidates before fit) and their weights. */
  private members: AnomalyDetector[];
  private weights: number[];
  private readonly selection: SelectionMethod;
  private normalizers: RankNormalizer[] = [];
  private report: EnsembleSelectionReport | undefined;

  constructor(
    members: AnomalyDetector[],
    weights: number[] = members.map(() => 1),
    options: EnsembleOptions = {},
  ) {
    if (members.length === 0) throw new RangeError('an ensemble needs at least one detector');
    if (weights.length !== members.length) throw new RangeError('one weight per detector');
    if (!weights.every((w) => Number.isFinite(w) && w >= 0) || !weights.some((w) => w > 0)) {
      throw new RangeError('ensemble weights must be non-negative and not all zero');
    }
    this.candidates = [...members];
    this.candidateWeights = [...weights];
    this.members = [...members];
    this.weights = [...weights];
    this.selection = options.selection ?? 'none';
  }

  /** The members kept after fit (all of them before) and their normalised weights. */
  get composition(): { kinds: string[]; weights: number[] } {
    const total = this.weights.reduce((a, b) => a + b, 0);
    return { kinds: this.members.map((m) => m.kind), weights: this.weights.map((w) => w / total) };
  }

  /** The selection's decision at fit; undefined before fit or when loaded from a file. */
  get selectionReport(): EnsembleSelectionReport | undefined {
    return this.report;
  }

  fit(x: Matrix): void {
    const ranks: Float64Array[] = [];
    const candidates = this.candidates;
    const normalizers = candidates.map((m) => {
      m.fit(x);
      const scores = m.score(x);
      const normalizer = RankNormalizer.fit(scores);
      ranks.push(scores.map((s) => normalizer.normalize(s)));
      return normalizer;
    });
    let weights = this.candidateWeights;
    if (this.selection !== 'none') {
      const chosen = selectMembers(ranks, this.selection);
      weights = this.candidateWeights.map((w, k) => w * (chosen.weights[k] as number));
      // A selection can zero every member the caller weighted; fall back to the caller's weights.
      if (!weights.some((w) => w > 0)) weights = this.candidateWeights;
      this.report = {
        method: this.selection,
        kinds: candidates.map((m) => m.kind),
        correlations: Array.from(chosen.correlations),
        weights: Array.from(chosen.weights),
      };
    }
    const keep = weights.map((w) => w > 0);
    this.members = candidates.filter((_, k) => keep[k]);
    this.normalizers = normalizers.filter((_, k) => keep[k]);
    this.weights = weights.filter((_, k) => keep[k]);
  }

  score(x: Matrix): Float64Array {
    this.checkFitted();
    const out = new Float64Array(x.rows);
    const total = this.weights.reduce((a, b) => a + b, 0);
    this.members.forEach((member, k) => {
      const raw = member.score(x);
      const norm = this.normalizers[k] as RankNormalizer;
      const w = (this.weights[k] as number) / total;
      for (let i = 0; i < raw.length; i++) out[i] = (out[i] as number) + w * norm.normalize(raw[i] as number);
    });
    return out;
  }

  scoreRow(row: Float64Array): number {
    this.checkFitted();
    let total = 0;
    for (let k = 0; k < this.weights.length; k++) total += this.weights[k] as number;
    // Same terms, same order as score(), so the two agree exactly.
    let out = 0;
    for (let k = 0; k < this.members.length; k++) {
      const raw = (this.members[k] as AnomalyDetector).scoreRow(row);
      const w = (this.weights[k] as number) / total;
      out += w * (this.normalizers[k] as RankNormalizer).normalize(raw);
    }
    return out;
  }

  save(): SavedModel<EnsembleState> {
    return {
      format: 'argus-model',
      kind: this.kind,
      version: 1,
      params: {
        members: this.members.map((m) => m.kind),
        weights: this.weights,
        selection: this.selection,
        ...(this.report ? { selectionReport: this.report } : {}),
      },
      state: {
        members: this.members.map((m) => m.save()),
        references: this.normalizers.map((n) => Array.from(n.reference)),
        weights: this.weights,
      },
    };
  }

  static load(saved: unknown): Ensemble {
    const state = checkSaved(saved, 'ensemble', 1).state as EnsembleState;
    if (
      !Array.isArray(state?.members) ||
      !Array.isArray(state.references) ||
      state.references.length !== state.members.length
    ) {
      throw new Error('saved ensemble model needs one reference score list per member');
    }
    const members = state.members.map((m) => {
      if (!LOADERS[m?.kind])
        throw new Error(`the ensemble holds a ${m?.kind} model, which this build cannot load`);
      return loadDetector(m);
    });
    // Selection already happened at fit: the saved members and weights are its result.
    const ensemble = new Ensemble(members, state.weights);
    ensemble.normalizers = state.references.map((r) => new RankNormalizer(Float64Array.from(r)));
    return ensemble;
  }

  private checkFitted(): void {
    if (this.normalizers.length !== this.members.length || this.normalizers.length === 0) {
      throw new Error('the ensemble is not fitted');
    }
  }
}
