import { checkSample, checkTraining, type KeystrokeDetector } from './keystrokeDetector.js';
import { fitWhitener } from './shrunkCovariance.js';

/**
 * Killourhy & Maxion's Mahalanobis detector, with the covariance shrunk toward its diagonal (see
 * shrunkCovariance.ts) so that it is defined when there are fewer samples than features.
 */
export const mahalanobis: KeystrokeDetector = {
  name: 'mahalanobis',
  description: '(x − mean)ᵀ Σ⁻¹ (x − mean) with a shrunk covariance (Schäfer–Strimmer)',
  fit(train) {
    checkTraining(this.name, train);
    const whitener = fitWhitener(train);
    const w = new Float64Array(train.cols);
    const cols = train.cols;
    return (x) => {
      checkSample('mahalanobis', cols, x);
      whitener.whiten(x, w);
      let score = 0;
      for (let j = 0; j < cols; j++) score += (w[j] as number) * (w[j] as number);
      return score;
    };
  },
};
