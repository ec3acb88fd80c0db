/**
 * True when x is a multiple of a power of ten at or above x / 1000, i.e. it has at most about three
 * significant digits (1000, 1230, 0.5, 7 are round; 1234, 0.123456 are not). People type round
 * numbers; scripts and price conversions rarely produce them. Only the smallest qualifying power of ten
 * needs checking, since a multiple of 10^(k+1) is a multiple of 10^k. Zero, negative and non-finite
 * amounts are not round: a zero-value transfer says nothing about who chose the number.
 */
export function isRoundAmount(x: number): boolean {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return false;
  const k = Math.ceil(Math.log10(x / 1000));
  // Dividing by 10^k for k >= 0 and multiplying by 10^-k otherwise keeps the quotient exact for
  // decimal-looking inputs such as 0.3 (0.3 * 1000 is 300, 0.3 / 0.001 is 299.99999999999994).
  const q = k >= 0 ? x / 10 ** k : x * 10 ** -k;
  const nearest = Math.round(q);
  return Math.abs(q - nearest) <= 1e-9 * nearest;
}
