import { baseIdentifier } from '../ir/analyzeBody.js';
import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { checksCaller } from '../ir/queries.js';
import type { ContractIR, FunctionIR } from '../ir/types.js';
import { type Detector, inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

const LOOPS = new Set(['ForStatement', 'WhileStatement', 'DoWhileStatement']);

/** Every function of a contract and its bases, most derived first. */
function allFunctions(contract: ContractIR): FunctionIR[] {
  return contract.linearized.flatMap((c) => c.functions);
}

/** `arr.length` as an lvalue: writing it resizes the array (pre-0.6). */
function isLengthOf(lvalue: Any | undefined, variable: string): boolean {
  return (
    lvalue?.type === 'MemberAccess' &&
    lvalue.memberName === 'length' &&
    baseIdentifier(lvalue.expression as Node) === variable
  );
}

/** Does this function itself add elements to the state array: `arr.push(x)`, `arr.length++`, `arr.length += n`? */
function growsDirectly(fn: FunctionIR, variable: string): boolean {
  if (
    fn.calls.some((c) => c.name === 'push' && c.kind === 'builtin' && baseIdentifier(c.target) === variable)
  )
    return true;
  return fn.stateWrites.some((w) => {
    if (w.variable !== variable) return false;
    const e = w.node as Any;
    if (e.type === 'UnaryOperation')
      return e.operator === '++' && isLengthOf(e.subExpression as Any, variable);
    if (e.type === 'BinaryOperation') return e.operator === '+=' && isLengthOf(e.left as Any, variable);
    return false;
  });
}

/**
 * The state arrays of a contract that anyone can grow: pushed to (directly or through internal
 * calls) by an externally callable function that does not check who calls it.
 */
function growableArrays(contract: ContractIR): Set<string> {
  const arrays = new Set<string>();
  const functions = allFunctions(contract);
  const dynamic = contract.linearized.flatMap((c) => c.stateVars).filter((v) => v.isDynamicArray);
  for (const sv of dynamic) {
    const grows = new Set(functions.filter((fn) => growsDirectly(fn, sv.name)));
    for (let changed = true; changed; ) {
      changed = false;
      for (const fn of functions) {
        if (grows.has(fn)) continue;
        if (fn.calls.some((c) => c.kind === 'internal' && c.callee && grows.has(c.callee))) {
          grows.add(fn);
          changed = true;
        }
      }
    }
    if ([...grows].some((fn) => isExternallyCallable(fn) && !checksCaller(fn))) arrays.add(sv.name);
  }
  return arrays;
}

/** The state array whose `.length` bounds a loop, if any. */
function loopBound(loop: Any, fn: FunctionIR, arrays: ReadonlySet<string>): string | undefined {
  const condition = (loop.type === 'ForStatement' ? loop.conditionExpression : loop.condition) as Node | null;
  if (!condition) return undefined;
  let found: string | undefined;
  walk(condition, (n) => {
    const e = n as Any;
    if (e.type === 'MemberAccess' && e.memberName === 'length') {
      const name = baseIdentifier(e.expression as Node);
      if (name && arrays.has(name) && !fn.localTaint.has(name)) found = name;
    }
    return found === undefined;
  });
  return found;
}

/** `arr = new T[](0)`, `delete arr`, `arr.length = 0`: clearing touches every element. */
function clearedArray(write: FunctionIR['stateWrites'][number]): boolean {
  const e = write.node as Any;
  if (e.type === 'UnaryOperation')
    return e.operator === 'delete' && (e.subExpression as Any).type === 'Identifier';
  if (e.type !== 'BinaryOperation' || e.operator !== '=') return false;
  const left = e.left as Any;
  if (left.type === 'Identifier') return true;
  const right = e.right as Any;
  return isLengthOf(left, write.variable) && right.type === 'NumberLiteral' && Number(right.number) === 0;
}

export const dosUnboundedLoop: Detector = {
  meta: {
    id: 'dos-unbounded-loop',
    title: 'Denial of service: work grows with an array anyone can grow',
    severity: 'medium',
    confidence: 'medium',
    category: 'denial_of_service',
    swc: 'SWC-128',
    description:
      'A public function loops over, or clears, a storage array whose length any caller can increase. Its gas cost grows with every element until it exceeds the block gas limit and the function can no longer run.',
    exploitScenario:
      'The attacker calls the function that pushes to the array many times (cheaply, from many transactions). Once the array is long enough, the loop that pays out or the reset that empties it needs more gas than a block holds, and the funds or game state behind it are stuck for good (GovernMental, 2016).',
    recommendation:
      'Bound the array, or process it in fixed-size batches whose position is stored between calls; prefer pull payments (each participant withdraws) to looping over participants; replace an array that must be reset with a mapping keyed by a round number.',
  },
  detect({ ir, report }) {
    const growable = new Map<ContractIR, Set<string>>();
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn)) continue;
      if (fn.stateMutability === 'view' || fn.stateMutability === 'pure' || fn.stateMutability === 'constant')
        continue;
      let arrays = growable.get(contract);
      if (!arrays) {
        arrays = growableArrays(contract);
        growable.set(contract, arrays);
      }
      if (arrays.size === 0) continue;
      const name = fn.name || fn.kind;
      for (const stmt of fn.statements) {
        if (!LOOPS.has(stmt.node.type)) continue;
        const array = loopBound(stmt.node as Any, fn, arrays);
        if (array === undefined) continue;
        report({
          file,
          contract,
          function: fn,
          node: stmt.node,
          message: `${contract.name}.${name} loops over ${array}, which any caller can grow: past some length the loop runs out of gas on every call.`,
        });
      }
      for (const write of fn.stateWrites) {
        if (!arrays.has(write.variable) || !clearedArray(write)) continue;
        report({
          file,
          contract,
          function: fn,
          node: write.statement.node,
          message: `${contract.name}.${name} clears ${write.variable}, which any caller can grow: deleting it costs gas per element and eventually exceeds the block gas limit.`,
        });
      }
    }
  },
};
