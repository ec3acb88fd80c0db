import type { Node } from './astWalk.js';
import type { FunctionIR, StatementInfo } from './types.js';

type Any = Record<string, unknown> & Node;

/** Synthetic node ids; statement nodes use their `StatementInfo.index` (0 and up). */
export const ENTRY = -1;
/** Normal end of the function: `return` or falling off the end of the body. */
export const EXIT = -2;
/** Execution reverts: throw, revert, a failing require/assert. Nothing runs after it. */
export const REVERT = -3;

interface LoopTargets {
  breakTo: number;
  continueTo: number;
}

function calleeName(stmt: Any): string | undefined {
  if (stmt.type !== 'ExpressionStatement') return undefined;
  const call = stmt.expression as Any | null;
  if (call?.type !== 'FunctionCall') return undefined;
  const callee = call.expression as Any | null;
  return callee?.type === 'Identifier' ? (callee.name as string) : undefined;
}

/**
 * Control-flow graph of one function or modifier body. Nodes are the function's statements (by
 * `index`, as recorded in `FunctionIR.statements`) plus ENTRY, EXIT and REVERT; a compound statement
 * (if, loop, try) is the node for its own condition or expression.
 *
 * Not modelled: modifier bodies are not spliced around the function at `_`; inline assembly falls
 * through (its `return`/`revert` are ignored); calls that may revert have no edge to REVERT.
 */
export class Cfg {
  readonly statements: readonly StatementInfo[];
  private readonly succ = new Map<number, number[]>();
  private readonly reach = new Map<number, ReadonlySet<number>>();
  private readonly indexOf = new Map<Node, number>();

  constructor(fn: FunctionIR) {
    this.statements = fn.statements;
    for (const info of fn.statements) this.indexOf.set(info.node, info.index);
    this.succ.set(EXIT, []);
    this.succ.set(REVERT, []);
    const body = (fn.node as Any).body as Any | null | undefined;
    const first = body ? this.build(body, EXIT, undefined) : EXIT;
    this.edge(ENTRY, first);
  }

  /** Direct successors of a statement index or of ENTRY/EXIT/REVERT. */
  successors(index: number): readonly number[] {
    return this.succ.get(index) ?? [];
  }

  /** Every node reachable from `index` by one or more edges (includes `index` only through a cycle). */
  reachableFrom(index: number): ReadonlySet<number> {
    const cached = this.reach.get(index);
    if (cached) return cached;
    const seen = new Set<number>();
    const queue = [...this.successors(index)];
    for (let i = 0; i < queue.length; i++) {
      const next = queue[i] as number;
      if (seen.has(next)) continue;
      seen.add(next);
      for (const s of this.successors(next)) if (!seen.has(s)) queue.push(s);
    }
    this.reach.set(index, seen);
    return seen;
  }

  /**
   * Can `b` run after `a` in one execution that does not revert: a path from a to b exists that does
   * not pass through REVERT or EXIT (both are sinks). Both must be statements of this function.
   */
  mayRunAfter(a: StatementInfo, b: StatementInfo): boolean {
    if (this.statements[a.index] !== a || this.statements[b.index] !== b) return false;
    return this.reachableFrom(a.index).has(b.index);
  }

  private edge(from: number, to: number): void {
    const list = this.succ.get(from);
    if (!list) this.succ.set(from, [to]);
    else if (!list.includes(to)) list.push(to);
  }

  private buildSequence(stmts: readonly Any[], next: number, loop: LoopTargets | undefined): number {
    let entry = next;
    for (let i = stmts.length - 1; i >= 0; i--) entry = this.build(stmts[i] as Any, entry, loop);
    return entry;
  }

  /** Adds the edges of `stmt`, whose normal completion continues at `next`; returns its entry node. */
  private build(stmt: Any, next: number, loop: LoopTargets | undefined): number {
    if (stmt.type === 'Block') return this.buildSequence((stmt.statements as Any[] | null) ?? [], next, loop);
    if (stmt.type === 'UncheckedStatement') {
      const block = (stmt.block as Any | null) ?? { type: 'Block', statements: stmt.statements ?? [] };
      return this.build(block as Any, next, loop);
    }
    const id = this.indexOf.get(stmt);
    // A statement the IR did not record: transparent.
    if (id === undefined) return next;
    switch (stmt.type) {
      case 'IfStatement': {
        this.edge(id, this.build(stmt.trueBody as Any, next, loop));
        this.edge(id, stmt.falseBody ? this.build(stmt.falseBody as Any, next, loop) : next);
        return id;
      }
      case 'WhileStatement': {
        this.edge(id, this.build(stmt.body as Any, id, { breakTo: next, continueTo: id }));
        this.edge(id, next);
        return id;
      }
      case 'DoWhileStatement': {
        const bodyEntry = this.build(stmt.body as Any, id, { breakTo: next, continueTo: id });
        this.edge(id, bodyEntry);
        this.edge(id, next);
        return bodyEntry;
      }
      case 'ForStatement': {
        const step = stmt.loopExpression ? this.build(stmt.loopExpression as Any, id, loop) : id;
        this.edge(id, this.build(stmt.body as Any, step, { breakTo: next, continueTo: step }));
        // `for (;;)` leaves only by break, return or revert.
        if (stmt.conditionExpression) this.edge(id, next);
        return stmt.initExpression ? this.build(stmt.initExpression as Any, id, loop) : id;
      }
      case 'TryStatement': {
        this.edge(id, this.build(stmt.body as Any, next, loop));
        for (const clause of (stmt.catchClauses as Any[] | null) ?? []) {
          const clauseId = this.indexOf.get(clause);
          const bodyEntry = this.build(clause.body as Any, next, loop);
          if (clauseId === undefined) this.edge(id, bodyEntry);
          else {
            this.edge(id, clauseId);
            this.edge(clauseId, bodyEntry);
          }
        }
        return id;
      }
      case 'BreakStatement':
        this.edge(id, loop ? loop.breakTo : next);
        return id;
      case 'ContinueStatement':
        this.edge(id, loop ? loop.continueTo : next);
        return id;
      case 'ReturnStatement':
        this.edge(id, EXIT);
        return id;
      case 'ThrowStatement':
      case 'RevertStatement':
        this.edge(id, REVERT);
        return id;
      case 'ExpressionStatement': {
        const name = calleeName(stmt);
        if (name === 'revert') this.edge(id, REVERT);
        else if (name === 'selfdestruct' || name === 'suicide') this.edge(id, EXIT);
        else {
          this.edge(id, next);
          if (name === 'require' || name === 'assert') this.edge(id, REVERT);
        }
        return id;
      }
      default:
        this.edge(id, next);
        return id;
    }
  }
}

export function buildCfg(fn: FunctionIR): Cfg {
  return new Cfg(fn);
}

/** The function's CFG, built on first use (and again if its statements were re-analysed). */
export function cfgOf(fn: FunctionIR): Cfg {
  if (!fn.cfg || fn.cfg.statements !== fn.statements) fn.cfg = buildCfg(fn);
  return fn.cfg;
}
