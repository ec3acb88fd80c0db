/** Point forecasts for steps 1..h ahead and a prediction interval of the given coverage around them. */
export interface Forecast {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Nominal coverage of [lower, upper], e.g. 0.95. */
  level: number;
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw new RangeError(`prediction interval level must be in (0, 1), got ${level}`);
}

export function checkHorizon(h: number): void {
  if (!(Number.isInteger(h) && h >= 1))
    throw new RangeError(`forecast horizon must be an integer >= 1, got ${h}`);
}
