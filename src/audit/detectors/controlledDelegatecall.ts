import { isExternallyCallable } from '../ir/buildIr.js';
import { checksCaller } from '../ir/queries.js';
import { type Detector, inputFunctions } from './detector.js';

function forwardsMsgData(arg: unknown): boolean {
  const e = arg as { type?: string; memberName?: string; expression?: { type?: string; name?: string } };
  return e.type === 'MemberAccess' && e.memberName === 'data' && e.expression?.name === 'msg';
}

export const controlledDelegatecall: Detector = {
  meta: {
    id: 'controlled-delegatecall',
    title: 'delegatecall to an address or with data the caller controls',
    severity: 'high',
    confidence: 'medium',
    category: 'access_control',
    swc: 'SWC-112',
    description:
      "delegatecall runs another contract's code with this contract's storage and balance. When anyone can choose the target or the calldata, anyone can run arbitrary code as this contract.",
    exploitScenario:
      'A wallet forwards msg.data to its library with delegatecall from the fallback: the attacker calls initWallet through it, becomes owner and drains the wallet (Parity multisig, July 2017). With a chosen target, the attacker passes a contract that selfdestructs or rewrites the owner slot.',
    recommendation:
      'Delegatecall only to fixed, trusted code; never forward msg.data unfiltered; whitelist the function selectors a proxy may forward and restrict who may call it.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn) || checksCaller(fn)) continue;
      for (const call of fn.calls) {
        if (call.kind !== 'delegatecall' && call.kind !== 'callcode') continue;
        const target = call.targetTaint.has('input');
        // Forwarding msg.data wholesale exposes every function of the callee (the Parity wallet); a
        // chosen bytes argument to a fixed, owner-set callee is the ordinary proxy pattern.
        const data = ((call.node as unknown as { arguments?: unknown[] }).arguments ?? []).some(
          forwardsMsgData,
        );
        if (!target && !data) continue;
        report({
          file,
          contract,
          function: fn,
          node: call.statement.node,
          message: target
            ? `${contract.name}.${fn.name || fn.kind} delegatecalls an address its caller chooses.`
            : `${contract.name}.${fn.name || fn.kind} forwards msg.data to delegatecall: every function of the callee runs on this contract's storage.`,
        });
      }
    }
  },
};
