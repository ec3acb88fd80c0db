import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayRunAfter, reentrancyPaths } from '../detectors/reentrancyPaths.js';
import { loadSources } from '../parse/loadSources.js';
import type { Node } from './astWalk.js';
import { buildIr } from './buildIr.js';
import { buildCfg, cfgOf, ENTRY, EXIT, REVERT } from './cfg.js';
import type { FunctionIR, StatementInfo } from './types.js';

/** Parses `body` as the body of `function f(...)` in a small contract; returns f's IR. */
function fnOf(body: string): FunctionIR {
  const source = `pragma solidity ^0.8.0;
contract T {
  uint s;
  function g() internal {}
  function f(uint x, uint n, address t) public {
${body}
  }
}
`;
  const dir = mkdtempSync(join(tmpdir(), 'argus-cfg-'));
  const file = join(dir, 'T.sol');
  writeFileSync(file, source);
  const loaded = loadSources([file]);
  if (loaded.errors.length) throw new Error(JSON.stringify(loaded.errors));
  const ir = buildIr(loaded.files);
  const fn = ir.contracts.get('T')?.functions.find((f) => f.name === 'f');
  if (!fn) throw new Error('no f');
  return fn;
}

const sources = new Map<string, string>();

/**
 * How tests name a statement: loops and ifs by their condition (`if (x > 1)`, `for (i < n)`,
 * `do-while (s < n)`), expression statements by their expression, others by their source text up to
 * the first brace or newline, without the semicolon.
 */
function labelOf(fn: FunctionIR, info: StatementInfo): string {
  const file = fn.contract.file;
  let source = sources.get(file);
  if (source === undefined) {
    source = readFileSync(file, 'utf8');
    sources.set(file, source);
  }
  const text = (node: unknown) => {
    const [start, end] = (node as Node | undefined)?.range ?? [0, -1];
    return (source as string).slice(start, end + 1);
  };
  const n = info.node as Node & Record<string, unknown>;
  switch (n.type) {
    case 'IfStatement':
      return `if (${text(n.condition)})`;
    case 'WhileStatement':
      return `while (${text(n.condition)})`;
    case 'DoWhileStatement':
      return `do-while (${text(n.condition)})`;
    case 'ForStatement':
      return `for (${text(n.conditionExpression)})`;
    case 'ExpressionStatement':
      return text(n.expression);
    default:
      return text(n).split(/[{\n]/)[0]?.trim().replace(/;$/, '') ?? '';
  }
}

function stmt(fn: FunctionIR, label: string): StatementInfo {
  const found = fn.statements.find((s) => labelOf(fn, s) === label);
  if (!found) throw new Error(`no statement "${label}" in ${fn.statements.map((s) => labelOf(fn, s))}`);
  return found;
}

/** Labels of the statements reachable from `label` (or ENTRY), plus EXIT/REVERT, sorted. */
function reach(fn: FunctionIR, label: string | number): string[] {
  const cfg = cfgOf(fn);
  const from = typeof label === 'number' ? label : stmt(fn, label).index;
  return [...cfg.reachableFrom(from)]
    .map((i) =>
      i === EXIT ? 'EXIT' : i === REVERT ? 'REVERT' : labelOf(fn, fn.statements[i] as StatementInfo),
    )
    .sort();
}

const sorted = (labels: string[]) => [...labels].sort();

describe('control-flow graph', () => {
  it('straight line: each statement reaches the ones after it and EXIT', () => {
    const fn = fnOf(`
    s = 1;
    uint a = x;
    g();`);
    expect(reach(fn, ENTRY)).toEqual(sorted(['s = 1', 'uint a = x', 'g()', 'EXIT']));
    expect(reach(fn, 's = 1')).toEqual(sorted(['uint a = x', 'g()', 'EXIT']));
    expect(reach(fn, 'g()')).toEqual(['EXIT']);
    const cfg = cfgOf(fn);
    expect(cfgOf(fn)).toBe(cfg);
    expect(cfg.mayRunAfter(stmt(fn, 's = 1'), stmt(fn, 'g()'))).toBe(true);
    expect(cfg.mayRunAfter(stmt(fn, 'g()'), stmt(fn, 's = 1'))).toBe(false);
    expect(cfg.successors(EXIT)).toEqual([]);
  });

  it('if/else: the branches do not reach each other; both join after', () => {
    const fn = fnOf(`
    if (x > 1) {
      s = 1;
    } else {
      s = 2;
    }
    s = 3;
    if (x > 2) s = 4;
    s = 5;`);
    expect(reach(fn, 'if (x > 1)')).toEqual(
      sorted(['s = 1', 's = 2', 's = 3', 'if (x > 2)', 's = 4', 's = 5', 'EXIT']),
    );
    expect(reach(fn, 's = 1')).toEqual(sorted(['s = 3', 'if (x > 2)', 's = 4', 's = 5', 'EXIT']));
    expect(reach(fn, 's = 2')).toEqual(sorted(['s = 3', 'if (x > 2)', 's = 4', 's = 5', 'EXIT']));
    // No else: the condition falls through as well as entering the branch.
    expect(cfgOf(fn).successors(stmt(fn, 'if (x > 2)').index)).toEqual([
      stmt(fn, 's = 4').index,
      stmt(fn, 's = 5').index,
    ]);
  });

  it('early return goes to EXIT; the code after it is reached only past the if', () => {
    const fn = fnOf(`
    if (x == 0) {
      s = 1;
      return;
    }
    s = 2;`);
    expect(reach(fn, 's = 1')).toEqual(sorted(['return', 'EXIT']));
    expect(reach(fn, 'return')).toEqual(['EXIT']);
    expect(reach(fn, 'if (x == 0)')).toEqual(sorted(['s = 1', 'return', 's = 2', 'EXIT']));
    const cfg = cfgOf(fn);
    expect(cfg.mayRunAfter(stmt(fn, 's = 1'), stmt(fn, 's = 2'))).toBe(false);
  });

  it('revert in a branch: nothing after it runs; revert(), revert E() and throw all go to REVERT', () => {
    const fn = fnOf(`
    if (x == 0) {
      s = 1;
      revert("no");
    }
    if (x == 1) {
      revert E();
    }
    s = 2;`);
    expect(reach(fn, 's = 1')).toEqual(sorted(['revert("no")', 'REVERT']));
    expect(reach(fn, 'revert E()')).toEqual(['REVERT']);
    expect(reach(fn, 'if (x == 1)')).toEqual(sorted(['revert E()', 's = 2', 'REVERT', 'EXIT']));
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 's = 1'), stmt(fn, 's = 2'))).toBe(false);
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 'if (x == 0)'), stmt(fn, 's = 2'))).toBe(true);
  });

  it('require and assert: continue, or revert', () => {
    const fn = fnOf(`
    require(x > 0, "x");
    assert(n > 0);
    s = 1;`);
    expect(cfgOf(fn).successors(stmt(fn, 'require(x > 0, "x")').index)).toEqual([
      stmt(fn, 'assert(n > 0)').index,
      REVERT,
    ]);
    expect(reach(fn, 'require(x > 0, "x")')).toEqual(sorted(['assert(n > 0)', 's = 1', 'REVERT', 'EXIT']));
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 'require(x > 0, "x")'), stmt(fn, 's = 1'))).toBe(true);
  });

  it('for loop: init, condition, body, step, back edge, exit after the loop', () => {
    const fn = fnOf(`
    for (uint i = 0; i < n; i++) {
      s = i;
      g();
    }
    s = 9;`);
    const loop = 'for (i < n)';
    expect(reach(fn, ENTRY)[0]).toBeDefined();
    expect(cfgOf(fn).successors(ENTRY)).toEqual([stmt(fn, 'uint i = 0').index]);
    expect(cfgOf(fn).successors(stmt(fn, 'uint i = 0').index)).toEqual([stmt(fn, loop).index]);
    expect(cfgOf(fn).successors(stmt(fn, 'g()').index)).toEqual([stmt(fn, 'i++').index]);
    expect(cfgOf(fn).successors(stmt(fn, 'i++').index)).toEqual([stmt(fn, loop).index]);
    // A statement later in the body reaches an earlier one through the back edge.
    expect(reach(fn, 'g()')).toEqual(sorted([loop, 's = i', 'g()', 'i++', 's = 9', 'EXIT']));
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 'g()'), stmt(fn, 's = i'))).toBe(true);
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 's = 9'), stmt(fn, 's = i'))).toBe(false);
    expect(reach(fn, 'uint i = 0')).not.toContain('uint i = 0');
  });

  it('while and do-while loops: condition to body and out, body back to the condition', () => {
    const fn = fnOf(`
    while (x < n) {
      x++;
    }
    do {
      s = 1;
    } while (s < n);
    s = 2;`);
    expect(reach(fn, 'x++')).toEqual(
      sorted(['while (x < n)', 'x++', 's = 1', 'do-while (s < n)', 's = 2', 'EXIT']),
    );
    // The do-while body is entered before its condition.
    expect(cfgOf(fn).successors(stmt(fn, 'while (x < n)').index)).toEqual([
      stmt(fn, 'x++').index,
      stmt(fn, 's = 1').index,
    ]);
    expect(reach(fn, 's = 1')).toEqual(sorted(['s = 1', 'do-while (s < n)', 's = 2', 'EXIT']));
  });

  it('break leaves the loop; continue goes to the step; statements after them in the body are skipped', () => {
    const fn = fnOf(`
    for (uint i = 0; i < n; i++) {
      if (i == x) {
        break;
      }
      if (i == 3) {
        continue;
      }
      s = i;
    }
    s = 7;`);
    const loop = 'for (i < n)';
    expect(reach(fn, 'break')).toEqual(sorted(['s = 7', 'EXIT']));
    expect(reach(fn, 'continue')).toEqual(
      sorted(['i++', loop, 'if (i == x)', 'break', 'if (i == 3)', 'continue', 's = i', 's = 7', 'EXIT']),
    );
    expect(cfgOf(fn).successors(stmt(fn, 'continue').index)).toEqual([stmt(fn, 'i++').index]);
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 'break'), stmt(fn, 's = i'))).toBe(false);
  });

  it('nested loops: break and continue bind to the innermost loop', () => {
    const fn = fnOf(`
    while (x < n) {
      while (s < n) {
        if (s == 5) break;
        s++;
      }
      x++;
    }`);
    expect(cfgOf(fn).successors(stmt(fn, 'break').index)).toEqual([stmt(fn, 'x++').index]);
    expect(reach(fn, 'x++')).toContain('s++');
  });

  it('for (;;) leaves only through break', () => {
    const fn = fnOf(`
    for (;;) {
      if (x > 0) break;
      x++;
    }
    s = 1;`);
    const loop = stmt(fn, 'for ()');
    expect(cfgOf(fn).successors(loop.index)).toEqual([stmt(fn, 'if (x > 0)').index]);
    expect(cfgOf(fn).mayRunAfter(stmt(fn, 'x++'), stmt(fn, 'break'))).toBe(true);
    expect(reach(fn, 'break')).toEqual(sorted(['s = 1', 'EXIT']));
  });

  it('try/catch: the call goes to the success block and to each catch', () => {
    const fn = fnOf(`
    try T(t).f(1, 2, t) {
      s = 1;
    } catch Error(string memory) {
      s = 2;
    } catch {
      s = 3;
    }
    s = 4;`);
    const tryStmt = stmt(fn, 'try T(t).f(1, 2, t)');
    const succ = cfgOf(fn).successors(tryStmt.index);
    expect(succ).toHaveLength(3);
    expect(succ[0]).toBe(stmt(fn, 's = 1').index);
    expect(reach(fn, 's = 1')).toEqual(sorted(['s = 4', 'EXIT']));
    expect(reach(fn, 'try T(t).f(1, 2, t)')).toEqual(
      sorted(['s = 1', 'catch Error(string memory)', 's = 2', 'catch', 's = 3', 's = 4', 'EXIT']),
    );
  });

  it('buildCfg gives a fresh graph; cfgOf caches it on the function', () => {
    const fn = fnOf('    s = 1;');
    const built = buildCfg(fn);
    expect(fn.cfg).toBeUndefined();
    expect(cfgOf(fn)).not.toBe(built);
    expect(fn.cfg).toBe(cfgOf(fn));
    expect(built.reachableFrom(stmt(fn, 's = 1').index)).toBe(built.reachableFrom(stmt(fn, 's = 1').index));
  });

  it('drives reentrancyPaths: a write on another branch, or after an early return, does not follow the call', () => {
    const fn = fnOf(`
    if (x > 0) {
      (bool ok, ) = t.call{value: x}("");
      require(ok);
      return;
    } else {
      s = 1;
    }
    s = 2;`);
    const call = fn.calls.find((c) => c.kind === 'call');
    expect(call).toBeDefined();
    expect(fn.stateWrites.map((w) => mayRunAfter(call?.statement as StatementInfo, w.statement, fn))).toEqual(
      [false, false],
    );
    // The old index-order approximation, kept for callers without the function, said yes to both.
    expect(fn.stateWrites.map((w) => mayRunAfter(call?.statement as StatementInfo, w.statement))).toEqual([
      true,
      true,
    ]);
    expect(reentrancyPaths(fn)).toEqual([]);
  });
});
