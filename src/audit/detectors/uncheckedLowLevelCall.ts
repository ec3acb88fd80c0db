import { type Detector, inputFunctions } from './detector.js';

const UNCHECKED_KINDS = new Set(['call', 'send', 'delegatecall', 'callcode', 'staticcall']);

export const uncheckedLowLevelCall: Detector = {
  meta: {
    id: 'unchecked-low-level-call',
    title: 'Return value of a low-level call or send is not checked',
    severity: 'medium',
    confidence: 'high',
    category: 'unchecked_low_level_calls',
    swc: 'SWC-104',
    description:
      'call, send, delegatecall and callcode do not revert when the callee fails; they return false. Code that ignores the flag carries on as if the transfer or call had happened.',
    exploitScenario:
      'A payout uses recipient.send(amount) and then marks the debt as paid. The recipient is a contract whose fallback runs out of gas or reverts: the send returns false, the ether stays in the contract, yet the books say it was paid.',
    recommendation:
      'Check the returned boolean (require(success)), or use transfer / a pull-payment pattern; on 0.8 prefer Address.sendValue or a checked call.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const call of fn.calls) {
        if (!UNCHECKED_KINDS.has(call.kind) || call.returnChecked) continue;
        report({
          file,
          contract,
          function: fn,
          node: call.statement.node,
          message: `The result of ${call.kind} in ${contract.name}.${fn.name || fn.kind} is ignored: a failed ${call.kind} goes unnoticed.`,
        });
      }
    }
  },
};
