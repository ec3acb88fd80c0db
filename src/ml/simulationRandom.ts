import type { Random } from './random.js';

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator, 128-bit state) behind the ml Random
 * interface. The simulator does not use ml's mulberry32: with one 32-bit state stepping by a constant,
 * stretches of its output some dozens of draws apart can nearly repeat, and that planted two
 * "independent" incidents with the same size, span and start within a minute of each other.
 */
export function simulationRandom(seed: number): Random {
  // splitmix32 spreads one seed word over the four state words.
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next, int: (n) => Math.floor(next() * n) };
}
