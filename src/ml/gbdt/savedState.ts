import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { describeZodIssues } from '../../core/zodIssues.js';
import type { Tree } from './tree.js';

const int = z.number().int();
const finite = z.number().finite();

/** A tree in JSON: +Infinity thresholds (missing-or-not splits) are written as null, which JSON can hold. */
const SavedTreeSchema = z.object({
  feature: z.array(int.min(-1)).min(1),
  threshold: z.array(finite.nullable()),
  missingLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  left: z.array(int.min(-1)),
  right: z.array(int.min(-1)),
  value: z.array(finite),
});
export type SavedTree = z.infer<typeof SavedTreeSchema>;

const SavedTreesStateSchema = z.object({
  features: int.positive(),
  baseline: finite,
  importance: z.array(finite),
  trees: z.array(SavedTreeSchema).min(1),
});
export type SavedTreesState = z.infer<typeof SavedTreesStateSchema>;

export function saveTree(tree: Tree): SavedTree {
  return {
    feature: Array.from(tree.feature),
    threshold: Array.from(tree.threshold, (t) => (t === Number.POSITIVE_INFINITY ? null : t)),
    missingLeft: Array.from(tree.missingLeft, (m) => (m === 1 ? 1 : 0)),
    left: Array.from(tree.left),
    right: Array.from(tree.right),
    value: Array.from(tree.value),
  };
}

/**
 * Reads a saved state back, refusing anything a walk could go wrong on: arrays of unequal length,
 * features out of range, children that do not come after their parent (which also rules out cycles).
 */
export function restoreState(state: unknown): {
  features: number;
  baseline: number;
  importance: Float64Array;
  trees: Tree[];
} {
  const parsed = SavedTreesStateSchema.safeParse(state);
  if (!parsed.success) {
    throw new ValidationError(
      'INPUT_INVALID',
      'saved gradient-boosted-trees state',
      describeZodIssues(parsed.error, state),
    );
  }
  const { features, baseline, importance, trees } = parsed.data;
  const broken = (what: string) =>
    new ValidationError('INPUT_INVALID', 'saved gradient-boosted-trees state', [
      { path: what, message: 'inconsistent tree' },
    ]);
  if (importance.length !== features) throw broken('importance');
  return {
    features,
    baseline,
    importance: Float64Array.from(importance),
    trees: trees.map((t, i) => {
      const n = t.feature.length;
      if ([t.threshold, t.missingLeft, t.left, t.right, t.value].some((a) => a.length !== n)) {
        throw broken(`trees[${i}]`);
      }
      for (let node = 0; node < n; node++) {
        const f = t.feature[node] as number;
        const l = t.left[node] as number;
        const r = t.right[node] as number;
        const ok =
          f < features && (f < 0 ? l === -1 && r === -1 : l > node && l < n && r > node && r < n && l !== r);
        if (!ok) throw broken(`trees[${i}] node ${node}`);
      }
      return {
        feature: Int32Array.from(t.feature),
        threshold: Float64Array.from(t.threshold, (v) => v ?? Number.POSITIVE_INFINITY),
        missingLeft: Uint8Array.from(t.missingLeft),
        left: Int32Array.from(t.left),
        right: Int32Array.from(t.right),
        value: Float64Array.from(t.value),
      };
    }),
  };
}
