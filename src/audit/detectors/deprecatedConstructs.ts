import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { ownExpressionsOf } from '../ir/queries.js';
import type { ContractIR, FunctionIR, SourceFileIR } from '../ir/types.js';
import type { Detector, DetectorContext } from './detector.js';
import { headerOf } from './detector.js';

type Any = Record<string, unknown> & Node;

/** Deprecated global functions called by name, and what replaces them. */
const DEPRECATED_CALLS: Record<string, string> = { suicide: 'selfdestruct', sha3: 'keccak256' };

/** The deprecated construct an expression node is, with its replacement, if any. */
function deprecatedIn(node: Any, ownFunctions: ReadonlySet<string>): string | undefined {
  if (node.type === 'FunctionCall') {
    const callee = node.expression as Any;
    const name = callee?.type === 'Identifier' ? (callee.name as string) : undefined;
    if (name && DEPRECATED_CALLS[name] && !ownFunctions.has(name))
      return `${name}() is deprecated; use ${DEPRECATED_CALLS[name]}()`;
    if (callee?.type === 'MemberAccess' && callee.memberName === 'callcode')
      return 'callcode is deprecated; use delegatecall';
  }
  if (node.type === 'MemberAccess') {
    const base = node.expression as Any;
    if (base?.type === 'Identifier' && base.name === 'block' && node.memberName === 'blockhash')
      return 'block.blockhash is deprecated; use blockhash()';
    if (base?.type === 'Identifier' && base.name === 'msg' && node.memberName === 'gas')
      return 'msg.gas is deprecated; use gasleft()';
  }
  if (node.type === 'NumberLiteral' && node.subdenomination === 'years')
    return 'the `years` unit is deprecated (leap years make it wrong); use days';
  return undefined;
}

/** `var x` (an ElementaryTypeName named var) or `var (a, b)` (no type name at all). */
function isVar(v: Any | null): boolean {
  if (!v) return false;
  const type = v.typeName as Any | null;
  return !type || (type.type === 'ElementaryTypeName' && type.name === 'var');
}

function reportsFor(
  context: DetectorContext,
  file: SourceFileIR,
  contract: ContractIR,
  fn: FunctionIR | undefined,
  statement: Node,
  expressions: Node[],
  ownFunctions: ReadonlySet<string>,
): void {
  const what: string[] = [];
  const s = statement as Any;
  if (s.type === 'ThrowStatement') what.push('throw is deprecated; use revert()');
  if (s.type === 'VariableDeclarationStatement' && (s.variables as (Any | null)[]).some(isVar))
    what.push('`var` is deprecated; declare the type');
  for (const expr of expressions) {
    walk(expr, (n) => {
      const found = deprecatedIn(n as Any, ownFunctions);
      if (found) what.push(found);
      return true;
    });
  }
  for (const message of what) {
    context.report({
      file,
      contract,
      ...(fn ? { function: fn } : {}),
      node: statement,
      message: `${message}.`,
    });
  }
}

export const deprecatedConstructs: Detector = {
  meta: {
    id: 'deprecated-constructs',
    title: 'Deprecated Solidity construct',
    severity: 'info',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-111',
    description:
      'suicide, sha3, throw, callcode, block.blockhash, msg.gas, `constant` functions, the `years` unit and `var` are deprecated and removed in later compilers; some (callcode, var, years) also behave in surprising ways.',
    exploitScenario:
      'callcode runs the callee with the caller as msg.sender of the outer call rather than preserving it, unlike delegatecall; `var x = 0` makes x a uint8 and a loop up to 300 never ends; `years` ignores leap years.',
    recommendation:
      'Use selfdestruct, keccak256, revert(), delegatecall, blockhash(), gasleft(), view/pure, explicit types and days, and compile with a current compiler.',
  },
  detect(context) {
    for (const file of context.ir.files) {
      if (!file.isInput) continue;
      for (const contract of file.contracts) {
        const ownFunctions = new Set(contract.linearized.flatMap((c) => c.functions.map((f) => f.name)));
        const seen = new Set<Node>();
        for (const sv of contract.stateVars) {
          if (seen.has(sv.node)) continue;
          seen.add(sv.node);
          const init = (sv.node as Any).initialValue as Node | undefined;
          if (init) reportsFor(context, file, contract, undefined, sv.node, [init], ownFunctions);
        }
        for (const fn of [...contract.modifiers, ...contract.functions]) {
          if (fn.stateMutability === 'constant') {
            context.report({
              file,
              contract,
              function: fn,
              node: headerOf(fn),
              message: `${fn.name || fn.kind} is declared \`constant\`, which is deprecated; use view or pure.`,
            });
          }
          for (const stmt of fn.statements) {
            reportsFor(context, file, contract, fn, stmt.node, ownExpressionsOf(stmt.node), ownFunctions);
          }
        }
      }
    }
  },
};
