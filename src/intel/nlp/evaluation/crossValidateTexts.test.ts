import { describe, expect, it } from 'vitest';
import { MajorityClass } from '../majorityClass.js';
import type { TextClassifier } from '../textClassifier.js';
import { crossValidateTexts } from './crossValidateTexts.js';

/** Labels a text by its first word: perfect on this data, and it must never see its test rows. */
class FirstWord implements TextClassifier {
  readonly name = 'first word';
  seen: string[] = [];
  fit(texts: readonly string[]): this {
    this.seen = [...texts];
    return this;
  }
  predict(texts: readonly string[]): string[] {
    for (const t of texts) if (this.seen.includes(t)) throw new Error(`trained on test text ${t}`);
    return texts.map((t) => t.split(' ')[0] as string);
  }
}

describe('crossValidateTexts', () => {
  const texts = ['a 1', 'a 2', 'a 3', 'a 4', 'b 1', 'b 2', 'b 3', 'b 4'];
  const labels = texts.map((t) => t[0] as string);
  const folds = [Uint32Array.from([0, 4]), Uint32Array.from([1, 5]), Uint32Array.from([2, 3, 6, 7])];

  it('trains each model without its test rows and scores every fold', () => {
    const [perfect, majority] = crossValidateTexts(texts, labels, folds, [
      () => new FirstWord(),
      () => new MajorityClass(),
    ]);
    expect(perfect?.macroF1).toEqual({ mean: 1, sd: 0 });
    expect(perfect?.pooled).toEqual({ macroF1: 1, accuracy: 1 });
    expect(perfect?.predictions).toEqual(labels);
    // Majority: fold 1 trains on a x3, b x3 -> 'a' (ties sort first); each fold gets half right.
    expect(majority?.accuracy.mean).toBeCloseTo(0.5, 12);
    expect(majority?.folds).toHaveLength(3);
    expect(majority?.name).toBe('majority class');
  });
});
