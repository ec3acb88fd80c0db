export { GradientBoostedTrees } from './gradientBoostedTrees.js';
export type { ClassWeights, GradientBoostedTreesOptions } from './options.js';
