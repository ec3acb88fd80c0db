import type { Node } from './astWalk.js';
import { walk } from './astWalk.js';
import type { FunctionIR, StatementInfo, TaintSource } from './types.js';

type Any = Record<string, unknown> & Node;

/** The expressions a statement evaluates itself (not those of statements nested in it). */
export function ownExpressionsOf(stmt: Node): Node[] {
  const s = stmt as Any;
  const keys = ['expression', 'condition', 'conditionExpression', 'initialValue', 'eventCall', 'revertCall'];
  return keys
    .map((k) => s[k] as Node | undefined)
    .filter((n): n is Node => n !== undefined && n !== null && typeof n === 'object');
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
