import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import type { CallSite, ContractIR, FunctionIR, ProjectIR } from '../ir/types.js';
import { type Detector, inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

/** Calls that can move ether out: payments, calls with value, selfdestruct, and code run in our context. */
const MOVES_ETHER: ReadonlySet<CallSite['kind']> = new Set(['selfdestruct', 'delegatecall', 'callcode']);

function movesEther(call: CallSite): boolean {
  return call.sendsValue || MOVES_ETHER.has(call.kind);
}

/**
 * Inline assembly can do anything (call, selfdestruct): assume it moves ether. So does any call made
 * with value attached that the call classification does not cover, such as `(new Lock).value(x)(...)`
 * or `new Lock{value: x}()`. A `.value(x)` that is never called (`a.call.value(x);`) sends nothing.
 */
function otherEtherMove(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    const e = n as Any;
    if (e.type === 'InlineAssemblyStatement') found = true;
    if (e.type === 'FunctionCall') {
      const callee = e.expression as Any;
      const valueCall =
        callee.type === 'FunctionCall' &&
        (callee.expression as Any).type === 'MemberAccess' &&
        (callee.expression as Any).memberName === 'value';
      const valueOption =
        callee.type === 'NameValueExpression' &&
        (((callee.arguments as Any)?.names as string[] | undefined) ?? []).includes('value');
      if (valueCall || valueOption) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * A member call on a library (`Address.sendValue(to, amount)`) runs in this contract's context: it
 * moves ether if the library can, and an unknown library is assumed to.
 */
function libraryMovesEther(call: CallSite, ir: ProjectIR, seen: Set<ContractIR>): boolean {
  if (call.kind !== 'internal' || call.target?.type !== 'Identifier') return false;
  const name = (call.target as Any).name as string;
  const library = ir.contracts.get(name);
  if (!library) return false;
  if (library.kind !== 'library') return false;
  return contractMovesEther(library, ir, seen);
}

function functionMovesEther(fn: FunctionIR, ir: ProjectIR, seen: Set<ContractIR>): boolean {
  return fn.calls.some((c) => movesEther(c) || libraryMovesEther(c, ir, seen)) || otherEtherMove(fn.node);
}

function contractMovesEther(contract: ContractIR, ir: ProjectIR, seen: Set<ContractIR>): boolean {
  if (seen.has(contract)) return false;
  seen.add(contract);
  return contract.linearized.some(
    (c) =>
      c.functions.some((fn) => functionMovesEther(fn, ir, seen)) ||
      c.modifiers.some((m) => functionMovesEther(m, ir, seen)),
  );
}

/** A payable entry point other than the constructor: ether keeps arriving after deployment. */
function payableEntry(contract: ContractIR): FunctionIR | undefined {
  return contract.linearized
    .flatMap((c) => c.functions)
    .find(
      (fn) =>
        fn.payable &&
        fn.kind !== 'constructor' &&
        fn.visibility !== 'internal' &&
        fn.visibility !== 'private',
    );
}

/** A node spanning only the contract's first line. */
function contractHeader(contract: ContractIR): Node {
  const start = contract.node.loc?.start ?? { line: 1, column: 0 };
  return { ...contract.node, loc: { start, end: { line: start.line, column: start.column } } } as Node;
}

export const lockedEther: Detector = {
  meta: {
    id: 'locked-ether',
    title: 'Contract accepts ether but can never send it',
    severity: 'medium',
    confidence: 'medium',
    category: 'other',
    description:
      'The contract has a payable function or fallback, but neither it nor any contract it inherits from can send ether out: no transfer, send, call with value, selfdestruct or delegatecall. Ether paid in stays there for good.',
    exploitScenario:
      'Users (or a buggy front end) send ether to the payable function; there is no code path that can ever return it, so the funds are lost. If the contract relied on a library or another contract to withdraw and that path was removed, every deposit is frozen.',
    recommendation:
      'Add a withdrawal function (restricted to the right role) that sends the balance out, or remove `payable` so that transfers are rejected.',
  },
  detect({ ir, report }) {
    const seen = new Set<ContractIR>();
    for (const { file, contract } of inputFunctions(ir)) {
      if (seen.has(contract)) continue;
      seen.add(contract);
      if (contract.kind !== 'contract') continue;
      // A base we cannot see may well hold the withdrawal function.
      if (contract.linearized.some((c) => c.baseNames.some((b) => !ir.contracts.has(b)))) continue;
      const entry = payableEntry(contract);
      if (!entry || contractMovesEther(contract, ir, new Set())) continue;
      report({
        file,
        contract,
        node: contractHeader(contract),
        message: `${contract.name} receives ether through ${entry.name || entry.kind}() but has no way to send any out: the ether is locked.`,
      });
    }
  },
};
