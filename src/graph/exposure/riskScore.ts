/**
 * How bad each kind of labelled source is, in [0, 1]. Keys are lower-case categories; a category not in
 * the table weighs DEFAULT_CATEGORY_WEIGHT. Sanctions are absolute (dealing with them is itself the
 * violation); stolen funds are nearly as bad; fraud proceeds less so because labels there are noisier;
 * a mixer is a privacy tool first, so its weight is moderate.
 */
export const DEFAULT_CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  sanctions: 1,
  sanctioned: 1,
  ofac: 1,
  hack: 0.9,
  exploit: 0.9,
  theft: 0.9,
  phishing: 0.7,
  scam: 0.7,
  fraud: 0.7,
  malicious: 0.7,
  ransomware: 0.9,
  mixer: 0.5,
  // An exchange label says who an address is, not that its funds are dirty.
  exchange: 0,
};

/** The weight of a category the table does not name. */
export const DEFAULT_CATEGORY_WEIGHT = 0.5;

/**
 * The exposure a path with a negligible share still carries: poison taint says the target is linked to
 * the source at all, which an analyst wants to see in the score even when the traced value is tiny.
 * Halved per extra hop so a 3-hop touch stays below a direct one.
 */
export const POISON_FLOOR = 0.1;

/** How exposed the target is when it only sent funds to a source (paid it; received nothing back). */
export const OUTBOUND_ONLY_EXPOSURE = 0.5;

export function categoryWeight(category: string, weights: Readonly<Record<string, number>>): number {
  const w = weights[category.toLowerCase()];
  return w === undefined ? DEFAULT_CATEGORY_WEIGHT : Math.min(1, Math.max(0, w));
}

/** Exposure in [0, 1] of the target to one source from what the traversal found. */
export function sourceExposure(haircutShare: number, hops: number): number {
  const floor = hops <= 0 ? 1 : POISON_FLOOR / 2 ** (hops - 1);
  return Math.min(1, Math.max(haircutShare, floor));
}

/**
 * Combines per-source exposures like independent risks: 1 - Π(1 - weight·exposure). One sanctioned
 * source at full exposure gives 1; many small exposures add up but never pass 1.
 */
export function combineRisk(parts: readonly { weight: number; exposure: number }[]): number {
  let clean = 1;
  for (const p of parts) clean *= 1 - Math.min(1, Math.max(0, p.weight * p.exposure));
  return 1 - clean;
}
