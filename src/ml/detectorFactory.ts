import { Ensemble } from './ensemble.js';
import { Hbos } from './hbos.js';
import { IsolationForest } from './isolationForest.js';
import { KMeansDistance } from './kmeansDistance.js';
import type { AnomalyDetector } from './model.js';

export const DETECTOR_NAMES = ['ensemble', 'iforest', 'hbos', 'kmeans'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

/** The unsupervised detectors by the names the CLI uses; the ensemble combines the other three. */
export function createDetector(name: DetectorName, seed = 1): AnomalyDetector {
  switch (name) {
    case 'iforest':
      return new IsolationForest({ trees: 200, seed });
    case 'hbos':
      return new Hbos();
    case 'kmeans':
      return new KMeansDistance({ seed });
    case 'ensemble':
      return new Ensemble([
        new IsolationForest({ trees: 200, seed }),
        new KMeansDistance({ seed }),
        new Hbos(),
      ]);
  }
}
