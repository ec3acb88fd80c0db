import { type Detector, inputFunctions } from './detector.js';

export const txOrigin: Detector = {
  meta: {
    id: 'tx-origin',
    title: 'Authorization through tx.origin',
    severity: 'high',
    confidence: 'high',
    category: 'access_control',
    swc: 'SWC-115',
    description:
      'tx.origin is the account that started the transaction, not the caller. A check on it passes whenever the owner is anywhere up the call chain.',
    exploitScenario:
      'The attacker lures the owner into calling a contract the attacker wrote (an airdrop claim, say); that contract calls the wallet, the tx.origin == owner check passes, and the wallet pays the attacker.',
    recommendation: 'Check msg.sender instead of tx.origin for authorization.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const guard of fn.guards) {
        if (!guard.usesOrigin || !guard.checksSender || guard.viaModifier || !guard.statement) continue;
        report({
          file,
          contract,
          function: fn,
          node: guard.statement.node,
          message: `${contract.name}.${fn.name || fn.kind} authorizes the caller with tx.origin.`,
        });
      }
    }
    for (const file of ir.files) {
      if (!file.isInput) continue;
      for (const contract of file.contracts) {
        for (const modifier of contract.modifiers) {
          for (const guard of modifier.guards) {
            if (!guard.usesOrigin || !guard.checksSender || !guard.statement) continue;
            report({
              file,
              contract,
              function: modifier,
              node: guard.statement.node,
              message: `modifier ${modifier.name} authorizes the caller with tx.origin.`,
            });
          }
        }
      }
    }
  },
};
