import { columnMeans, columnStdDevs } from './columnStats.js';
import { checkSample, checkTraining, type KeystrokeDetector } from './keystrokeDetector.js';

/** Two-sided 5% z threshold, Killourhy & Maxion's choice for this detector. */
const Z_THRESHOLD = 1.96;

/**
 * Killourhy & Maxion's outlier-count (z-score) detector: how many features lie more than 1.96 training
 * standard deviations from the training mean. A feature that never varied in training counts as an
 * outlier whenever the sample differs from it.
 */
export const outlierCount: KeystrokeDetector = {
  name: 'outlier-count',
  description: 'number of features with |z| > 1.96 against the training mean and sd',
  fit(train) {
    checkTraining(this.name, train);
    const mean = columnMeans(train);
    const sd = columnStdDevs(train, mean);
    const cols = train.cols;
    return (x) => {
      checkSample('outlier-count', cols, x);
      let count = 0;
      for (let j = 0; j < cols; j++) {
        const dev = Math.abs((x[j] as number) - (mean[j] as number));
        if (dev > Z_THRESHOLD * (sd[j] as number)) count++;
      }
      return count;
    };
  },
};
