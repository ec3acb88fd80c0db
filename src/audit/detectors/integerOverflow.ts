import { baseIdentifier } from '../ir/analyzeBody.js';
import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { identifiersIn, minimumVersion, versionBelow } from '../ir/queries.js';
import { type TaintEnv, taintOf } from '../ir/taint.js';
import type { FunctionIR, StatementInfo, TaintSource } from '../ir/types.js';
import { type Detector, inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

const ARITHMETIC = new Set(['+', '-', '*', '**', '+=', '-=', '*=']);
const COMPARISONS = new Set(['<', '>', '<=', '>=']);
const USER: ReadonlySet<TaintSource> = new Set(['input', 'value']);
/** `require(c / a == b)` and `assert(c >= a)` both verify a result after the fact. */
const RESULT_CHECKS = new Set([...COMPARISONS, '==', '!=']);

/** A comparison in a require/if before or after this statement that bounds these names (a manual check). */
function boundedByCheck(
  fn: FunctionIR,
  stmt: StatementInfo,
  names: Set<string>,
  comparisons: ReadonlySet<string> = COMPARISONS,
): boolean {
  for (const guard of fn.guards) {
    if (!guard.statement || guard.viaModifier) continue;
    let bounded = false;
    for (const expr of [guard.statement.node]) {
      walk(expr, (n) => {
        const e = n as Any;
        if (e.type === 'BinaryOperation' && comparisons.has(e.operator as string)) {
          const seen = new Set([...identifiersIn(e.left as Node), ...identifiersIn(e.right as Node)]);
          if ([...names].every((name) => seen.has(name))) bounded = true;
        }
        return !bounded;
      });
    }
    if (bounded && Math.abs(guard.statement.index - stmt.index) <= 3) return true;
  }
  return false;
}

export const integerOverflow: Detector = {
  meta: {
    id: 'integer-overflow',
    title: 'Unchecked arithmetic on user-controlled values (pre-0.8)',
    severity: 'high',
    confidence: 'medium',
    category: 'arithmetic',
    swc: 'SWC-101',
    description:
      'Before Solidity 0.8 integer arithmetic wraps silently. An addition, subtraction or multiplication that a caller can feed overflows or underflows instead of failing.',
    exploitScenario:
      'transfer(to, value) does balances[msg.sender] -= value without checking the balance: a caller with 0 tokens sends 1 and their balance wraps to 2^256 - 1 (BeautyChain BEC, 2018: batchTransfer overflow minted 10^58 tokens).',
    recommendation:
      'Compile with Solidity 0.8 or later (checked arithmetic), or use SafeMath for every operation on values callers control; check balances before subtracting.',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      const wraps = versionBelow(minimumVersion(file.pragmas), 0, 8, 0);
      for (const { contract, fn } of inputFunctions({ ...ir, files: [file] })) {
        if (contract.kind === 'library') continue;
        const env: TaintEnv = { locals: fn.localTaint, callResult: () => undefined };
        for (const stmt of fn.statements) {
          // From 0.8 arithmetic reverts on overflow, except inside `unchecked { }`.
          if (!wraps && !stmt.unchecked) continue;
          let culprit: Any | undefined;
          walk(stmt.node, (n, parent) => {
            if (culprit) return false;
            const e = n as Any;
            // Nested statements are visited on their own.
            if (n !== stmt.node && /Statement$|^Block$/.test(n.type)) return false;
            if (e.type !== 'BinaryOperation' || !ARITHMETIC.has(e.operator as string)) return true;
            // `require(a + b >= a)` is the overflow check itself.
            if (parent?.type === 'BinaryOperation' && COMPARISONS.has((parent as Any).operator as string))
              return true;
            const taint = new Set([...taintOf(e.left as Node, env), ...taintOf(e.right as Node, env)]);
            // Adding msg.value cannot overflow: all the ether in existence is far below 2^256.
            const op = e.operator as string;
            if (op === '+' || op === '+=') taint.delete('value');
            if (![...taint].some((t) => USER.has(t))) return true;
            const names = new Set<string>();
            for (const side of [e.left, e.right] as Node[]) {
              const base = baseIdentifier(side);
              if (base) names.add(base);
            }
            const result =
              stmt.node.type === 'VariableDeclarationStatement'
                ? (((stmt.node as Any).variables as (Any | null)[]).find(Boolean)?.name as string | undefined)
                : undefined;
            if (
              boundedByCheck(fn, stmt, names) ||
              (result && boundedByCheck(fn, stmt, new Set([result]), RESULT_CHECKS))
            )
              return true;
            culprit = e;
            return false;
          });
          if (!culprit) continue;
          const op = culprit.operator as string;
          const kind = op.startsWith('-') ? 'underflow' : 'overflow';
          report({
            file,
            contract,
            function: fn,
            node: stmt.node,
            message: `${contract.name}.${fn.name || fn.kind}: '${op}' on a value the caller controls can ${kind} (${wraps ? 'no SafeMath, no bound check, compiler < 0.8' : 'inside unchecked, no bound check'}).`,
          });
        }
      }
    }
  },
};
