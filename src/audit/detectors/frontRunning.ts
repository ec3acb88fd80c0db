import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { checksCaller, identifiersIn, nodesOf } from '../ir/queries.js';
import { type TaintEnv, taintOf } from '../ir/taint.js';
import type { CallSite, ContractIR, FunctionIR, StatementInfo } from '../ir/types.js';
import { type Detector, inputFunctions, type ReportInput } from './detector.js';

type Any = Record<string, unknown> & Node;

const HASHES = new Set(['keccak256', 'sha3', 'sha256']);
const ALLOWANCE_HELPERS = new Set([
  'increaseAllowance',
  'decreaseAllowance',
  'increaseApproval',
  'decreaseApproval',
]);

function envOf(fn: FunctionIR): TaintEnv {
  return { locals: fn.localTaint, callResult: () => undefined };
}

function isZero(node: Any | undefined): boolean {
  return node?.type === 'NumberLiteral' && /^0(x0*)?$/i.test(node.number as string);
}

/** The conditions a function tests: require/assert arguments and if/while conditions, with their statements. */
function conditionsOf(fn: FunctionIR): { node: Node; statement: StatementInfo }[] {
  const out: { node: Node; statement: StatementInfo }[] = [];
  for (const stmt of fn.statements) {
    const s = stmt.node as Any;
    if (s.type === 'IfStatement' || s.type === 'WhileStatement')
      out.push({ node: s.condition as Node, statement: stmt });
    for (const n of nodesOf(stmt)) {
      const callee = n.type === 'FunctionCall' ? (n.expression as Any) : undefined;
      if (callee?.type === 'Identifier' && (callee.name === 'require' || callee.name === 'assert')) {
        const cond = ((n.arguments as Node[]) ?? [])[0];
        if (cond) out.push({ node: cond, statement: stmt });
      }
    }
  }
  return out;
}

/** (a) ERC-20 approve that overwrites a non-zero allowance. */
function allowanceOverwrite(fn: FunctionIR, contract: ContractIR): StatementInfo | undefined {
  const types = fn.params.map((p) => p.typeName);
  if (
    fn.name !== 'approve' ||
    types.length !== 2 ||
    !types[0]?.startsWith('address') ||
    !/^uint\d*$/.test(types[1] ?? '')
  )
    return undefined;
  if (contract.linearized.some((c) => c.functions.some((f) => ALLOWANCE_HELPERS.has(f.name))))
    return undefined;
  const value = fn.params[1]?.name ?? '';
  const write = fn.stateWrites.find((w) => {
    const e = w.node as Any;
    return (
      e.type === 'BinaryOperation' &&
      e.operator === '=' &&
      (e.left as Any).type === 'IndexAccess' &&
      identifiersIn(e.right as Node).has(value)
    );
  });
  if (!write) return undefined;
  // `require(value == 0 || allowed[msg.sender][spender] == 0)`: the approve-to-zero-first rule.
  const requiresZero = conditionsOf(fn).some(({ node }) => {
    let found = false;
    walk(node, (n) => {
      const e = n as Any;
      if (e.type === 'BinaryOperation' && (e.operator === '==' || e.operator === '!=')) {
        const other = isZero(e.left as Any)
          ? (e.right as Node)
          : isZero(e.right as Any)
            ? (e.left as Node)
            : undefined;
        const names = identifiersIn(other);
        if (other && (names.has(write.variable) || names.has(value))) found = true;
      }
      return !found;
    });
    return found;
  });
  return requiresZero ? undefined : write.statement;
}

/** Ether (or a token call) paid to msg.sender after a statement. */
function paysCaller(call: CallSite): boolean {
  const toCaller = call.targetTaint.has('sender') && !call.targetTaint.has('input');
  if (call.sendsValue && call.kind !== 'selfdestruct') return toCaller;
  return call.kind === 'external' && call.argTaint.some((t) => t.has('sender') && !t.has('input'));
}

/**
 * (b) A puzzle: the caller's input is hashed and compared with a stored value, and the caller is
 * then paid. Reported at the comparison: that is the check the copied solution passes, and where
 * the fix goes (bind the answer to msg.sender with a commit-reveal scheme).
 */
function puzzleCheck(fn: FunctionIR): StatementInfo | undefined {
  const env = envOf(fn);
  for (const { node, statement } of conditionsOf(fn)) {
    let hit = false;
    walk(node, (n) => {
      const e = n as Any;
      if (e.type !== 'BinaryOperation' || (e.operator !== '==' && e.operator !== '!=')) return true;
      for (const [side, other] of [
        [e.left, e.right],
        [e.right, e.left],
      ] as [Any, Any][]) {
        const callee = side.type === 'FunctionCall' ? (side.expression as Any) : undefined;
        if (callee?.type !== 'Identifier' || !HASHES.has(callee.name as string)) continue;
        const hashed = taintOf(side, env);
        // Hashing msg.sender in binds the answer to its sender: a copy from another address fails.
        if (hashed.has('input') && !hashed.has('sender') && !taintOf(other, env).has('input')) hit = true;
      }
      return !hit;
    });
    if (hit && fn.calls.some((c) => c.statement.index >= statement.index && paysCaller(c))) return statement;
  }
  return undefined;
}

/**
 * (c) A one-shot reward: anyone may call, the caller is paid an amount read from state (not a
 * per-account balance), and the call closes the pot (zeroes the amount, or sets a flag the function
 * tests). Whoever's transaction is mined first wins, so a pending claim can be copied and outbid.
 */
function firstComeReward(fn: FunctionIR, contract: ContractIR): CallSite | undefined {
  const stateNames = new Set(
    contract.linearized
      .flatMap((c) => c.stateVars)
      .filter((v) => !v.isConstant)
      .map((v) => v.name),
  );
  const tested = new Set<string>();
  for (const { node } of conditionsOf(fn)) for (const name of identifiersIn(node)) tested.add(name);
  const env = envOf(fn);
  for (const call of fn.calls) {
    if (!call.sendsValue || (call.kind !== 'transfer' && call.kind !== 'send')) continue;
    if (!call.targetTaint.has('sender') || call.targetTaint.has('input')) continue;
    const amount = ((call.node as Any).arguments as Node[] | undefined)?.[0];
    if (!amount || taintOf(amount, env).has('sender')) continue;
    const pot = [...identifiersIn(amount)].filter((n) => stateNames.has(n) && !fn.localTaint.has(n));
    if (pot.length === 0) continue;
    const closes = fn.stateWrites.some(
      (w) =>
        !w.taint.has('sender') &&
        w.node.type === 'BinaryOperation' &&
        (w.node as Any).operator === '=' &&
        ((w.node as Any).left as Any).type === 'Identifier' &&
        (pot.includes(w.variable) || tested.has(w.variable)),
    );
    if (closes) return call;
  }
  return undefined;
}

export const frontRunning: Detector = {
  meta: {
    id: 'front-running',
    title: 'Transaction order dependence (front-running)',
    severity: 'medium',
    confidence: 'low',
    category: 'front_running',
    swc: 'SWC-114',
    description:
      'The outcome depends on which pending transaction is mined first: an allowance that approve() overwrites, a reward for submitting a secret that is visible in the mempool, or a pot that the first caller takes.',
    exploitScenario:
      'The attacker watches the mempool. When the owner lowers an allowance from N to M, the spender first spends N with a higher gas price, then M. When a player submits the preimage of a puzzle hash or claims a reward, the attacker copies the transaction with a higher gas price and is paid instead.',
    recommendation:
      'For allowances require a change to go through zero, or offer increaseAllowance/decreaseAllowance. For puzzles and rewards use commit-reveal: commit keccak256(answer, msg.sender) first, reveal in a later block; make claims depend on the caller, not on order.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn)) continue;
      const name = `${contract.name}.${fn.name || fn.kind}`;
      const found: ReportInput[] = [];
      const approve = allowanceOverwrite(fn, contract);
      if (approve)
        found.push({
          file,
          contract,
          function: fn,
          node: approve.node,
          message: `${name} overwrites an allowance: the spender can front-run a change from N to M and spend N + M.`,
        });
      if (!checksCaller(fn)) {
        const puzzle = puzzleCheck(fn);
        if (puzzle)
          found.push({
            file,
            contract,
            function: fn,
            node: puzzle.node,
            message: `${name} pays whoever first submits input matching a stored hash; the answer is public in the mempool and can be copied with a higher gas price.`,
          });
        const reward = puzzle ? undefined : firstComeReward(fn, contract);
        if (reward)
          found.push({
            file,
            contract,
            function: fn,
            node: reward.statement.node,
            message: `${name} pays a reward from state to the first caller and then closes it: whoever gets mined first wins, so a pending claim can be front-run.`,
          });
      }
      for (const input of found) report(input);
    }
  },
};
