/**
 * Maps a detector's raw scores to their rank among the scores seen at fit, in [0, 1]. Detectors score
 * on unrelated scales (path lengths, log densities, distances); ranks make them comparable.
 */
export class RankNormalizer {
  constructor(private readonly sorted: Float64Array) {}

  static fit(scores: Float64Array): RankNormalizer {
    const finite = scores.filter((s) => !Number.isNaN(s));
    return new RankNormalizer(Float64Array.from(finite).sort());
  }

  /** Share of the reference scores strictly below `score`, plus half of those equal to it. */
  normalize(score: number): number {
    const n = this.sorted.length;
    if (n === 0 || Number.isNaN(score)) return 0.5;
    const below = this.lowerBound(score);
    let equal = 0;
    while (below + equal < n && this.sorted[below + equal] === score) equal++;
    return (below + equal / 2) / n;
  }

  get reference(): Float64Array {
    return this.sorted;
  }

  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
