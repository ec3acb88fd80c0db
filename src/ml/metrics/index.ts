export { averagePrecision } from './averagePrecision.js';
export { type EqualErrorRate, equalErrorRate } from './equalErrorRate.js';
export { precisionAtK } from './precisionAtK.js';
export { rocAuc } from './rocAuc.js';
export { type RocCurve, rocCurve } from './rocCurve.js';
export { type FprOperatingPoint, thresholdForFpr } from './thresholdForFpr.js';
