import { baseIdentifier } from '../ir/analyzeBody.js';
import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { checksCaller } from '../ir/queries.js';
import type { CallSite, ContractIR, FunctionIR } from '../ir/types.js';
import { type Detector, inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

function contains(root: Node | undefined, target: Node): boolean {
  if (!root) return false;
  let found = false;
  walk(root, (n) => {
    if (n === target) found = true;
    return !found;
  });
  return found;
}

/** `throw;`, `revert(...)`, or a block starting with one: the branch aborts the transaction. */
function aborts(stmt: Any | undefined): boolean {
  if (!stmt) return false;
  if (stmt.type === 'ThrowStatement' || stmt.type === 'RevertStatement') return true;
  if (stmt.type === 'Block') return aborts((stmt.statements as Any[])[0]);
  if (stmt.type !== 'ExpressionStatement') return false;
  const call = stmt.expression as Any;
  const callee = call?.type === 'FunctionCall' ? (call.expression as Any) : undefined;
  return callee?.type === 'Identifier' && callee.name === 'revert';
}

/**
 * Whether a failing call makes the whole transaction revert: `transfer` and high-level calls always
 * do; `send` and `call` do when their result is required (`require(a.send(x))`, `if (!a.send(x)) throw;`).
 */
function failureReverts(call: CallSite): boolean {
  if (call.kind === 'transfer' || call.kind === 'external') return true;
  if (call.kind !== 'send' && call.kind !== 'call') return false;
  const stmt = call.statement.node as Any;
  if (stmt.type === 'IfStatement')
    return contains(stmt.condition as Node, call.node) && aborts(stmt.trueBody as Any);
  if (stmt.type !== 'ExpressionStatement') return false;
  const expr = stmt.expression as Any;
  const callee = expr?.type === 'FunctionCall' ? (expr.expression as Any) : undefined;
  return (
    callee?.type === 'Identifier' &&
    (callee.name === 'require' || callee.name === 'assert') &&
    ((expr.arguments as Node[]) ?? []).some((a) => contains(a, call.node))
  );
}

/** A local declared inside the loop that encloses the call: a value that changes every iteration. */
function declaredInLoop(fn: FunctionIR, call: CallSite, name: string): boolean {
  const loop = call.statement.loop;
  if (!loop) return false;
  return fn.statements.some((s) => {
    if (s.index < loop.start || s.index > loop.end || s.node.type !== 'VariableDeclarationStatement')
      return false;
    return ((s.node as Any).variables as (Any | null)[]).some((v) => v?.name === name);
  });
}

/** The call's receiver is picked per iteration: `list[i].send(x)`, or `a.transfer(x)` with `a = list[i]` in the loop. */
function recipientVaries(fn: FunctionIR, call: CallSite): boolean {
  const target = call.target as Any | undefined;
  if (!target) return false;
  let indexed = false;
  walk(target, (n) => {
    if (n.type === 'IndexAccess') indexed = true;
    return !indexed;
  });
  if (indexed) return true;
  return target.type === 'Identifier' && declaredInLoop(fn, call, target.name as string);
}

/** State address variables that an unguarded public function sets to its caller. */
function callerSettable(contract: ContractIR): Set<string> {
  const out = new Set<string>();
  for (const fn of contract.linearized.flatMap((c) => c.functions)) {
    if (!isExternallyCallable(fn) || checksCaller(fn)) continue;
    for (const write of fn.stateWrites) {
      const e = write.node as Any;
      const whole = e.type === 'BinaryOperation' && (e.left as Any).type === 'Identifier';
      if (whole && write.taint.has('sender')) out.add(write.variable);
    }
  }
  return out;
}

const ETHER: ReadonlySet<string> = new Set(['transfer', 'send', 'call']);

export const dosExternalCallInLoop: Detector = {
  meta: {
    id: 'dos-external-call-in-loop',
    title: 'Denial of service: one failing recipient blocks everyone',
    severity: 'medium',
    confidence: 'medium',
    category: 'denial_of_service',
    swc: 'SWC-113',
    description:
      'A payment or external call whose failure reverts the whole transaction is made to many recipients in a loop, or to an address any caller can take over (the current leader of a game or auction). A recipient that refuses payment stops the function for everyone.',
    exploitScenario:
      'The attacker becomes a recipient (joins the refund list, or outbids and becomes the leader) from a contract whose fallback always reverts. Every later refund loop or outbid transaction now reverts on the payment to the attacker: nobody else is paid, and the attacker keeps the lead for good (King of the Ether, 2016).',
    recommendation:
      'Favour pull over push payments: record what each recipient is owed and let them withdraw it. If pushing is unavoidable, do not revert on a failed send; record the debt instead and continue.',
  },
  detect({ ir, report }) {
    const settable = new Map<ContractIR, Set<string>>();
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn)) continue;
      let leaders = settable.get(contract);
      if (!leaders) {
        leaders = callerSettable(contract);
        settable.set(contract, leaders);
      }
      const reported = new Set<Node>();
      for (const call of fn.calls) {
        if (reported.has(call.statement.node) || !failureReverts(call)) continue;
        const isEther = ETHER.has(call.kind) && call.sendsValue;
        if (!isEther && call.kind !== 'external') continue;
        const name = `${contract.name}.${fn.name || fn.kind}`;
        let message: string | undefined;
        if (call.statement.loopDepth > 0 && recipientVaries(fn, call)) {
          message = `${name} ${isEther ? 'pays' : 'calls'} each recipient inside a loop and reverts if one fails: a single recipient that rejects the call blocks all the others.`;
        } else if (isEther && call.target?.type === 'Identifier' && !checksCaller(fn)) {
          // Only a function others call is blocked: one restricted to the leader just pays its caller.
          const variable = baseIdentifier(call.target);
          if (variable && !fn.localTaint.has(variable) && leaders.has(variable))
            message = `${name} must pay ${variable}, an address any caller can become; if it rejects ether, this function reverts for everyone.`;
        }
        if (!message) continue;
        reported.add(call.statement.node);
        report({ file, contract, function: fn, node: call.statement.node, message });
      }
    }
  },
};
