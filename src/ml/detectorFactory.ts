import { Autoencoder } from './autoencoder.js';
import { Ensemble } from './ensemble.js';
import type { SelectionMethod } from './ensembleSelection.js';
import { Hbos } from './hbos.js';
import { IsolationForest } from './isolationForest.js';
import { KMeansDistance } from './kmeansDistance.js';
import type { AnomalyDetector } from './model.js';
import { OneClassSvm } from './oneClassSvm.js';

export { loadDetector } from './ensemble.js';

export const DETECTOR_NAMES = ['ensemble', 'iforest', 'hbos', 'kmeans', 'autoencoder', 'ocsvm'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];
export type MemberName = Exclude<DetectorName, 'ensemble'>;

/**
 * The default ensemble's members. All three model interactions between features, each with a
 * different bias: axis-parallel isolation, distance to cluster centres, and the RBF-kernel support
 * of the data. HBOS is left out because it scores features independently (it is the fast
 * per-transaction scorer, not an account-level one); the autoencoder because it costs more to fit
 * than the other three together. Both can still be combined with createEnsemble.
 */
export const DEFAULT_ENSEMBLE: readonly MemberName[] = ['iforest', 'kmeans', 'ocsvm'];

/** The unsupervised detectors by the names the CLI uses. */
export function createDetector(name: DetectorName, seed = 1): AnomalyDetector {
  switch (name) {
    case 'iforest':
      return new IsolationForest({ trees: 200, seed });
    case 'hbos':
      return new Hbos();
    case 'kmeans':
      return new KMeansDistance({ seed });
    case 'autoencoder':
      return new Autoencoder({ seed });
    case 'ocsvm':
      return new OneClassSvm({ seed });
    case 'ensemble':
      return createEnsemble(DEFAULT_ENSEMBLE, seed);
  }
}

/**
 * A rank-averaging ensemble of the named detectors. At fit, each member is weighted by how well it
 * agrees with the others' consensus, and one that disagrees (e.g. inverted on this data) is dropped;
 * see ensembleSelection.ts.
 */
export function createEnsemble(
  members: readonly MemberName[],
  seed = 1,
  selection: SelectionMethod = 'correlation',
): Ensemble {
  return new Ensemble(
    members.map((m) => createDetector(m, seed)),
    undefined,
    { selection },
  );
}
