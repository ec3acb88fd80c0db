import type { Random } from './random.js';

export type Activation = 'tanh' | 'relu';

/**
 * A fully connected network whose parameters live in one flat Float64Array (so the optimiser and
 * save/load treat them as a single vector) and whose activations live in preallocated scratch, so
 * forward and backward passes allocate nothing. Hidden layers use the activation; the output layer
 * is linear, because reconstruction targets are standardised values of either sign and any size.
 *
 * Layer l maps sizes[l] inputs to sizes[l+1] outputs: its weights are sizes[l+1] x sizes[l]
 * row-major at weightOffset[l], followed by its sizes[l+1] biases at biasOffset[l].
 */
export class Mlp {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly params: Float64Array;
  /** act[0] is the input the caller fills; act[l + 1] is layer l's output. */
  readonly act: Float64Array[];
  /** delta[l + 1] is dLoss/dz at layer l's pre-activation; the caller fills the last one. */
  readonly delta: Float64Array[];
  private readonly weightOffset: Int32Array;
  private readonly biasOffset: Int32Array;

  constructor(sizes: readonly number[], activation: Activation, params?: Float64Array) {
    if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new RangeError(`network layer sizes must be at least two positive integers, got [${sizes}]`);
    }
    this.sizes = [...sizes];
    this.activation = activation;
    const layers = sizes.length - 1;
    this.weightOffset = new Int32Array(layers);
    this.biasOffset = new Int32Array(layers);
    let offset = 0;
    for (let l = 0; l < layers; l++) {
      this.weightOffset[l] = offset;
      offset += (sizes[l] as number) * (sizes[l + 1] as number);
      this.biasOffset[l] = offset;
      offset += sizes[l + 1] as number;
    }
    if (params && params.length !== offset) {
      throw new RangeError(`network needs ${offset} parameters, got ${params.length}`);
    }
    this.params = params ?? new Float64Array(offset);
    this.act = sizes.map((s) => new Float64Array(s));
    this.delta = sizes.map((s) => new Float64Array(s));
  }

  get parameterCount(): number {
    return this.params.length;
  }

  get output(): Float64Array {
    return this.act[this.act.length - 1] as Float64Array;
  }

  /**
   * Glorot-uniform weights for tanh (keeps activations' variance through the layers), He-uniform for
   * relu (which zeroes half its inputs, so needs twice the variance); zero biases.
   */
  initialise(random: Random): void {
    this.params.fill(0);
    for (let l = 0; l < this.sizes.length - 1; l++) {
      const fanIn = this.sizes[l] as number;
      const fanOut = this.sizes[l + 1] as number;
      const limit = this.activation === 'relu' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
      const start = this.weightOffset[l] as number;
      for (let k = start; k < start + fanIn * fanOut; k++) this.params[k] = (2 * random.next() - 1) * limit;
    }
  }

  /** Runs act[0] through the network; the result is in `output`. */
  forward(): void {
    const { params, act } = this;
    const last = this.sizes.length - 2;
    const relu = this.activation === 'relu';
    for (let l = 0; l <= last; l++) {
      const input = act[l] as Float64Array;
      const out = act[l + 1] as Float64Array;
      const n = input.length;
      const w = this.weightOffset[l] as number;
      const b = this.biasOffset[l] as number;
      for (let o = 0; o < out.length; o++) {
        let z = params[b + o] as number;
        const row = w + o * n;
        for (let i = 0; i < n; i++) z += (params[row + i] as number) * (input[i] as number);
        out[o] = l === last ? z : relu ? Math.max(z, 0) : Math.tanh(z);
      }
    }
  }

  /**
   * Back-propagates the output delta (set by the caller after `forward`) and adds this sample's
   * gradient into `grad`, laid out like `params`.
   */
  backward(grad: Float64Array): void {
    const { params, act, delta } = this;
    const relu = this.activation === 'relu';
    for (let l = this.sizes.length - 2; l >= 0; l--) {
      const input = act[l] as Float64Array;
      const d = delta[l + 1] as Float64Array;
      const n = input.length;
      const w = this.weightOffset[l] as number;
      const b = this.biasOffset[l] as number;
      // One pass over the weight rows both accumulates their gradient and sums W^T d into `below`
      // (contiguous reads; a column-wise W^T d would stride through memory).
      const below = delta[l] as Float64Array;
      const propagate = l > 0;
      if (propagate) below.fill(0);
      for (let o = 0; o < d.length; o++) {
        const dz = d[o] as number;
        if (dz === 0) continue;
        grad[b + o] = (grad[b + o] as number) + dz;
        const row = w + o * n;
        if (propagate) {
          for (let i = 0; i < n; i++) {
            grad[row + i] = (grad[row + i] as number) + dz * (input[i] as number);
            below[i] = (below[i] as number) + (params[row + i] as number) * dz;
          }
        } else {
          for (let i = 0; i < n; i++) grad[row + i] = (grad[row + i] as number) + dz * (input[i] as number);
        }
      }
      if (!propagate) break;
      for (let i = 0; i < n; i++) {
        const a = input[i] as number;
        below[i] = (below[i] as number) * (relu ? (a > 0 ? 1 : 0) : 1 - a * a);
      }
    }
  }
}

/**
 * Fills the network input from a standardised row at data[offset] (NaN, a missing value, becomes 0,
 * the training mean), runs it forward, and returns the mean squared reconstruction error over the
 * row's observed features (0 when none is observed). With `withDelta` it also sets the output delta
 * for `backward`: d(error)/d(output), zero for missing features, which carry no target.
 */
export function reconstruct(net: Mlp, data: Float64Array, offset: number, withDelta: boolean): number {
  const input = net.act[0] as Float64Array;
  const d = input.length;
  for (let j = 0; j < d; j++) {
    const v = data[offset + j] as number;
    input[j] = Number.isNaN(v) ? 0 : v;
  }
  net.forward();
  const out = net.output;
  const delta = net.delta[net.delta.length - 1] as Float64Array;
  let sum = 0;
  let observed = 0;
  for (let j = 0; j < d; j++) {
    const v = data[offset + j] as number;
    if (Number.isNaN(v)) {
      delta[j] = 0;
      continue;
    }
    const e = (out[j] as number) - v;
    sum += e * e;
    observed++;
    delta[j] = e;
  }
  if (observed === 0) return 0;
  if (withDelta) for (let j = 0; j < d; j++) delta[j] = (2 * (delta[j] as number)) / observed;
  return sum / observed;
}
