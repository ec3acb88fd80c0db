import { columnMeans, meanAbsoluteDeviations } from './columnStats.js';
import { checkSample, checkTraining, type KeystrokeDetector } from './keystrokeDetector.js';

/**
 * Killourhy & Maxion's (2009) best detector and Argus's reference, exactly as published: the training
 * mean vector and each feature's mean absolute deviation from it; a sample scores
 * Σ_j |x_j − mean_j| / mad_j. No floor and no cap, so it reproduces their numbers. A feature whose
 * training values were all equal (mad 0) adds nothing when the sample matches it and +Infinity when it
 * does not — the literal value of the formula, which rankings and the EER sweep handle.
 */
export const scaledManhattan: KeystrokeDetector = {
  name: 'scaled-manhattan',
  description: "Killourhy & Maxion's reference: Σ |x − mean| / mean absolute deviation",
  fit(train) {
    checkTraining(this.name, train);
    const mean = columnMeans(train);
    const mad = meanAbsoluteDeviations(train, mean);
    const cols = train.cols;
    return (x) => {
      checkSample('scaled-manhattan', cols, x);
      let score = 0;
      for (let j = 0; j < cols; j++) {
        const dev = Math.abs((x[j] as number) - (mean[j] as number));
        if (dev > 0) score += dev / (mad[j] as number);
      }
      return score;
    };
  },
};
