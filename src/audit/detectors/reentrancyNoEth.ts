import { type Detector, inputFunctions } from './detector.js';
import { describeWrites, reentrancyPaths, sendsEther } from './reentrancyPaths.js';

export const reentrancyNoEth: Detector = {
  meta: {
    id: 'reentrancy-no-eth',
    title: 'Reentrancy: external call before state is updated',
    severity: 'medium',
    confidence: 'medium',
    category: 'reentrancy',
    swc: 'SWC-107',
    description:
      'The function calls another contract and updates its own state afterwards. The callee can re-enter this contract, or another of its functions, while that state is stale (cross-function reentrancy).',
    exploitScenario:
      'A token hook (ERC-777 tokensReceived, ERC-721 onERC721Received) or a malicious token contract re-enters a function that reads the not-yet-updated state, e.g. claiming a reward twice or borrowing against a balance already spent.',
    recommendation:
      'Update state before calling out (checks-effects-interactions), or add a reentrancy lock shared by every function that touches that state.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const path of reentrancyPaths(fn)) {
        if (sendsEther(path.call)) continue;
        report({
          file,
          contract,
          function: fn,
          node: path.call.statement.node,
          message: `${contract.name}.${fn.name || fn.kind} calls ${path.call.name || 'out'} on another contract and writes ${describeWrites(path.writes)} after it.`,
        });
      }
    }
  },
};
