import { isNode, LineCounter, parseDocument } from 'yaml';
import { ValidationError } from '../../core/errors.js';
import { buildRuleEngine, type RuleEngine } from './ruleEngine.js';
import { type LineOf, validateRules } from './validateRules.js';

/**
 * Parses YAML rules text (a list under `rules:`), validates and compiles it. `source` names the text
 * in errors (a file name). Syntax and validation errors alike throw ValidationError('CONFIG_INVALID'),
 * located by key path and line.
 */
export function loadRules(yamlText: string, source?: string): RuleEngine {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const what = source === undefined ? 'monitor rules' : `monitor rules ${source}`;
  if (doc.errors.length > 0) {
    throw new ValidationError(
      'CONFIG_INVALID',
      what,
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          path: '',
          message: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${e.message.split('\n')[0]}`,
        };
      }),
      'fix the YAML syntax at that position',
    );
  }
  const lineOf: LineOf = (path) => {
    // A missing key has no node: point at the nearest enclosing one.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return buildRuleEngine(validateRules(doc.toJS(), source, lineOf));
}
