import { z } from 'zod';
import { type IssueAtPath, ValidationError } from '../../core/errors.js';

/**
 * One typed key as the browser posts it: the key's label and its key-down / key-up times in ms (any
 * common origin, e.g. performance.now()). Events come in the order the keys were typed.
 */
export const KeystrokeEventSchema = z.object({
  key: z.string().max(32),
  down: z.number(),
  up: z.number(),
});
export type KeystrokeEvent = z.infer<typeof KeystrokeEventSchema>;

/** A login phrase is short; the bound keeps a hostile post from making us allocate without limit. */
export const MAX_KEYS = 256;

export const KeystrokeSampleSchema = z.array(KeystrokeEventSchema).min(2).max(MAX_KEYS);

/** The features one sample of `keyCount` keys yields: a hold per key, a down-down and an up-down per pair. */
export function featureCount(keyCount: number): number {
  return 3 * keyCount - 2;
}

/**
 * Feature names in vector order, interleaved per key as in Killourhy & Maxion's CMU table
 * (H.k, DD.k.k+1, UD.k.k+1, H.k+1, ...), so a raw-timings CSV and the CMU layout read the same way.
 */
export function featureNames(keyCount: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < keyCount; i++) {
    names.push(`hold-${i}`);
    if (i < keyCount - 1) names.push(`down-down-${i}-${i + 1}`, `up-down-${i}-${i + 1}`);
  }
  return names;
}

/**
 * Problems with raw timings, each located by a path such as `3.up`. Times must be finite and
 * non-negative, a key cannot come up before it went down, and each key must go down no earlier than the
 * key before it (events are in typing order; overlapping keys — the next one pressed before the last is
 * released — are normal and allowed). Returns an empty list for good input.
 */
export function timingIssues(down: ArrayLike<number>, up: ArrayLike<number>): IssueAtPath[] {
  const issues: IssueAtPath[] = [];
  if (down.length !== up.length) {
    issues.push({ path: '', message: `${down.length} key-down times but ${up.length} key-up times` });
    return issues;
  }
  if (down.length < 2) {
    issues.push({ path: '', message: `at least 2 keys are needed, got ${down.length}` });
  }
  for (let i = 0; i < down.length; i++) {
    const d = down[i] as number;
    const u = up[i] as number;
    let ok = true;
    for (const [name, v] of [
      ['down', d],
      ['up', u],
    ] as const) {
      if (!Number.isFinite(v)) {
        issues.push({
          path: `${i}.${name}`,
          message: `key ${i}: ${name} time is not a finite number (${v})`,
        });
        ok = false;
      } else if (v < 0) {
        issues.push({ path: `${i}.${name}`, message: `key ${i}: ${name} time is negative (${v} ms)` });
        ok = false;
      }
    }
    if (!ok) continue;
    if (u < d) {
      issues.push({
        path: `${i}.up`,
        message: `key ${i}: released at ${u} ms, before it was pressed at ${d} ms`,
      });
    }
    const prev = down[i - 1];
    if (i > 0 && prev !== undefined && Number.isFinite(prev) && d < prev) {
      issues.push({
        path: `${i}.down`,
        message: `key ${i}: pressed at ${d} ms, before key ${i - 1} (${prev} ms): events are out of order`,
      });
    }
  }
  return issues;
}

/**
 * The feature vector of one sample: hold (up − down) of each key, then down-down and up-down between
 * consecutive keys, interleaved as featureNames() lists them. The caller has validated the timings.
 */
export function deriveFeatures(
  down: ArrayLike<number>,
  up: ArrayLike<number>,
  out = new Float64Array(featureCount(down.length)),
): Float64Array {
  const n = down.length;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const d = down[i] as number;
    const u = up[i] as number;
    out[j++] = u - d;
    if (i < n - 1) {
      const next = down[i + 1] as number;
      out[j++] = next - d;
      out[j++] = next - u;
    }
  }
  return out;
}

/** A validated sample: the typed keys and their feature vector. */
export interface KeystrokeSample {
  keys: string[];
  features: Float64Array;
}

/**
 * Parses what the browser posted: shape by the zod schema, then the timing rules. Throws a
 * ValidationError (INPUT_INVALID) whose issues name the offending event index.
 */
export function parseKeystrokeSample(input: unknown): KeystrokeSample {
  const parsed = KeystrokeSampleSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'keystroke sample',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      'post an array of { key, down, up } in typing order, times in ms',
    );
  }
  const events = parsed.data;
  const down = Float64Array.from(events, (e) => e.down);
  const up = Float64Array.from(events, (e) => e.up);
  const issues = timingIssues(down, up);
  if (issues.length > 0) {
    throw new ValidationError(
      'INPUT_INVALID',
      'keystroke sample',
      issues,
      'each key needs down <= up, finite non-negative ms, and keys in the order they were pressed',
    );
  }
  return { keys: events.map((e) => e.key), features: deriveFeatures(down, up) };
}
