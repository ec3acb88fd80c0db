import { columnMeans } from './columnStats.js';
import { checkSample, checkTraining, type KeystrokeDetector } from './keystrokeDetector.js';

/** Killourhy & Maxion's Manhattan detector: city-block distance from the training mean, unscaled. */
export const manhattan: KeystrokeDetector = {
  name: 'manhattan',
  description: 'Σ |x − mean|: city-block distance from the training mean',
  fit(train) {
    checkTraining(this.name, train);
    const mean = columnMeans(train);
    const cols = train.cols;
    return (x) => {
      checkSample('manhattan', cols, x);
      let score = 0;
      for (let j = 0; j < cols; j++) score += Math.abs((x[j] as number) - (mean[j] as number));
      return score;
    };
  },
};
