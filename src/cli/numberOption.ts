import { ArgusError } from '../core/errors.js';

/** A command-line option that must be a whole number (at least `min`, 0 by default). */
export function wholeNumber(text: string, option: string, min = 0): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    const expected = min > 0 ? `a whole number >= ${min}` : 'a whole number';
    throw new ArgusError('INPUT_INVALID', `${option}: expected ${expected}, got "${text}"`, { input: text });
  }
  return n;
}

/** A command-line option that must be a finite number above 0. */
export function positiveNumber(text: string, option: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new ArgusError('INPUT_INVALID', `${option}: expected a number above 0, got "${text}"`, {
      input: text,
    });
  }
  return n;
}
