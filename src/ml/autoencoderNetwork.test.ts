import { describe, expect, it } from 'vitest';
import { type Activation, Mlp, reconstruct } from './autoencoderNetwork.js';
import { seededRandom } from './random.js';

/** Loss of one row at the network's current parameters. */
function loss(net: Mlp, row: Float64Array): number {
  return reconstruct(net, row, 0, false);
}

describe('Mlp', () => {
  it.each<Activation>(['tanh', 'relu'])(
    'back-propagates the exact gradient of the reconstruction error (%s)',
    (activation) => {
      const net = new Mlp([4, 3, 2, 4], activation);
      net.initialise(seededRandom(3));
      // Biases off zero so relu units sit clearly on one side of their kink.
      for (let k = 0; k < net.params.length; k++) net.params[k] = (net.params[k] as number) + 0.05;
      const row = Float64Array.from([0.3, -1.2, Number.NaN, 0.8]);
      const grad = new Float64Array(net.parameterCount);
      reconstruct(net, row, 0, true);
      net.backward(grad);
      const h = 1e-6;
      for (let k = 0; k < net.parameterCount; k++) {
        const saved = net.params[k] as number;
        net.params[k] = saved + h;
        const up = loss(net, row);
        net.params[k] = saved - h;
        const down = loss(net, row);
        net.params[k] = saved;
        expect(grad[k]).toBeCloseTo((up - down) / (2 * h), 6);
      }
    },
  );

  it('ignores missing features in the error and scores a row with none observed as 0', () => {
    const net = new Mlp([2, 2, 2], 'tanh');
    net.initialise(seededRandom(1));
    const full = reconstruct(net, Float64Array.from([0, 0]), 0, false);
    const out = Float64Array.from(net.output);
    expect(full).toBeCloseTo(((out[0] as number) ** 2 + (out[1] as number) ** 2) / 2, 12);
    expect(reconstruct(net, Float64Array.from([0, Number.NaN]), 0, false)).toBeCloseTo(
      (out[0] as number) ** 2,
      12,
    );
    expect(reconstruct(net, Float64Array.from([Number.NaN, Number.NaN]), 0, false)).toBe(0);
  });

  it('refuses invalid sizes and a parameter vector of the wrong length', () => {
    expect(() => new Mlp([3], 'tanh')).toThrow(RangeError);
    expect(() => new Mlp([3, 0, 3], 'tanh')).toThrow(RangeError);
    expect(() => new Mlp([2, 2], 'tanh', new Float64Array(5))).toThrow(/6 parameters/);
  });
});
