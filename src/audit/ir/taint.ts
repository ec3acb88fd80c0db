import type { Node } from './astWalk.js';
import { walk } from './astWalk.js';
import type { TaintSource } from './types.js';

const MSG: Record<string, TaintSource> = { sender: 'sender', value: 'value', data: 'input', sig: 'input' };
const BLOCK: Record<string, TaintSource> = {
  timestamp: 'timestamp',
  number: 'blocknumber',
  difficulty: 'difficulty',
  prevrandao: 'difficulty',
  coinbase: 'block',
  gaslimit: 'block',
  blockhash: 'blockhash',
};

/** The taint a global member access carries (`msg.sender`, `block.timestamp`, `tx.origin`), if any. */
export function globalSource(node: Node): TaintSource | undefined {
  if (node.type === 'Identifier') {
    const name = (node as { name: string }).name;
    return name === 'now' ? 'timestamp' : undefined;
  }
  if (node.type !== 'MemberAccess') return undefined;
  const { expression, memberName } = node as unknown as { expression: Node; memberName: string };
  if (expression.type !== 'Identifier') return undefined;
  const base = (expression as { name: string }).name;
  if (base === 'msg') return MSG[memberName];
  if (base === 'block') return BLOCK[memberName];
  if (base === 'tx' && memberName === 'origin') return 'origin';
  return undefined;
}

export interface TaintEnv {
  locals: ReadonlyMap<string, ReadonlySet<TaintSource>>;
  /** Taint of a call's result, decided by the caller (external calls, blockhash). */
  callResult(call: Node): ReadonlySet<TaintSource> | undefined;
}

/** Where the value of an expression may come from. */
export function taintOf(expr: Node | null | undefined, env: TaintEnv): Set<TaintSource> {
  const out = new Set<TaintSource>();
  if (!expr) return out;
  walk(expr, (node) => {
    const global = globalSource(node);
    if (global) {
      out.add(global);
      return false;
    }
    if (node.type === 'Identifier') {
      for (const t of env.locals.get((node as { name: string }).name) ?? []) out.add(t);
    } else if (node.type === 'FunctionCall') {
      for (const t of env.callResult(node) ?? []) out.add(t);
    }
    return true;
  });
  return out;
}
