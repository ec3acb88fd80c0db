import { ArgusError } from '../../core/errors.js';
import type { Forecast } from './forecast.js';

/**
 * Runs a forecaster on log(1 + y) and maps its forecast back with exp(x) - 1. Losses and transfer
 * volumes are heavy-tailed: one nine-figure month would otherwise set the level and the interval width
 * for years. The map is monotone, so the interval keeps its coverage; the point forecast becomes the
 * back-transformed median rather than the mean, which is the right target for absolute errors.
 */
export function onLogScale(
  forecaster: (train: Float64Array, horizon: number) => Forecast,
): (train: Float64Array, horizon: number) => Forecast {
  return (train, horizon) => {
    const logged = new Float64Array(train.length);
    for (let t = 0; t < train.length; t++) {
      const v = train[t] as number;
      if (!(v >= 0)) {
        throw new ArgusError(
          'INPUT_INVALID',
          `a log-scale forecast needs values >= 0, got ${v} at index ${t}`,
          {
            input: v,
            hint: 'forecast this series on its own scale',
          },
        );
      }
      logged[t] = Math.log1p(v);
    }
    const forecast = forecaster(logged, horizon);
    return {
      mean: forecast.mean.map(Math.expm1),
      lower: forecast.lower.map((v) => Math.max(0, Math.expm1(v))),
      upper: forecast.upper.map(Math.expm1),
      level: forecast.level,
    };
  };
}
