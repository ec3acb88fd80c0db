import { Hbos } from './hbos.js';
import { IsolationForest } from './isolationForest.js';
import { KMeansDistance } from './kmeansDistance.js';
import type { Matrix } from './matrix.js';
import { type AnomalyDetector, checkSaved, type SavedModel } from './model.js';
import { RankNormalizer } from './rankNormalizer.js';

interface EnsembleState {
  members: SavedModel[];
  references: number[][];
  weights: number[];
}

const LOADERS: Record<string, (saved: unknown) => AnomalyDetector> = {
  'isolation-forest': (s) => IsolationForest.load(s),
  hbos: (s) => Hbos.load(s),
  'kmeans-distance': (s) => KMeansDistance.load(s),
};

/**
 * Combines detectors by averaging their scores' ranks (each normalised against its own scores at
 * fit), weighted. Rank averaging is robust to one member's scale and tails, which is why PyOD-style
 * ensembles use it.
 */
export class Ensemble implements AnomalyDetector {
  readonly kind = 'ensemble';
  private normalizers: RankNormalizer[] = [];

  constructor(
    private readonly members: AnomalyDetector[],
    private readonly weights: number[] = members.map(() => 1),
  ) {
    if (members.length === 0) throw new RangeError('an ensemble needs at least one detector');
    if (weights.length !== members.length) throw new RangeError('one weight per detector');
  }

  fit(x: Matrix): void {
    this.normalizers = this.members.map((m) => {
      m.fit(x);
      return RankNormalizer.fit(m.score(x));
    });
  }

  score(x: Matrix): Float64Array {
    if (this.normalizers.length !== this.members.length) throw new Error('the ensemble is not fitted');
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

  save(): SavedModel<EnsembleState> {
    return {
      format: 'argus-model',
      kind: this.kind,
      version: 1,
      params: { members: this.members.map((m) => m.kind), weights: this.weights },
      state: {
        members: this.members.map((m) => m.save()),
        references: this.normalizers.map((n) => Array.from(n.reference)),
        weights: this.weights,
      },
    };
  }

  static load(saved: unknown): Ensemble {
    const state = checkSaved(saved, 'ensemble', 1).state as EnsembleState;
    const members = state.members.map((m) => {
      const load = LOADERS[m.kind];
      if (!load) throw new Error(`the ensemble holds a ${m.kind} model, which this build cannot load`);
      return load(m);
    });
    const ensemble = new Ensemble(members, state.weights);
    ensemble.normalizers = state.references.map((r) => new RankNormalizer(Float64Array.from(r)));
    return ensemble;
  }
}
