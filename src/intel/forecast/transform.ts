import { ArgusError } from '../../core/errors.js';
import type { Forecast } from './forecast.js';

/**
 * Variance-stabilising transforms for forecasting on another scale. The additive-error models assume
 * errors of one spread at every level; counts and money do not behave so, and forecasting on a scale
 * where they do makes both the likelihood (hence the AICc choice) and the intervals honest. Forecasts
 * come back through the inverse: the map is monotone, so an interval keeps its coverage, and the point
 * forecast becomes the back-transformed median (no bias adjustment), which is the right target for
 * absolute errors and MASE.
 */
export interface Transform {
  name: string;
  forward(y: number): number;
  /** Monotone non-decreasing on the whole real line, so interval ends map to interval ends. */
  inverse(x: number): number;
}

/**
 * Anscombe (1948): 2√(y + 3/8) has variance close to 1 for Poisson counts down to a mean of a few,
 * where the plain square root still varies. The inverse clips at zero twice: below x = 0 the square
 * would turn back upwards, and between 0 and 2√(3/8) it would give a negative count.
 */
export const anscombe: Transform = {
  name: 'anscombe',
  forward: (y) => 2 * Math.sqrt(y + 3 / 8),
  inverse: (x) => Math.max(0, (Math.max(0, x) / 2) ** 2 - 3 / 8),
};

/** log(1 + y): for heavy-tailed amounts (losses, volumes), whose spread grows with their level. */
export const log1p: Transform = {
  name: 'log',
  forward: Math.log1p,
  inverse: (x) => Math.max(0, Math.expm1(x)),
};

/** Runs a forecaster on the transformed series and maps its forecast back. Needs y >= 0. */
export function onTransformedScale(
  transform: Transform,
  forecaster: (train: Float64Array, horizon: number) => Forecast,
): (train: Float64Array, horizon: number) => Forecast {
  return (train, horizon) => {
    const moved = new Float64Array(train.length);
    for (let t = 0; t < train.length; t++) {
      const v = train[t] as number;
      if (!(v >= 0)) {
        throw new ArgusError(
          'INPUT_INVALID',
          `a forecast on the ${transform.name} scale needs values >= 0, got ${v} at index ${t}`,
          { input: v, hint: 'forecast this series on its own scale' },
        );
      }
      moved[t] = transform.forward(v);
    }
    const forecast = forecaster(moved, horizon);
    return {
      mean: forecast.mean.map(transform.inverse),
      lower: forecast.lower.map(transform.inverse),
      upper: forecast.upper.map(transform.inverse),
      level: forecast.level,
    };
  };
}
