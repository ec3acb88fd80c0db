import { isExternallyCallable } from '../ir/buildIr.js';
import { type Detector, inputFunctions } from './detector.js';

export const unprotectedSelfdestruct: Detector = {
  meta: {
    id: 'unprotected-selfdestruct',
    title: 'Anyone can destroy the contract',
    severity: 'high',
    confidence: 'high',
    category: 'access_control',
    swc: 'SWC-106',
    description:
      'A public function reaches selfdestruct (suicide) without checking who calls it. Anyone can delete the contract and send its ether where they like.',
    exploitScenario:
      'An attacker calls the function: the code is removed, every dependent contract breaks and the balance goes to the address the attacker names (Parity multisig library, 2017: 513,774 ETH frozen).',
    recommendation:
      'Restrict the function to an owner or governance role (onlyOwner), or remove selfdestruct.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn) || fn.guards.some((g) => g.checksSender)) continue;
      for (const call of fn.calls) {
        if (call.kind !== 'selfdestruct') continue;
        report({
          file,
          contract,
          function: fn,
          node: call.statement.node,
          message: `${contract.name}.${fn.name || fn.kind} can be called by anyone and destroys the contract.`,
        });
      }
    }
  },
};
