import { argusKeystroke } from './boundedManhattan.js';
import { euclidean } from './euclidean.js';
import type { KeystrokeDetector } from './keystrokeDetector.js';
import { mahalanobis } from './mahalanobis.js';
import { manhattan } from './manhattan.js';
import { nearestNeighborMahalanobis } from './nearestNeighborMahalanobis.js';
import { outlierCount } from './outlierCount.js';
import { scaledManhattan } from './scaledManhattan.js';

/** The reference every evaluation reproduces in the same run. */
export const REFERENCE_DETECTOR = scaledManhattan.name;
/** The detector Argus uses for logins. */
export const ARGUS_DETECTOR = argusKeystroke.name;

/** Every keystroke detector, reference first; adding one means one file and one line here. */
export const KEYSTROKE_DETECTORS: readonly KeystrokeDetector[] = [
  scaledManhattan,
  manhattan,
  euclidean,
  mahalanobis,
  nearestNeighborMahalanobis,
  outlierCount,
  argusKeystroke,
];
