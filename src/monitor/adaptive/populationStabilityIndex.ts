/**
 * Population stability index between two binned distributions over the same bins:
 * PSI = sum_i (a_i - e_i) * ln(a_i / e_i), with e and a the bins' shares of their totals.
 *
 * Both inputs may be counts or shares: each is normalised by its own total. An empty bin would make
 * the log infinite, so every share is floored at `epsilon` first (1e-4, i.e. one in ten thousand, the
 * usual choice: small enough not to hide a real shift, large enough that one empty bin cannot dominate).
 * It allocates nothing, so a drift detector can call it every few thousand scores.
 *
 * Conventional reading: below 0.1 stable, 0.1 to 0.2 a moderate shift, 0.2 and above a significant one.
 */
export function populationStabilityIndex(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  epsilon = 1e-4,
): number {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `PSI needs the same bins on both sides, got ${expected.length} and ${actual.length}`,
    );
  }
  if (expected.length === 0) throw new RangeError('PSI needs at least one bin');
  if (!(epsilon > 0)) throw new RangeError(`PSI epsilon must be positive, got ${epsilon}`);
  const expectedTotal = total(expected, 'expected');
  const actualTotal = total(actual, 'actual');
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max((expected[i] as number) / expectedTotal, epsilon);
    const a = Math.max((actual[i] as number) / actualTotal, epsilon);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

export type PsiLevel = 'stable' | 'moderate' | 'significant';

/** The conventional reading of a PSI value. */
export function psiLevel(psi: number): PsiLevel {
  if (psi >= 0.2) return 'significant';
  if (psi >= 0.1) return 'moderate';
  return 'stable';
}

function total(bins: ArrayLike<number>, what: string): number {
  let sum = 0;
  for (let i = 0; i < bins.length; i++) {
    const v = bins[i] as number;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`PSI ${what} bin ${i} is ${v}; bins must be finite and non-negative`);
    }
    sum += v;
  }
  if (sum === 0) throw new RangeError(`PSI ${what} bins are all empty`);
  return sum;
}
