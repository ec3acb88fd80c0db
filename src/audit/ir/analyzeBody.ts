import type { Node } from './astWalk.js';
import { walk } from './astWalk.js';
import { classifyCall } from './classifyCall.js';
import { ownExpressionsOf } from './queries.js';
import { globalSource, type TaintEnv, taintOf } from './taint.js';
import type { CallSite, FunctionIR, Guard, StatementInfo, StateVarIR, TaintSource } from './types.js';
import { typeText } from './typeText.js';

/** What a body needs to know about the contract around it. */
export interface BodyScope {
  stateVars: ReadonlyMap<string, StateVarIR>;
  /** Functions callable by name from this contract (own, inherited), most derived first. */
  functionsByName: ReadonlyMap<string, FunctionIR[]>;
  /** Names of every contract, interface and library seen. */
  contractNames: ReadonlySet<string>;
}

type Any = Record<string, unknown> & Node;

const ASSIGNMENT_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=', '<<=', '>>=']);
const LOOPS = new Set(['ForStatement', 'WhileStatement', 'DoWhileStatement']);

/** The variable an lvalue ultimately names: `a[i].b` -> a. */
export function baseIdentifier(expr: Node | undefined): string | undefined {
  let node = expr as Any | undefined;
  while (node) {
    if (node.type === 'Identifier') return node.name as string;
    if (node.type === 'IndexAccess') node = node.base as Any;
    else if (node.type === 'MemberAccess') node = node.expression as Any;
    else if (node.type === 'TupleExpression') return undefined;
    else return undefined;
  }
  return undefined;
}

function nestedStatements(stmt: Any): Node[] {
  switch (stmt.type) {
    case 'Block':
      return (stmt.statements as Node[]) ?? [];
    case 'UncheckedStatement':
      // The parser keeps an unchecked block's statements under `block`.
      return [stmt.block as Node].filter(Boolean);
    case 'IfStatement':
      return [stmt.trueBody as Node, stmt.falseBody as Node].filter(Boolean);
    case 'ForStatement':
      return [stmt.initExpression as Node, stmt.body as Node, stmt.loopExpression as Node].filter(Boolean);
    case 'WhileStatement':
    case 'DoWhileStatement':
      return [stmt.body as Node].filter(Boolean);
    case 'TryStatement':
      return [stmt.body as Node, ...((stmt.catchClauses as Node[]) ?? [])].filter(Boolean);
    case 'CatchClause':
      return [stmt.body as Node].filter(Boolean);
    default:
      return [];
  }
}

/** `if (msg.sender == owner) _;`: a modifier that runs the function body only when the check passes. */
function runsPlaceholder(stmt: Any | undefined): boolean {
  if (!stmt) return false;
  if (stmt.type === 'Block') return runsPlaceholder((stmt.statements as Any[])[0]);
  if (stmt.type !== 'ExpressionStatement') return false;
  const expr = stmt.expression as Any;
  return expr?.type === 'Identifier' && expr.name === '_';
}

/** Does this statement end the function (revert, throw, return) when reached? */
function aborts(stmt: Any | undefined): boolean {
  if (!stmt) return false;
  if (stmt.type === 'ThrowStatement' || stmt.type === 'RevertStatement' || stmt.type === 'ReturnStatement')
    return true;
  if (stmt.type === 'ExpressionStatement') {
    const call = stmt.expression as Any;
    return (
      call?.type === 'FunctionCall' &&
      (call.expression as Any)?.type === 'Identifier' &&
      (call.expression as Any).name === 'revert'
    );
  }
  if (stmt.type === 'Block') return aborts((stmt.statements as Any[])[0]);
  return false;
}

/** The whole analysis of one function or modifier body. */
/**
 * `paramTaint` seeds the parameters of functions only the contract itself can call: what its call
 * sites pass in. Parameters of externally callable functions (and modifiers) are caller input.
 */
export function analyzeBody(
  fn: FunctionIR,
  scope: BodyScope,
  paramTaint?: ReadonlyMap<string, ReadonlySet<TaintSource>>,
): void {
  const node = fn.node as Any;
  const body = node.body as Any | null;
  const locals = new Map<string, Set<TaintSource>>();
  const external = fn.kind === 'modifier' || ['public', 'external', 'default'].includes(fn.visibility);
  const localTypes = new Map<string, string>();
  for (const param of fn.params) {
    locals.set(param.name, new Set(external ? ['input'] : (paramTaint?.get(param.name) ?? [])));
    localTypes.set(param.name, param.typeName);
  }
  for (const ret of ((node.returnParameters as Any[] | null) ?? []) as Any[]) {
    if (ret.name) {
      locals.set(ret.name as string, new Set());
      localTypes.set(ret.name as string, typeText(ret.typeName as Any));
    }
  }

  const isState = (name: string | undefined): name is string =>
    name !== undefined && !locals.has(name) && scope.stateVars.has(name);
  /** Local storage references and the state variable each points into. */
  const storageAliases = new Map<string, string>();
  const stateTarget = (name: string | undefined): string | undefined =>
    name === undefined ? undefined : (storageAliases.get(name) ?? (isState(name) ? name : undefined));
  const isContractExpr = (expr: Node): boolean => {
    const e = expr as Any;
    if (e.type === 'Identifier') {
      const name = e.name as string;
      const type = localTypes.get(name) ?? (isState(name) ? scope.stateVars.get(name)?.typeName : undefined);
      return type !== undefined && scope.contractNames.has(type);
    }
    if (e.type === 'FunctionCall' && (e.expression as Any).type === 'Identifier') {
      return scope.contractNames.has((e.expression as Any).name as string);
    }
    if (e.type === 'IndexAccess') {
      const base = baseIdentifier(e);
      const type = base && isState(base) ? scope.stateVars.get(base)?.typeName : undefined;
      return type !== undefined && scope.contractNames.has(type.replace(/\[\]$/, ''));
    }
    return false;
  };
  const isFunction = (name: string) => scope.functionsByName.has(name);
  const env: TaintEnv = {
    locals,
    callResult(call) {
      const kind = classifyCall(call, isContractExpr, isFunction).kind;
      if (['call', 'send', 'delegatecall', 'staticcall', 'callcode', 'external'].includes(kind))
        return new Set(['external']);
      const callee = (call as Any).expression as Any;
      if (callee?.type === 'Identifier' && callee.name === 'blockhash') return new Set(['blockhash']);
      if (callee?.type === 'MemberAccess' && callee.memberName === 'blockhash') return new Set(['blockhash']);
      return undefined;
    },
  };

  // Statements in pre-order, each with its loop context.
  const statements: StatementInfo[] = [];
  const collect = (stmt: Node, loopDepth: number, loop: StatementInfo['loop'], unchecked = false): void => {
    const inUnchecked = unchecked || stmt.type === 'UncheckedStatement';
    const info: StatementInfo = {
      node: stmt,
      index: statements.length,
      loopDepth,
      ...(loop ? { loop } : {}),
      ...(inUnchecked ? { unchecked: true } : {}),
    };
    if (stmt.type !== 'Block' && stmt.type !== 'UncheckedStatement') statements.push(info);
    if (LOOPS.has(stmt.type)) {
      const range = { start: info.index, end: info.index };
      // Expressions of the loop statement itself (its condition) run on every iteration.
      info.loopDepth = loopDepth + 1;
      info.loop = range;
      for (const child of nestedStatements(stmt as Any)) collect(child, loopDepth + 1, range, inUnchecked);
      range.end = statements.length - 1;
    } else {
      for (const child of nestedStatements(stmt as Any)) collect(child, loopDepth, loop, inUnchecked);
    }
  };
  if (body) collect(body, 0, undefined);

  // Local variable taint: iterate to a fixpoint (assignments inside loops feed earlier uses).
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const flow = (name: string, taint: Set<TaintSource>) => {
      const current = locals.get(name);
      if (!current) return;
      for (const t of taint) {
        if (!current.has(t)) {
          current.add(t);
          changed = true;
        }
      }
    };
    for (const info of statements) {
      const stmt = info.node as Any;
      if (stmt.type === 'VariableDeclarationStatement') {
        const vars = (stmt.variables as (Any | null)[]).filter((v): v is Any => v !== null);
        for (const v of vars) {
          if (!locals.has(v.name as string)) {
            locals.set(v.name as string, new Set());
            localTypes.set(v.name as string, typeText(v.typeName as Any));
          }
          flow(v.name as string, taintOf(stmt.initialValue as Node, env));
        }
      }
      for (const expr of ownExpressionsOf(stmt)) {
        walk(expr, (n) => {
          const e = n as Any;
          if (e.type === 'BinaryOperation' && ASSIGNMENT_OPS.has(e.operator as string)) {
            const target = baseIdentifier(e.left as Node);
            if (target && locals.has(target)) flow(target, taintOf(e.right as Node, env));
          }
          return true;
        });
      }
    }
    if (!changed) break;
  }

  // Facts: calls, state reads and writes, guards, uninitialised storage pointers.
  const calls: CallSite[] = [];
  const guards: Guard[] = [];
  const stateReads = new Set<string>();
  const writes: FunctionIR['stateWrites'] = [];
  const pointers: FunctionIR['uninitializedStoragePointers'] = [];
  const usedLater = (name: string, after: number): boolean =>
    statements.slice(after + 1).some((s) => {
      let found = false;
      for (const expr of ownExpressionsOf(s.node as Any)) {
        walk(expr, (n) => {
          if (n.type === 'Identifier' && (n as Any).name === name) found = true;
          return !found;
        });
      }
      return found;
    });

  for (const info of statements) {
    const stmt = info.node as Any;
    if (stmt.type === 'VariableDeclarationStatement') {
      for (const v of (stmt.variables as (Any | null)[]).filter((x): x is Any => x !== null)) {
        const type = typeText(v.typeName as Any);
        const complex =
          (v.typeName as Any | null)?.type === 'ArrayTypeName' ||
          (v.typeName as Any | null)?.type === 'Mapping' ||
          ((v.typeName as Any | null)?.type === 'UserDefinedTypeName' && !scope.contractNames.has(type));
        const storage =
          v.storageLocation === 'storage' || (v.storageLocation === null && (complex || type === 'var'));
        if (storage && !stmt.initialValue && type !== 'var')
          pointers.push({ name: v.name as string, node: stmt });
        // `var acc = accounts[msg.sender]` (or `Account storage acc = ...`): writes through it change state.
        const source = baseIdentifier(stmt.initialValue as Node | undefined);
        if (storage && source !== undefined) {
          const stateVar = storageAliases.get(source) ?? (isState(source) ? source : undefined);
          if (stateVar) storageAliases.set(v.name as string, stateVar);
        }
      }
    }
    if (
      stmt.type === 'IfStatement' &&
      (aborts(stmt.trueBody as Any) || runsPlaceholder(stmt.trueBody as Any))
    ) {
      guards.push(guardOf(stmt.condition as Node, info, env, scope));
    }
    for (const expr of ownExpressionsOf(stmt)) {
      walk(expr, (n, parent) => {
        const e = n as Any;
        if (e.type === 'FunctionCall') {
          const c = classifyCall(e, isContractExpr, isFunction);
          if (c.kind === 'builtin' && (c.name === 'require' || c.name === 'assert')) {
            const cond = ((e.arguments as Node[]) ?? [])[0];
            if (cond) guards.push(guardOf(cond, info, env, scope));
          }
          const returnChecked = isReturnChecked(e, parent as Any | undefined, stmt, info, usedLater);
          calls.push({
            kind: c.kind,
            name: c.name,
            node: e,
            statement: info,
            target: c.target,
            sendsValue: c.sendsValue,
            returnChecked,
            targetTaint: c.target ? taintOf(c.target, env) : new Set(),
            argTaint: ((e.arguments as Node[]) ?? []).map((a) => taintOf(a, env)),
            ...(c.kind === 'internal' && scope.functionsByName.get(c.name)?.[0]
              ? { callee: scope.functionsByName.get(c.name)?.[0] as FunctionIR }
              : {}),
          });
        } else if (e.type === 'BinaryOperation' && ASSIGNMENT_OPS.has(e.operator as string)) {
          const target = stateTarget(baseIdentifier(e.left as Node));
          // Re-pointing a storage reference (`acc = other`) is not a state write.
          const repoint =
            e.left &&
            (e.left as Any).type === 'Identifier' &&
            storageAliases.has((e.left as Any).name as string);
          if (target !== undefined && !repoint) {
            const taint = taintOf(e.right as Node, env);
            for (const t of indexTaint(e.left as Any, env)) taint.add(t);
            writes.push({ variable: target, statement: info, node: e, taint });
          }
        } else if (e.type === 'UnaryOperation' && ['++', '--', 'delete'].includes(e.operator as string)) {
          const target = stateTarget(baseIdentifier(e.subExpression as Node));
          if (target !== undefined)
            writes.push({
              variable: target,
              statement: info,
              node: e,
              taint: indexTaint(e.subExpression as Any, env),
            });
        } else if (e.type === 'Identifier' && isState(e.name as string)) {
          stateReads.add(e.name as string);
        }
        return true;
      });
    }
    // Array pushes and pops change state too.
    for (const call of calls.filter((c) => c.statement === info && (c.name === 'push' || c.name === 'pop'))) {
      const target = stateTarget(baseIdentifier(call.target));
      if (target !== undefined)
        writes.push({
          variable: target,
          statement: info,
          node: call.node,
          taint: new Set(call.argTaint.flatMap((t) => [...t])),
        });
    }
  }

  fn.statements = statements;
  fn.calls = calls;
  fn.guards = guards;
  fn.stateReads = stateReads;
  fn.stateWrites = writes;
  fn.localTaint = locals;
  fn.uninitializedStoragePointers = pointers;
}

function indexTaint(lvalue: Any, env: TaintEnv): Set<TaintSource> {
  const out = new Set<TaintSource>();
  let node: Any | undefined = lvalue;
  while (node && (node.type === 'IndexAccess' || node.type === 'MemberAccess')) {
    if (node.type === 'IndexAccess') for (const t of taintOf(node.index as Node, env)) out.add(t);
    node = (node.type === 'IndexAccess' ? node.base : node.expression) as Any;
  }
  return out;
}

/**
 * Whether the success flag of a call is looked at: it is the condition of require/assert/if, part of
 * an expression, or assigned to a variable that a later statement reads.
 */
function isReturnChecked(
  call: Any,
  parent: Any | undefined,
  stmt: Any,
  info: StatementInfo,
  usedLater: (name: string, after: number) => boolean,
): boolean {
  if (stmt.type === 'ExpressionStatement' && stmt.expression === call) return false;
  if (stmt.type === 'VariableDeclarationStatement' && stmt.initialValue === call) {
    const vars = (stmt.variables as (Any | null)[]).filter((v): v is Any => v !== null);
    return vars.some((v) => usedLater(v.name as string, info.index));
  }
  if (
    parent?.type === 'BinaryOperation' &&
    parent.operator === '=' &&
    parent.right === call &&
    stmt.expression === parent
  ) {
    const target = baseIdentifier(parent.left as Node);
    return target !== undefined && usedLater(target, info.index);
  }
  return true;
}

/** `admins[msg.sender]` or `!banned[msg.sender]` as a whole condition: a role lookup. */
function roleLookup(cond: Node): TaintSource | undefined {
  let node = cond as Any;
  while (node.type === 'UnaryOperation' && node.operator === '!') node = node.subExpression as Any;
  return node.type === 'IndexAccess' ? globalSource(node.index as Node) : undefined;
}

/**
 * A condition that checks who is calling: msg.sender (or tx.origin) compared with ==/!= to something
 * else, or looked up as the whole condition (`require(admins[msg.sender])`). A balance comparison such
 * as `balances[msg.sender] >= amount` is not an access check.
 */
function guardOf(cond: Node, info: StatementInfo, env: TaintEnv, scope: BodyScope): Guard {
  const role = roleLookup(cond);
  let checksSender = role === 'sender' || role === 'origin';
  let usesOrigin = role === 'origin';
  walk(cond, (n) => {
    const e = n as Any;
    if (e.type === 'BinaryOperation' && (e.operator === '==' || e.operator === '!=')) {
      const left = taintOf(e.left as Node, env);
      const right = taintOf(e.right as Node, env);
      const callerSide = (t: Set<TaintSource>) => t.has('sender') || t.has('origin');
      if (callerSide(left) !== callerSide(right)) checksSender = true;
      if (left.has('origin') || right.has('origin')) usesOrigin = true;
    } else if (e.type === 'FunctionCall' && (e.expression as Any).type === 'Identifier') {
      // `require(isOwner())`: a helper whose body compares the caller; `isOwner(msg.sender)`: one handed the caller.
      const callee = scope.functionsByName.get((e.expression as Any).name as string)?.[0];
      const handedCaller = ((e.arguments as Node[]) ?? []).some((a) => {
        const source = globalSource(a);
        return source === 'sender' || source === 'origin';
      });
      if (callee && handedCaller) checksSender = true;
      if (callee?.guards.some((g) => g.checksSender)) checksSender = true;
      if (callee && bodyComparesCaller(callee.node)) checksSender = true;
    }
    return true;
  });
  return { statement: info, checksSender, usesOrigin };
}

function bodyComparesCaller(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    const e = n as Any;
    if (e.type === 'BinaryOperation' && (e.operator === '==' || e.operator === '!=')) {
      if (globalSource(e.left as Node) === 'sender' || globalSource(e.right as Node) === 'sender')
        found = true;
    }
    return !found;
  });
  return found;
}
