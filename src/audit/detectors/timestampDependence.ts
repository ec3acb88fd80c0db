import { walk } from '../ir/astWalk.js';
import { capturesOf, nodesOf } from '../ir/queries.js';
import { globalSource } from '../ir/taint.js';
import type { ContractIR, SourceFileIR, TaintSource } from '../ir/types.js';
import { type Detector, inputFunctions } from './detector.js';

const COMPARISONS = new Set(['<', '>', '<=', '>=', '==', '!=', '%']);
const TIMESTAMP: ReadonlySet<TaintSource> = new Set(['timestamp']);

export const timestampDependence: Detector = {
  meta: {
    id: 'timestamp-dependence',
    title: 'Control flow depends on block.timestamp',
    severity: 'low',
    confidence: 'medium',
    category: 'time_manipulation',
    swc: 'SWC-116',
    description:
      'block.timestamp (now) is set by the block producer within a tolerance of several seconds. Comparisons and modulo on it decide outcomes that a producer can steer.',
    exploitScenario:
      'A lottery pays out when now % 15 == 0, or an auction ends at a timestamp: a miner or validator who bids or plays picks the timestamp of the block that includes the winning transaction.',
    recommendation:
      'Do not use block.timestamp for randomness or fine-grained deadlines; tolerate about 15 seconds of drift, or use block numbers for coarse ordering and a VRF for randomness.',
  },
  detect({ ir, report }) {
    const deciding = new Map<ContractIR, { file: SourceFileIR; lines: Set<number> }>();
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const stmt of fn.statements) {
        let hit = false;
        for (const node of nodesOf(stmt)) {
          if (node.type !== 'BinaryOperation' || !COMPARISONS.has(node.operator as string)) continue;
          walk(node, (n) => {
            if (globalSource(n) === 'timestamp') hit = true;
            return !hit;
          });
          // A local holding a timestamp compared later counts too.
          for (const side of [node.left, node.right] as { type?: string; name?: string }[]) {
            if (side?.type === 'Identifier' && fn.localTaint.get(side.name ?? '')?.has('timestamp'))
              hit = true;
          }
          if (hit) break;
        }
        if (!hit) continue;
        const entry = deciding.get(contract) ?? { file, lines: new Set<number>() };
        entry.lines.add(stmt.node.loc?.start.line ?? 0);
        deciding.set(contract, entry);
        report({
          file,
          contract,
          function: fn,
          node: stmt.node,
          message: `${contract.name}.${fn.name || fn.kind} decides on block.timestamp, which the block producer can shift.`,
        });
      }
    }
    for (const [contract, { file, lines }] of deciding) {
      for (const node of capturesOf(contract, TIMESTAMP)) {
        if (lines.has(node.loc?.start.line ?? 0)) continue;
        report({
          file,
          contract,
          node,
          message: `${contract.name} stores or returns block.timestamp that its decisions depend on.`,
        });
      }
    }
  },
};
