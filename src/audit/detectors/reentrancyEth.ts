import { type Detector, inputFunctions } from './detector.js';
import { describeWrites, reentrancyPaths, sendsEther } from './reentrancyPaths.js';

export const reentrancyEth: Detector = {
  meta: {
    id: 'reentrancy-eth',
    title: 'Reentrancy: ether sent before state is updated',
    severity: 'high',
    confidence: 'medium',
    category: 'reentrancy',
    swc: 'SWC-107',
    description:
      'The function sends ether with a call that forwards all remaining gas, and only afterwards updates the state that guards the payment. The receiver can call back in while the state is stale.',
    exploitScenario:
      'The attacker deposits 1 ether from a contract and calls withdraw(). In the fallback that receives the ether it calls withdraw() again; the balance has not been zeroed yet, so each nested call pays out again until the contract is drained (The DAO, 2016).',
    recommendation:
      'Apply checks-effects-interactions: update balances and flags before the external call; or guard the function with a reentrancy lock (OpenZeppelin ReentrancyGuard); prefer pull payments.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const path of reentrancyPaths(fn)) {
        if (!sendsEther(path.call)) continue;
        report({
          file,
          contract,
          function: fn,
          node: path.call.statement.node,
          message: `${contract.name}.${fn.name || fn.kind} sends ether with ${path.call.kind === 'call' ? 'a low-level call' : `${path.call.name}()`} and writes ${describeWrites(path.writes)} after it: a reentrant call sees the old value.`,
        });
      }
    }
  },
};
