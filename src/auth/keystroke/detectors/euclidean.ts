import { columnMeans } from './columnStats.js';
import { checkSample, checkTraining, type KeystrokeDetector } from './keystrokeDetector.js';

/** Killourhy & Maxion's Euclidean detector: squared distance from the training mean (same ranking). */
export const euclidean: KeystrokeDetector = {
  name: 'euclidean',
  description: '‖x − mean‖²: squared Euclidean distance from the training mean',
  fit(train) {
    checkTraining(this.name, train);
    const mean = columnMeans(train);
    const cols = train.cols;
    return (x) => {
      checkSample('euclidean', cols, x);
      let score = 0;
      for (let j = 0; j < cols; j++) {
        const d = (x[j] as number) - (mean[j] as number);
        score += d * d;
      }
      return score;
    };
  },
};
