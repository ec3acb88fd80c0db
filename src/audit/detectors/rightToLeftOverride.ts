import type { Node } from '../ir/astWalk.js';
import type { Detector } from './detector.js';

/** Bidirectional embedding, override and isolate controls: U+202A-U+202E and U+2066-U+2069. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** A node spanning one source line, for findings that belong to text rather than to syntax. */
function lineNode(line: number, column: number, length: number): Node {
  return {
    type: 'SourceUnit',
    children: [],
    loc: { start: { line, column }, end: { line, column: column + Math.max(length - 1, 0) } },
  } as unknown as Node;
}

export const rightToLeftOverride: Detector = {
  meta: {
    id: 'right-to-left-override',
    title: 'Unicode bidirectional control character in source',
    severity: 'high',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-130',
    description:
      'Bidirectional control characters (such as the right-to-left override U+202E) make editors and code review tools display text in a different order than the compiler reads it.',
    exploitScenario:
      'A comment or string containing U+202E makes the arguments of a call appear swapped on screen: a reviewer reads transfer(player, fee) while the compiler sees transfer(owner, fee), and the game pays its owner instead of the winner.',
    recommendation:
      'Remove every bidirectional control character from the source; they are never needed in Solidity code.',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      file.lines.forEach((text, index) => {
        const match = BIDI.exec(text);
        if (!match) return;
        const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase();
        report({
          file,
          node: lineNode(index + 1, match.index, 1),
          message: `Line ${index + 1} contains the bidirectional control character U+${code}: the code shown is not the code compiled.`,
        });
      });
    }
  },
};
