import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { checksCaller } from '../ir/queries.js';
import type { ContractIR } from '../ir/types.js';
import { type Detector, headerOf, inputFunctions } from './detector.js';

/** State that decides who may do what: the variables the contract's own caller checks compare against. */
function privilegedVariables(contract: ContractIR): Set<string> {
  const names = new Set<string>();
  for (const c of contract.linearized) {
    for (const fn of [...c.functions, ...c.modifiers]) {
      for (const guard of fn.guards) {
        if (!guard.checksSender || !guard.statement || guard.viaModifier) continue;
        walk(guard.statement.node, (n) => {
          const e = n as unknown as { type: string; name?: string };
          if (e.type === 'Identifier' && e.name && c.stateVars.some((v) => v.name === e.name))
            names.add(e.name);
          return true;
        });
        // State a helper in the check reads (`isOwner(msg.sender)` looking up m_ownerIndex).
        for (const call of fn.calls) {
          if (call.statement !== guard.statement || call.kind !== 'internal' || !call.callee) continue;
          for (const read of call.callee.stateReads) names.add(read);
        }
      }
    }
  }
  return names;
}

export const unprotectedStateChange: Detector = {
  meta: {
    id: 'unprotected-privileged-write',
    title: 'Anyone can change who controls the contract',
    severity: 'high',
    confidence: 'medium',
    category: 'access_control',
    swc: 'SWC-105',
    description:
      'A function anyone can call writes a variable that the contract uses to decide who is authorised (the owner, an admin list), with no check on the caller: an unprotected owner setter or a re-callable initialiser.',
    exploitScenario:
      'The attacker calls initWallet() or setOwner(attacker) and becomes the owner, then uses the owner-only functions to withdraw (Parity multisig, July 2017: $30M).',
    recommendation:
      'Guard the function with the same check as the other privileged functions (onlyOwner), or make initialisers run once (an initialized flag, or OpenZeppelin Initializable) and call them from the constructor.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn) || checksCaller(fn)) continue;
      const privileged = privilegedVariables(contract);
      for (const write of fn.stateWrites) {
        if (!privileged.has(write.variable)) continue;
        report({
          file,
          contract,
          function: fn,
          // The fault is the missing check, which belongs on the function itself.
          node: headerOf(fn),
          message: `${contract.name}.${fn.name || fn.kind} writes ${write.variable} (line ${write.statement.node.loc?.start.line}), which guards privileged functions, and anyone can call it.`,
        });
        break;
      }
    }
  },
};
