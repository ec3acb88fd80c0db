import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { BLOCK_SOURCES, capturesOf, intersects, nodesOf } from '../ir/queries.js';
import { globalSource, type TaintEnv, taintOf } from '../ir/taint.js';
import type { ContractIR, FunctionIR, TaintSource } from '../ir/types.js';
import { type Detector, inputFunctions, type ReportInput } from './detector.js';

type Any = Record<string, unknown> & Node;

const HASHES = new Set(['keccak256', 'sha3', 'sha256']);
/** What a "random" value must not be drawn from: block data, and the caller's own address. */
const PREDICTABLE: ReadonlySet<TaintSource> = new Set([...BLOCK_SOURCES, 'sender']);

function envOf(fn: FunctionIR): TaintEnv {
  return {
    locals: fn.localTaint,
    callResult(call) {
      const callee = (call as Any).expression as Any;
      return callee.name === 'blockhash' || callee.memberName === 'blockhash'
        ? new Set(['blockhash'])
        : undefined;
    },
  };
}

function calleeName(call: Any): string {
  const callee = call.expression as Any;
  return ((callee.name ?? callee.memberName) as string | undefined) ?? '';
}

/**
 * Commit-reveal with a future block: `blockhash(commitBlock + 20)` where commitBlock was stored in an
 * earlier transaction and the function requires block.number to have passed it. Nobody knew that
 * hash when committing, so this lookup is the fix rather than the weakness.
 */
function committedFutureBlock(fn: FunctionIR, call: Any): boolean {
  const names = new Set<string>();
  let readsLiveBlock = false;
  for (const arg of (call.arguments as Node[]) ?? []) {
    walk(arg, (n) => {
      const e = n as Any;
      if (globalSource(n) !== undefined) readsLiveBlock = true;
      if (e.type === 'Identifier') names.add(e.name as string);
      return true;
    });
  }
  const state = [...names].filter((name) => fn.stateReads.has(name) && !fn.localTaint.has(name));
  if (readsLiveBlock || state.length === 0) return false;
  return fn.guards.some((guard) => {
    if (!guard.statement || guard.viaModifier) return false;
    let number = false;
    let committed = false;
    walk(guard.statement.node, (n) => {
      if (globalSource(n) === 'blocknumber') number = true;
      if (n.type === 'Identifier' && state.includes((n as Any).name as string)) committed = true;
      return true;
    });
    return number && committed;
  });
}

/** Statements that turn block data into a "random" number, and the blockhash lookups themselves. */
function randomnessUses(fn: FunctionIR): { node: Node; statement: Node }[] {
  const env = envOf(fn);
  const uses: { node: Node; statement: Node }[] = [];
  for (const stmt of fn.statements) {
    let statementHit = false;
    for (const node of nodesOf(stmt)) {
      if (node.type === 'FunctionCall' && calleeName(node) === 'blockhash') {
        // Pointed at the call: several lookups often share one long expression.
        if (!committedFutureBlock(fn, node)) uses.push({ node, statement: stmt.node });
      } else if (!statementHit && node.type === 'BinaryOperation' && node.operator === '%') {
        statementHit = intersects(taintOf(node.left as Node, env), PREDICTABLE);
      } else if (!statementHit && node.type === 'FunctionCall' && HASHES.has(calleeName(node))) {
        statementHit = intersects(taintOf(node, env), BLOCK_SOURCES);
      }
    }
    if (statementHit) uses.push({ node: stmt.node, statement: stmt.node });
  }
  return uses;
}

/** Block data a contract captures; blockhash lookups are reported as uses already. */
const CAPTURED: ReadonlySet<TaintSource> = new Set(['blocknumber', 'timestamp', 'difficulty', 'block']);

export const weakRandomness: Detector = {
  meta: {
    id: 'weak-randomness',
    title: 'Randomness derived from block data',
    severity: 'high',
    confidence: 'medium',
    category: 'bad_randomness',
    swc: 'SWC-120',
    description:
      'blockhash, block.number, block.timestamp, difficulty and coinbase are public and known to (or chosen by) the block producer. Hashing them or taking them modulo n does not make them unpredictable.',
    exploitScenario:
      'An attacker contract computes the same keccak256(block.timestamp, block.difficulty) % 100 in the same transaction and only plays when it wins; a block producer can also withhold blocks whose outcome it dislikes.',
    recommendation:
      'Use a verifiable random function (Chainlink VRF) or a commit-reveal scheme with a future block; never block fields or the caller address alone.',
  },
  detect({ ir, report }) {
    const byContract = new Map<ContractIR, ReportInput[]>();
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const use of randomnessUses(fn)) {
        const list = byContract.get(contract) ?? [];
        list.push({
          file,
          contract,
          function: fn,
          node: use.node,
          message: `${contract.name}.${fn.name || fn.kind} draws a "random" value from data that miners and other contracts can predict.`,
        });
        byContract.set(contract, list);
      }
    }
    for (const [contract, uses] of byContract) {
      const reported = new Set<number>();
      for (const use of uses) {
        report(use);
        reported.add(use.node.loc?.start.line ?? 0);
      }
      const file = uses[0]?.file ?? contract.file;
      for (const node of capturesOf(contract, CAPTURED)) {
        if (reported.has(node.loc?.start.line ?? 0)) continue;
        report({
          file,
          contract,
          node,
          message: `${contract.name} records block data that feeds its randomness; the value is public and producer-controlled.`,
        });
      }
    }
  },
};
