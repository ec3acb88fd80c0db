import { isExternallyCallable } from '../ir/buildIr.js';
import { cfgOf } from '../ir/cfg.js';
import type { CallSite, FunctionIR, StatementInfo, StateWrite } from '../ir/types.js';

const GUARD_NAMES = /non-?reentrant|no-?reentran|reentrancy-?guard|mutex|lock/i;

/**
 * Can `later` run after `earlier` in one execution that does not revert: a path in the function's
 * control-flow graph (back edges of loops included). Without the function, falls back to the old
 * approximation: later in the body, or both inside one loop.
 */
export function mayRunAfter(earlier: StatementInfo, later: StatementInfo, fn?: FunctionIR): boolean {
  if (fn) return cfgOf(fn).mayRunAfter(earlier, later);
  if (later.index > earlier.index) return true;
  const loop = earlier.loop;
  return loop !== undefined && later.index >= loop.start && later.index <= loop.end && later.loop === loop;
}

/** A call that hands control to code this contract does not own (not via `this`). */
function leavesContract(call: CallSite): boolean {
  if (call.kind !== 'call' && call.kind !== 'external' && call.kind !== 'callcode') return false;
  return !(call.target?.type === 'Identifier' && (call.target as { name?: string }).name === 'this');
}

/** Whether ether leaves with the call, directly or inside the internal function it calls. */
export function sendsEther(call: CallSite): boolean {
  if (call.kind === 'internal')
    return call.callee?.calls.some((c) => leavesContract(c) && c.sendsValue) ?? false;
  return call.sendsValue;
}

export interface ReentrancyPath {
  call: CallSite;
  /** State written after the call, directly or in an internal function called after it. */
  writes: StateWrite[];
}

export function hasReentrancyGuard(fn: FunctionIR): boolean {
  return fn.modifiers.some((m) => GUARD_NAMES.test(m));
}

export function isReadOnly(fn: FunctionIR): boolean {
  return fn.stateMutability === 'view' || fn.stateMutability === 'pure' || fn.stateMutability === 'constant';
}

/**
 * Calls that hand control to code the contract does not own, followed by state writes. Functions
 * behind a reentrancy lock are skipped unless `includeGuarded` (read-only reentrancy needs them).
 */
export function reentrancyPaths(fn: FunctionIR, includeGuarded = false): ReentrancyPath[] {
  if (!isExternallyCallable(fn) || isReadOnly(fn)) return [];
  if (!includeGuarded && hasReentrancyGuard(fn)) return [];
  const paths: ReentrancyPath[] = [];
  for (const call of fn.calls) {
    const leaves =
      leavesContract(call) || (call.kind === 'internal' && call.callee?.calls.some(leavesContract));
    if (!leaves) continue;
    const writes = fn.stateWrites.filter(
      (w) => mayRunAfter(call.statement, w.statement, fn) && w.statement !== call.statement,
    );
    for (const inner of fn.calls) {
      if (inner.kind !== 'internal' || !inner.callee || !mayRunAfter(call.statement, inner.statement, fn))
        continue;
      if (inner.statement === call.statement) continue;
      writes.push(...inner.callee.stateWrites);
    }
    if (writes.length > 0) paths.push({ call, writes });
  }
  return paths;
}

export function describeWrites(writes: readonly StateWrite[]): string {
  return [...new Set(writes.map((w) => w.variable))].join(', ');
}
