import { createDetector, type DetectorName } from './detectorFactory.js';
import type { FeatureTable } from './featureTable.js';
import { LogScaler, RobustScaler } from './scalers.js';

/**
 * Fits a detector, unsupervised, on a feature table and scores every row. Amounts and counts on
 * chains are heavy-tailed, so features are log-scaled then robust-scaled before any model sees them.
 */
export function scoreTable(table: FeatureTable, detector: DetectorName, seed = 1): Float64Array {
  const log = new LogScaler();
  log.fit(table.x);
  const robust = new RobustScaler();
  const logged = log.transform(table.x);
  robust.fit(logged);
  const x = robust.transform(logged);
  const model = createDetector(detector, seed);
  model.fit(x);
  return model.score(x);
}
