import { createDetector, DEFAULT_ENSEMBLE, type DetectorName } from '../../ml/detectorFactory.js';
import { Ensemble } from '../../ml/ensemble.js';
import { IsolationForest } from '../../ml/isolationForest.js';
import type { AnomalyDetector } from '../../ml/model.js';

export interface DetectorChoice {
  detector: DetectorName;
  /** Isolation-forest size (see MonitorModelOptionsSchema for the default and why). */
  trees: number;
  sampleSize: number;
  seed: number;
}

/**
 * The detector the monitor model wraps: the factory's, except that every isolation forest (alone or
 * in the ensemble) gets the monitor's size, because its scoring cost is paid on every event.
 */
export function createMonitorDetector(choice: DetectorChoice): AnomalyDetector {
  const forest = () =>
    new IsolationForest({ trees: choice.trees, sampleSize: choice.sampleSize, seed: choice.seed });
  if (choice.detector === 'iforest') return forest();
  if (choice.detector === 'ensemble') {
    const members = DEFAULT_ENSEMBLE.map((name) =>
      name === 'iforest' ? forest() : createDetector(name, choice.seed),
    );
    return new Ensemble(members, undefined, { selection: 'correlation' });
  }
  return createDetector(choice.detector, choice.seed);
}
