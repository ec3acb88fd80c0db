/** Half-lives of the decayed counters, in milliseconds. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const HALF_LIFE_1H_MS = HOUR_MS;
export const HALF_LIFE_24H_MS = DAY_MS;
export const HALF_LIFE_7D_MS = 7 * DAY_MS;

/**
 * Decay rates per millisecond (ln 2 / half-life): a decayed quantity keeps exp(-dt * rate) of itself
 * after dt ms. Hot loops multiply by the rate and call Math.exp themselves, since a double passed to a
 * function V8 does not inline gets boxed (allocated).
 */
export const DECAY_RATE_1H = Math.LN2 / HALF_LIFE_1H_MS;
export const DECAY_RATE_24H = Math.LN2 / HALF_LIFE_24H_MS;
export const DECAY_RATE_7D = Math.LN2 / HALF_LIFE_7D_MS;

/**
 * The factor a decayed quantity keeps after dtMs: 2^(-dt / halfLife). A negative or NaN gap keeps
 * everything (factor 1), so an out-of-order event can never make a counter grow by decaying.
 */
export function decayFactor(dtMs: number, halfLifeMs: number): number {
  if (!(dtMs > 0)) return 1;
  return Math.exp((-dtMs * Math.LN2) / halfLifeMs);
}
