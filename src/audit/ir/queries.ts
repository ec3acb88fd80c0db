import type { Node } from './astWalk.js';
import { walk } from './astWalk.js';
import { globalSource } from './taint.js';
import type { ContractIR, FunctionIR, StatementInfo, TaintSource } from './types.js';

type Any = Record<string, unknown> & Node;

/** The expressions a statement evaluates itself (not those of statements nested in it). */
export function ownExpressionsOf(stmt: Node): Node[] {
  const s = stmt as Any;
  const keys = ['expression', 'condition', 'conditionExpression', 'initialValue', 'eventCall', 'revertCall'];
  return keys
    .map((k) => s[k] as Node | undefined)
    .filter((n): n is Node => n !== undefined && n !== null && typeof n === 'object');
}

/** The names of every identifier in an expression. */
export function identifiersIn(node: Node | undefined): Set<string> {
  const out = new Set<string>();
  if (!node) return out;
  walk(node, (n) => {
    if (n.type === 'Identifier') out.add((n as Any).name as string);
    return true;
  });
  return out;
}

/** Every node of a statement's own expressions, in pre-order. */
export function* nodesOf(stmt: StatementInfo): Generator<Any> {
  const out: Any[] = [];
  for (const expr of ownExpressionsOf(stmt.node)) {
    walk(expr, (n) => {
      out.push(n as Any);
      return true;
    });
  }
  yield* out;
}

/** Whether a function checks its caller anywhere (body or modifiers). */
export function checksCaller(fn: FunctionIR): boolean {
  return fn.guards.some((g) => g.checksSender);
}

export const BLOCK_SOURCES: ReadonlySet<TaintSource> = new Set([
  'blockhash',
  'blocknumber',
  'timestamp',
  'difficulty',
  'block',
]);

export function intersects(a: ReadonlySet<TaintSource>, b: ReadonlySet<TaintSource>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** The compiler version a file's pragma allows at the lowest, e.g. '^0.4.24' -> [0, 4, 24]. */
export function minimumVersion(
  pragmas: readonly { name: string; value: string }[],
): [number, number, number] | undefined {
  const solidity = pragmas.find((p) => p.name === 'solidity');
  const match = solidity && /(\d+)\.(\d+)(?:\.(\d+))?/.exec(solidity.value);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function versionBelow(
  version: [number, number, number] | undefined,
  major: number,
  minor: number,
  patch: number,
): boolean {
  if (!version) return false;
  const [a, b, c] = version;
  return a !== major ? a < major : b !== minor ? b < minor : c < patch;
}

/** Whether an expression reads one of these globals directly (`block.number`, `now`). */
export function readsGlobal(expr: Node | null | undefined, sources: ReadonlySet<TaintSource>): boolean {
  if (!expr) return false;
  let found = false;
  walk(expr, (n) => {
    const source = globalSource(n);
    if (source !== undefined && sources.has(source)) found = true;
    return !found;
  });
  return found;
}

/**
 * Where a contract stores or hands out such globals: state variable initialisers, local
 * declarations, state writes and return values. In a contract that decides on block data these
 * statements are part of the weakness: they capture the value the decision uses.
 */
export function capturesOf(contract: ContractIR, sources: ReadonlySet<TaintSource>): Node[] {
  const out: Node[] = [];
  for (const sv of contract.stateVars) {
    if (readsGlobal((sv.node as Any).initialValue as Node, sources)) out.push(sv.node);
  }
  for (const fn of contract.functions) {
    for (const stmt of fn.statements) {
      const node = stmt.node as Any;
      const declared =
        node.type === 'VariableDeclarationStatement' && readsGlobal(node.initialValue as Node, sources);
      const returned = node.type === 'ReturnStatement' && readsGlobal(node.expression as Node, sources);
      if (declared || returned) out.push(node);
    }
    for (const write of fn.stateWrites) {
      if (readsGlobal(write.node, sources)) out.push(write.statement.node);
    }
  }
  return out;
}
