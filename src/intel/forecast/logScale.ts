import type { Forecast } from './forecast.js';
import { log1p, onTransformedScale } from './transform.js';

/**
 * Runs a forecaster on log(1 + y) and maps its forecast back with exp(x) - 1 (floored at 0). Losses and
 * transfer volumes are heavy-tailed: one nine-figure month would otherwise set the level and the
 * interval width for years. See transform.ts for why the back-transformed forecast is a median.
 */
export function onLogScale(
  forecaster: (train: Float64Array, horizon: number) => Forecast,
): (train: Float64Array, horizon: number) => Forecast {
  return onTransformedScale(log1p, forecaster);
}
