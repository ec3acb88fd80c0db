import type { Detector } from './detector.js';
import { headerOf, inputFunctions } from './detector.js';

export const defaultVisibility: Detector = {
  meta: {
    id: 'default-visibility',
    title: 'Function visibility is not set',
    severity: 'low',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-100',
    description:
      'Before Solidity 0.5.0 a function without a visibility specifier is public. A helper meant to be internal is then callable by anyone.',
    exploitScenario:
      'A wallet has `function _sendWinnings() { msg.sender.transfer(this.balance); }` meant as an internal helper; with no visibility it is public, and anyone calls it to empty the contract.',
    recommendation:
      'Give every function an explicit visibility (external, public, internal or private) and prefer the most restrictive that works.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      // Constructors, fallbacks and receive functions have no meaningful visibility choice.
      if (fn.kind !== 'function' || !fn.visibilityDefaulted || contract.kind === 'interface') continue;
      if (!(fn.node as unknown as { body?: unknown }).body) continue;
      report({
        file,
        contract,
        function: fn,
        node: headerOf(fn),
        message: `${contract.name}.${fn.name} has no visibility specifier, so it is public: anyone can call it.`,
      });
    }
  },
};

export const defaultStateVisibility: Detector = {
  meta: {
    id: 'default-state-visibility',
    title: 'State variable visibility is not set',
    severity: 'info',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-108',
    description:
      'A state variable without a visibility specifier is internal. Leaving it implicit hides whether the author meant it to be readable by other contracts, and makes reviews miss wrong assumptions about who can read or write it.',
    exploitScenario:
      'A developer assumes an unlabeled variable is private and stores a secret in it; it is internal (and, like every storage slot, readable off-chain), or expects a getter that does not exist and integrations break.',
    recommendation:
      'Declare the visibility of every state variable explicitly (public, internal or private).',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      for (const contract of file.contracts) {
        for (const sv of contract.stateVars) {
          if (sv.visibility !== 'default' || sv.isConstant) continue;
          report({
            file,
            contract,
            node: sv.node,
            message: `State variable ${contract.name}.${sv.name} has no visibility specifier (it is internal).`,
          });
        }
      }
    }
  },
};
