import { simulationRandom } from '../../ml/simulationRandom.js';
/** Seeded standard normal draws (Box-Muller): the noise of synthetic series in tests and simulations. */

export function normalNoise(n: number, seed: number): Float64Array {
  const random = simulationRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - random.next();
    const v = random.next();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return out;
}
