import type { Node } from './astWalk.js';
import type { CallKind } from './types.js';

const LOW_LEVEL = new Set(['call', 'send', 'transfer', 'delegatecall', 'staticcall', 'callcode']);
const BUILTINS = new Set([
  'require',
  'assert',
  'revert',
  'keccak256',
  'sha3',
  'sha256',
  'ripemd160',
  'ecrecover',
  'addmod',
  'mulmod',
  'blockhash',
  'gasleft',
  'abi',
  'type',
]);

export interface ClassifiedCall {
  kind: CallKind;
  name: string;
  target: Node | undefined;
  sendsValue: boolean;
}

interface Shape {
  expression?: Node;
  memberName?: string;
  name?: string;
  arguments?: Node[] | { names?: string[]; identifiers?: unknown[] };
}

/** Peels `.value(x)`, `.gas(x)` and `{value: x, gas: y}` off a callee, noting whether value is attached. */
function peelOptions(callee: Node): { base: Node; value: boolean } {
  let base = callee;
  let value = false;
  for (;;) {
    const shape = base as unknown as Shape;
    if (base.type === 'NameValueExpression') {
      const names = (shape.arguments as { names?: string[] } | undefined)?.names ?? [];
      if (names.includes('value')) value = true;
      base = shape.expression as Node;
    } else if (
      base.type === 'FunctionCall' &&
      shape.expression?.type === 'MemberAccess' &&
      ['value', 'gas'].includes((shape.expression as unknown as Shape).memberName ?? '')
    ) {
      if ((shape.expression as unknown as Shape).memberName === 'value') value = true;
      base = (shape.expression as unknown as Shape).expression as Node;
    } else {
      return { base, value };
    }
  }
}

/**
 * What kind of call a FunctionCall node is. `isContractExpr` says whether an expression has a contract
 * type (a state variable or local typed as a contract, or a conversion `Token(addr)`): member calls on
 * those are external calls, and `transfer`/`send` on them are token functions, not ether transfers.
 */
export function classifyCall(
  call: Node,
  isContractExpr: (expr: Node) => boolean,
  isFunction: (name: string) => boolean,
): ClassifiedCall {
  const callee = (call as unknown as Shape).expression as Node;
  const args = ((call as unknown as Shape).arguments as Node[] | undefined) ?? [];
  const { base, value } = peelOptions(callee);
  if (base.type === 'Identifier') {
    const name = (base as unknown as Shape).name ?? '';
    if (name === 'selfdestruct' || name === 'suicide')
      return { kind: 'selfdestruct', name, target: args[0], sendsValue: true };
    if (BUILTINS.has(name)) return { kind: 'builtin', name, target: undefined, sendsValue: false };
    if (isFunction(name)) return { kind: 'internal', name, target: undefined, sendsValue: false };
    return { kind: 'builtin', name, target: undefined, sendsValue: false };
  }
  if (base.type === 'MemberAccess') {
    const member = (base as unknown as Shape).memberName ?? '';
    const target = (base as unknown as Shape).expression as Node;
    if (
      target.type === 'Identifier' &&
      ['abi', 'super', 'msg', 'block', 'tx', 'type', 'string', 'bytes'].includes(
        (target as unknown as Shape).name ?? '',
      )
    ) {
      return (target as unknown as Shape).name === 'super'
        ? { kind: 'internal', name: member, target: undefined, sendsValue: false }
        : { kind: 'builtin', name: member, target, sendsValue: false };
    }
    const etherMember = member === 'transfer' || member === 'send';
    if (LOW_LEVEL.has(member) && (!etherMember || (!isContractExpr(target) && args.length === 1))) {
      return {
        kind: member as CallKind,
        name: member,
        target,
        sendsValue: value || member === 'send' || member === 'transfer',
      };
    }
    if (['push', 'pop', 'length', 'concat'].includes(member) && !isContractExpr(target)) {
      return { kind: 'builtin', name: member, target, sendsValue: false };
    }
    if (target.type === 'Identifier' && (target as unknown as Shape).name === 'this') {
      return { kind: 'external', name: member, target, sendsValue: value };
    }
    if (isContractExpr(target)) return { kind: 'external', name: member, target, sendsValue: value };
    // A library call (`SafeMath.add`) or a member of an unknown-typed value: treated as internal code.
    return { kind: 'internal', name: member, target, sendsValue: value };
  }
  return { kind: 'builtin', name: '', target: undefined, sendsValue: false };
}
