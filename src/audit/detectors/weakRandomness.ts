import { BLOCK_SOURCES, intersects, nodesOf } from '../ir/queries.js';
import { type TaintEnv, taintOf } from '../ir/taint.js';
import type { FunctionIR } from '../ir/types.js';
import { type Detector, inputFunctions } from './detector.js';

const HASHES = new Set(['keccak256', 'sha3', 'sha256']);

function envOf(fn: FunctionIR): TaintEnv {
  return {
    locals: fn.localTaint,
    callResult(call) {
      const callee = (call as unknown as { expression: { type: string; name?: string; memberName?: string } })
        .expression;
      return callee.name === 'blockhash' || callee.memberName === 'blockhash'
        ? new Set(['blockhash'])
        : undefined;
    },
  };
}

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
      'Use a verifiable random function (Chainlink VRF) or a commit-reveal scheme with a future block; never block fields alone.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      const env = envOf(fn);
      for (const stmt of fn.statements) {
        let hit = false;
        for (const node of nodesOf(stmt)) {
          if (node.type === 'BinaryOperation' && node.operator === '%') {
            hit = intersects(taintOf(node.left as never, env), BLOCK_SOURCES);
          } else if (node.type === 'FunctionCall') {
            const callee = node.expression as { type: string; name?: string; memberName?: string };
            const name = callee.name ?? callee.memberName ?? '';
            if (HASHES.has(name)) hit = intersects(taintOf(node, env), BLOCK_SOURCES);
            // block.blockhash(block.number) is always zero: a "random" value everyone knows.
            if (name === 'blockhash' && node.arguments) hit = true;
          }
          if (hit) break;
        }
        if (!hit) continue;
        report({
          file,
          contract,
          function: fn,
          node: stmt.node,
          message: `${contract.name}.${fn.name || fn.kind} draws a "random" value from block data that miners and other contracts can predict.`,
        });
      }
    }
  },
};
