import { type Mlp, reconstruct } from './autoencoderNetwork.js';
import type { Matrix } from './matrix.js';
import { type Random, sampleIndices } from './random.js';

export interface TrainingOptions {
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** Epochs without a validation improvement before stopping. */
  patience: number;
  /** Share of rows held out (seeded) to decide when to stop; 0 trains for maxEpochs. */
  validationFraction: number;
}

export interface TrainingHistory {
  /** Mean training loss per epoch, measured while the epoch trained. */
  trainLoss: number[];
  /** Mean held-out loss after each epoch (empty without a validation split). */
  validationLoss: number[];
  /** 1-based epoch whose parameters were kept. */
  bestEpoch: number;
  /** True when patience ran out before maxEpochs. */
  stoppedEarly: boolean;
}

/** Improvements smaller than this share of the best loss do not reset patience (they are noise). */
const MIN_RELATIVE_IMPROVEMENT = 1e-4;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/**
 * Trains `net` (already initialised) to reproduce x's standardised rows with Adam (Kingma & Ba 2015)
 * on seeded, shuffled mini-batches of mean squared reconstruction error. Fewer than 10 rows or a
 * validation fraction of 0 means no held-out split: all rows train and the last epoch is kept.
 * Otherwise the parameters of the epoch with the lowest held-out loss are restored at the end, so
 * the epochs that ran on past it (up to `patience`) cost time but never overfit the result.
 */
export function trainReconstruction(
  net: Mlp,
  x: Matrix,
  options: TrainingOptions,
  random: Random,
): TrainingHistory {
  const order = sampleIndices(x.rows, x.rows, random);
  const held = x.rows >= 10 ? Math.floor(x.rows * options.validationFraction) : 0;
  const validation = order.subarray(0, held);
  const train = order.slice(held);
  const params = net.params;
  const grad = new Float64Array(params.length);
  const m = new Float64Array(params.length);
  const v = new Float64Array(params.length);
  const best = Float64Array.from(params);
  const history: TrainingHistory = { trainLoss: [], validationLoss: [], bestEpoch: 0, stoppedEarly: false };
  let bestLoss = Number.POSITIVE_INFINITY;
  let sinceBest = 0;
  let step = 0;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    shuffle(train, random);
    let epochLoss = 0;
    for (let start = 0; start < train.length; start += options.batchSize) {
      const end = Math.min(train.length, start + options.batchSize);
      grad.fill(0);
      for (let k = start; k < end; k++) {
        epochLoss += reconstruct(net, x.data, (train[k] as number) * x.cols, true);
        net.backward(grad);
      }
      step++;
      adamStep(params, grad, m, v, 1 / (end - start), options.learningRate, step);
    }
    history.trainLoss.push(epochLoss / Math.max(1, train.length));
    if (held === 0) {
      history.bestEpoch = epoch;
      continue;
    }
    let loss = 0;
    for (let k = 0; k < held; k++)
      loss += reconstruct(net, x.data, (validation[k] as number) * x.cols, false);
    loss /= held;
    history.validationLoss.push(loss);
    const improved =
      Number.isFinite(loss) &&
      (bestLoss === Number.POSITIVE_INFINITY || loss < bestLoss - MIN_RELATIVE_IMPROVEMENT * bestLoss);
    if (improved) {
      bestLoss = loss;
      best.set(params);
      history.bestEpoch = epoch;
      sinceBest = 0;
    } else if (++sinceBest >= options.patience) {
      history.stoppedEarly = epoch < options.maxEpochs;
      break;
    }
  }
  if (held > 0) params.set(best);
  return history;
}

/** One Adam update of params from the summed gradient (scaled by `gradScale` to a batch mean). */
function adamStep(
  params: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
  gradScale: number,
  learningRate: number,
  step: number,
): void {
  const c1 = 1 - BETA1 ** step;
  const c2 = 1 - BETA2 ** step;
  for (let k = 0; k < params.length; k++) {
    const g = (grad[k] as number) * gradScale;
    const mk = BETA1 * (m[k] as number) + (1 - BETA1) * g;
    const vk = BETA2 * (v[k] as number) + (1 - BETA2) * g * g;
    m[k] = mk;
    v[k] = vk;
    params[k] = (params[k] as number) - (learningRate * (mk / c1)) / (Math.sqrt(vk / c2) + EPSILON);
  }
}

/** Fisher-Yates in place. */
function shuffle(a: Uint32Array, random: Random): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}
