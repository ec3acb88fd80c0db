import { checkSample, checkTraining, type KeystrokeDetector } from './keystrokeDetector.js';
import { fitWhitener } from './shrunkCovariance.js';

/**
 * Killourhy & Maxion's nearest-neighbour (Mahalanobis) detector: the Mahalanobis distance from the
 * sample to its closest training sample, under the (shrunk) training covariance. Training rows are
 * whitened once, so each score is a Euclidean nearest-neighbour search in whitened space.
 */
export const nearestNeighborMahalanobis: KeystrokeDetector = {
  name: 'nn-mahalanobis',
  description: 'Mahalanobis distance to the nearest training sample (shrunk covariance)',
  fit(train) {
    checkTraining(this.name, train);
    const whitener = fitWhitener(train);
    const cols = train.cols;
    const rows = train.rows;
    const whitened = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      whitener.whiten(
        train.data.subarray(i * cols, (i + 1) * cols),
        whitened.subarray(i * cols, (i + 1) * cols),
      );
    }
    const w = new Float64Array(cols);
    return (x) => {
      checkSample('nn-mahalanobis', cols, x);
      whitener.whiten(x, w);
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < rows; i++) {
        let d2 = 0;
        for (let j = 0; j < cols && d2 < best; j++) {
          const d = (w[j] as number) - (whitened[i * cols + j] as number);
          d2 += d * d;
        }
        if (d2 < best) best = d2;
      }
      return best;
    };
  },
};
