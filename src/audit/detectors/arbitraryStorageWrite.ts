import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { ownExpressionsOf } from '../ir/queries.js';
import type { ContractIR, FunctionIR, StateWrite } from '../ir/types.js';
import type { Detector } from './detector.js';

type Any = Record<string, unknown> & Node;

/** `arr.length` where arr is a plain name: the array whose length an expression reads or writes. */
function lengthOf(node: Any | undefined): string | undefined {
  if (node?.type !== 'MemberAccess' || node.memberName !== 'length') return undefined;
  const base = node.expression as Any;
  return base.type === 'Identifier' ? (base.name as string) : undefined;
}

function numberOf(node: Any | undefined): number | undefined {
  return node?.type === 'NumberLiteral' && /^\d+$/.test(node.number as string)
    ? Number(node.number)
    : undefined;
}

/** Whether a comparison establishes `name.length > 0` (or, as an if condition, tests it is 0). */
function provesNonEmpty(cmp: Any, name: string, isIf: boolean): boolean {
  if (cmp.type !== 'BinaryOperation') return false;
  const swap: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
  let op = cmp.operator as string;
  let other = cmp.right as Any;
  if (lengthOf(cmp.right as Any) === name) {
    op = swap[op] ?? op;
    other = cmp.left as Any;
  } else if (lengthOf(cmp.left as Any) !== name) {
    return false;
  }
  // Lengths are unsigned: `length > anything` already means it is at least 1.
  if (op === '>') return true;
  const n = numberOf(other);
  if (op === '!=') return n === 0;
  if (op === '>=') return n !== undefined && n >= 1;
  return op === '==' && n === 0 && isIf;
}

/** A statement before the write that compares the array's length so it cannot be 0 at the write. */
function lengthCheckedBefore(fn: FunctionIR, name: string, write: StateWrite): boolean {
  return fn.statements.some((stmt) => {
    if (stmt.index >= write.statement.index) return false;
    let found = false;
    for (const expr of ownExpressionsOf(stmt.node)) {
      walk(expr, (n) => {
        if (provesNonEmpty(n as Any, name, stmt.node.type === 'IfStatement')) found = true;
        return !found;
      });
    }
    return found;
  });
}

/**
 * Caller-controlled names a length value is computed from that no earlier comparison bounds from above
 * (`require(n <= MAX)`). Lengths of calldata arrays are bounded by the transaction size and do not count.
 */
function unboundedInputs(fn: FunctionIR, value: Any | undefined, before: number): string[] {
  const names = new Set<string>();
  if (value) {
    walk(value, (n) => {
      const e = n as Any;
      if (e.type === 'MemberAccess' && e.memberName === 'length') return false;
      if (e.type === 'Identifier' && fn.localTaint.get(e.name as string)?.has('input'))
        names.add(e.name as string);
      return true;
    });
  }
  const bounded = (name: string) =>
    fn.statements.some((stmt) => {
      if (stmt.index >= before) return false;
      let found = false;
      for (const expr of ownExpressionsOf(stmt.node)) {
        walk(expr, (n) => {
          const e = n as Any;
          if (e.type !== 'BinaryOperation') return true;
          const isName = (x: unknown) => (x as Any)?.type === 'Identifier' && (x as Any).name === name;
          const op = e.operator as string;
          if (
            (isName(e.left) && (op === '<' || op === '<=')) ||
            (isName(e.right) && (op === '>' || op === '>='))
          )
            found = true;
          return !found;
        });
      }
      return found;
    });
  return [...names].filter((name) => !bounded(name));
}

/** Whether an index expression depends on a parameter (or msg.data). */
function callerChosen(fn: FunctionIR, index: Any | undefined): boolean {
  if (!index) return false;
  let found = false;
  walk(index, (n) => {
    const e = n as Any;
    if (e.type === 'Identifier' && fn.localTaint.get(e.name as string)?.has('input')) found = true;
    if (
      e.type === 'MemberAccess' &&
      (e.expression as Any).type === 'Identifier' &&
      (e.expression as Any).name === 'msg' &&
      e.memberName === 'data'
    )
      found = true;
    return !found;
  });
  return found;
}

function isDynamicStateArray(contract: ContractIR, name: string): boolean {
  for (const c of contract.linearized) {
    const sv = c.stateVars.find((s) => s.name === name);
    if (sv) return sv.isDynamicArray;
  }
  return false;
}

/** A write to a state array's length that can make it huge: an unchecked decrement, or a caller-chosen value. */
function unsafeLengthWrite(contract: ContractIR, fn: FunctionIR, write: StateWrite): string | undefined {
  const e = write.node as Any;
  const lvalue = (e.type === 'UnaryOperation' ? e.subExpression : e.left) as Any | undefined;
  const name = lengthOf(lvalue);
  if (!name || !isDynamicStateArray(contract, write.variable)) return undefined;
  const decrement =
    (e.type === 'UnaryOperation' && e.operator === '--') ||
    (e.type === 'BinaryOperation' && e.operator === '-=');
  if (decrement) {
    return lengthCheckedBefore(fn, name, write)
      ? undefined
      : `${name}.length is decremented without checking that ${name} is not empty: on an empty array it wraps to 2^256-1, and ${name}[i] then reaches every storage slot.`;
  }
  if (e.type !== 'BinaryOperation' || !['=', '+='].includes(e.operator as string)) return undefined;
  const inputs = unboundedInputs(fn, e.right as Any, write.statement.index);
  return inputs.length > 0
    ? `${name}.length is set from caller input (${inputs.join(', ')}) with no upper bound: a huge length lets ${name}[i] reach every storage slot.`
    : undefined;
}

export const arbitraryStorageWrite: Detector = {
  meta: {
    id: 'arbitrary-storage-write',
    title: 'Write to an arbitrary storage location',
    severity: 'high',
    confidence: 'medium',
    category: 'access_control',
    swc: 'SWC-124',
    description:
      "Before Solidity 0.6 a dynamic array's length could be written. Decrementing an empty array's length, or setting it from caller input, makes the array span all of storage: arr[i] = v with a chosen i then overwrites any state variable, owner included.",
    exploitScenario:
      'A wallet pops bonus codes with `bonusCodes.length--` behind a check that is always true. The attacker pops the empty array, computes the index whose slot is `owner`, calls UpdateBonusCodeAt(index, attacker) and takes ownership.',
    recommendation:
      'Use pop() and check the length before shrinking (require(arr.length > 0)); never set a length from input; compile with 0.6 or later, where length is read-only.',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      for (const contract of file.contracts) {
        const corruptible = new Set<string>();
        const own = new Set(contract.functions);
        // Inherited functions can corrupt the length too; only this contract's code is reported.
        for (const c of contract.linearized) {
          for (const fn of c.functions) {
            if (fn.kind === 'constructor') continue;
            for (const write of fn.stateWrites) {
              const message = unsafeLengthWrite(c, fn, write);
              if (!message) continue;
              corruptible.add(write.variable);
              if (own.has(fn)) report({ file, contract, function: fn, node: write.statement.node, message });
            }
          }
        }
        if (corruptible.size === 0) continue;
        for (const fn of contract.functions) {
          if (!isExternallyCallable(fn)) continue;
          for (const write of fn.stateWrites) {
            const e = write.node as Any;
            const left = (e.type === 'BinaryOperation' ? e.left : undefined) as Any | undefined;
            if (left?.type !== 'IndexAccess' || (left.base as Any).type !== 'Identifier') continue;
            if (!corruptible.has(write.variable) || !callerChosen(fn, left.index as Any)) continue;
            report({
              file,
              contract,
              function: fn,
              node: write.statement.node,
              message: `${write.variable}[i] is written at a caller-chosen index while ${write.variable}.length can be corrupted: the write can reach any storage slot.`,
            });
          }
        }
      }
    }
  },
};
