/**
 * Character n-grams of each word, the word padded with a space on either side (scikit-learn's
 * 'char_wb' analyser), so that "flashloan", "flash-loan" and "FlashLoan" share most of their features
 * and misspellings ("precission", "Controal", "Bussiness") still share most of theirs with the right
 * spelling. N-grams never span two words. Each is prefixed with '#' so it cannot collide with a word.
 */
export function charNgrams(words: readonly string[], [low, high]: readonly [number, number]): string[] {
  if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 1 && high >= low)) {
    throw new RangeError(`char n-gram range must be integers 1 <= low <= high, got [${low}, ${high}]`);
  }
  const out: string[] = [];
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = low; n <= high; n++) {
      // A word shorter than n yields the whole padded word once, as scikit-learn does.
      if (padded.length < n) {
        if (n === low) out.push(`#${padded}`);
        continue;
      }
      for (let i = 0; i + n <= padded.length; i++) out.push(`#${padded.slice(i, i + n)}`);
    }
  }
  return out;
}
