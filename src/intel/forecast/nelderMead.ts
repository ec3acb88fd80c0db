/**
 * Nelder-Mead simplex minimisation (the Lagarias et al. 1998 variant with standard coefficients:
 * reflection 1, expansion 2, contraction 1/2, shrink 1/2). Holt-Winters has two to four smoothing
 * parameters and a cheap, derivative-free objective, which is exactly where the simplex method is
 * at home. An objective may return Infinity for an infeasible point; the simplex then moves away.
 */
export interface NelderMeadOptions {
  /** Initial simplex edge along each axis. */
  step?: number;
  maxIterations?: number;
  /** Stop when the objective values across the simplex differ by less than this... */
  fTolerance?: number;
  /** ...and the vertices lie within this of the best one in every coordinate. */
  xTolerance?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  fx: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const dim = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 200 * Math.max(1, dim);
  const fTolerance = options.fTolerance ?? 1e-10;
  const xTolerance = options.xTolerance ?? 1e-8;

  const points: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < dim; i++) {
    const p = Float64Array.from(start);
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  const values = points.map((p) => f(p));
  const order = points.map((_, i) => i);
  const centroid = new Float64Array(dim);
  const trial = new Float64Array(dim);
  const second = new Float64Array(dim);
  // trial = centroid + t * (centroid - worst)
  const along = (out: Float64Array, worst: Float64Array, t: number) => {
    for (let j = 0; j < dim; j++) {
      const c = centroid[j] as number;
      out[j] = c + t * (c - (worst[j] as number));
    }
  };

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    order.sort((a, b) => (values[a] as number) - (values[b] as number));
    const best = order[0] as number;
    const worstIndex = order[dim] as number;
    const bestValue = values[best] as number;
    const worstValue = values[worstIndex] as number;
    if (Number.isFinite(worstValue) && Math.abs(worstValue - bestValue) <= fTolerance) {
      let spread = 0;
      const b = points[best] as Float64Array;
      for (const i of order) {
        const p = points[i] as Float64Array;
        for (let j = 0; j < dim; j++)
          spread = Math.max(spread, Math.abs((p[j] as number) - (b[j] as number)));
      }
      if (spread <= xTolerance) {
        converged = true;
        break;
      }
    }
    iterations++;

    centroid.fill(0);
    for (let k = 0; k < dim; k++) {
      const p = points[order[k] as number] as Float64Array;
      for (let j = 0; j < dim; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / dim;
    }
    const worst = points[worstIndex] as Float64Array;
    const secondWorstValue = values[order[dim - 1] as number] as number;

    along(trial, worst, 1);
    const reflected = f(trial);
    if (reflected < bestValue) {
      along(second, worst, 2);
      const expanded = f(second);
      if (expanded < reflected) {
        worst.set(second);
        values[worstIndex] = expanded;
      } else {
        worst.set(trial);
        values[worstIndex] = reflected;
      }
      continue;
    }
    if (reflected < secondWorstValue) {
      worst.set(trial);
      values[worstIndex] = reflected;
      continue;
    }
    // Contract: outside when the reflection improved on the worst, inside otherwise.
    const outside = reflected < worstValue;
    along(second, worst, outside ? 0.5 : -0.5);
    const contracted = f(second);
    if (contracted < (outside ? reflected : worstValue)) {
      worst.set(second);
      values[worstIndex] = contracted;
      continue;
    }
    const b = points[best] as Float64Array;
    for (let k = 1; k <= dim; k++) {
      const i = order[k] as number;
      const p = points[i] as Float64Array;
      for (let j = 0; j < dim; j++) p[j] = (b[j] as number) + 0.5 * ((p[j] as number) - (b[j] as number));
      values[i] = f(p);
    }
  }
  let best = 0;
  for (let i = 1; i <= dim; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  return { x: points[best] as Float64Array, fx: values[best] as number, iterations, converged };
}
