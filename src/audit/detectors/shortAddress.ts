import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { minimumVersion, versionBelow } from '../ir/queries.js';
import { globalSource } from '../ir/taint.js';
import type { FunctionIR, StateWrite } from '../ir/types.js';
import { type Detector, headerOf, inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

const isAddress = (type: string | undefined) => type === 'address' || type === 'address payable';
const isUint = (type: string | undefined) => type !== undefined && /^uint\d*$/.test(type);

/** `transfer(address,uint256)` and `transferFrom(address,address,uint256)`: the ERC-20 signatures. */
function erc20Signature(fn: FunctionIR): boolean {
  const types = fn.params.map((p) => p.typeName);
  if (fn.name === 'transfer') return types.length === 2 && isAddress(types[0]) && isUint(types[1]);
  if (fn.name === 'transferFrom')
    return types.length === 3 && isAddress(types[0]) && isAddress(types[1]) && isUint(types[2]);
  return false;
}

/** `m[k] -= v` / `m[k] = m[k].sub(v)` (direction -1) or `+=` / `.add` (direction +1), with the key. */
function balanceChange(write: StateWrite): { direction: number; key: Any } | undefined {
  const e = write.node as Any;
  if (e.type !== 'BinaryOperation') return undefined;
  const left = e.left as Any;
  if (left.type !== 'IndexAccess' || (left.base as Any).type !== 'Identifier') return undefined;
  const key = left.index as Any;
  if (e.operator === '-=') return { direction: -1, key };
  if (e.operator === '+=') return { direction: 1, key };
  const right = e.right as Any;
  const callee = right?.type === 'FunctionCall' ? (right.expression as Any) : undefined;
  if (e.operator !== '=' || callee?.type !== 'MemberAccess') return undefined;
  if (callee.memberName === 'sub') return { direction: -1, key };
  if (callee.memberName === 'add') return { direction: 1, key };
  return undefined;
}

/**
 * A token transfer by what it does rather than its name: its last two parameters are an address and
 * an amount, and it moves a balance from msg.sender to that address in one mapping.
 */
function movesTokens(fn: FunctionIR): boolean {
  const [to, amount] = fn.params.slice(-2);
  if (!to || !amount || !isAddress(to.typeName) || !isUint(amount.typeName)) return false;
  const changes = fn.stateWrites.map((w) => ({ variable: w.variable, change: balanceChange(w) }));
  return changes.some(
    (debit) =>
      debit.change?.direction === -1 &&
      globalSource(debit.change.key) === 'sender' &&
      changes.some(
        (credit) =>
          credit.variable === debit.variable &&
          credit.change?.direction === 1 &&
          credit.change.key.type === 'Identifier' &&
          credit.change.key.name === to.name,
      ),
  );
}

/** `msg.data.length` appears in the function or in one of its modifiers (`onlyPayloadSize`). */
function checksPayloadSize(fn: FunctionIR): boolean {
  const modifiers = fn.contract.linearized
    .flatMap((c) => c.modifiers)
    .filter((m) => fn.modifiers.includes(m.name));
  return [fn, ...modifiers].some((f) => {
    let found = false;
    walk(f.node, (n) => {
      const e = n as Any;
      if (
        e.type === 'MemberAccess' &&
        e.memberName === 'length' &&
        globalSource(e.expression as Node) === 'input'
      )
        found = true;
      return !found;
    });
    return found;
  });
}

export const shortAddress: Detector = {
  meta: {
    id: 'short-address',
    title: 'Token transfer without a payload length check (short address attack)',
    severity: 'low',
    confidence: 'low',
    category: 'short_addresses',
    description:
      'Before Solidity 0.5 the ABI decoder did not reject calldata that is too short. A transfer whose address argument is missing its last byte reads the amount shifted left by 8 bits: 256 times the intended value.',
    exploitScenario:
      'The attacker generates an address ending in 0x00 and asks an exchange to withdraw 100 tokens to it, leaving out the trailing zero. The exchange builds the call without validating the address; the EVM pads the calldata with a zero byte at the end and the token transfers 25,600 tokens.',
    recommendation:
      'Compile with Solidity 0.5 or later, which rejects short calldata; otherwise check `msg.data.length` (an onlyPayloadSize modifier) and validate addresses in the client that builds the transaction.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!versionBelow(minimumVersion(file.pragmas), 0, 5, 0)) continue;
      if (!isExternallyCallable(fn) || !fn.node || !(fn.node as Any).body) continue;
      if (!erc20Signature(fn) && !movesTokens(fn)) continue;
      if (checksPayloadSize(fn)) continue;
      report({
        file,
        contract,
        function: fn,
        node: headerOf(fn),
        message: `${contract.name}.${fn.name} takes an address and an amount but does not check msg.data.length: a call with a truncated address transfers a shifted (multiplied) amount.`,
      });
    }
  },
};
