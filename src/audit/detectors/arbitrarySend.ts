import { walk } from '../ir/astWalk.js';
import { isExternallyCallable } from '../ir/buildIr.js';
import { checksCaller } from '../ir/queries.js';
import { type Detector, inputFunctions } from './detector.js';

/** `this.balance` or `address(this).balance`: everything the contract holds. */
function drainsBalance(node: unknown): boolean {
  let found = false;
  walk(node as never, (n) => {
    const e = n as unknown as { type: string; memberName?: string };
    if (e.type === 'MemberAccess' && e.memberName === 'balance') found = true;
    return !found;
  });
  return found;
}

export const arbitrarySend: Detector = {
  meta: {
    id: 'arbitrary-send',
    title: 'Anyone can withdraw ether, or choose where it goes',
    severity: 'high',
    confidence: 'medium',
    category: 'access_control',
    swc: 'SWC-105',
    description:
      "A function anyone can call sends ether to an address the caller chooses, or sends the contract's whole balance, without checking who the caller is.",
    exploitScenario:
      "The attacker calls withdraw(attackerAddress) or a forgotten sweep function and receives the contract's ether (Rubixi: the owner function was left public after a rename).",
    recommendation:
      'Restrict payouts to an authorised role, or pay only what the contract owes the caller (a per-account balance) to msg.sender.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!isExternallyCallable(fn) || checksCaller(fn)) continue;
      for (const call of fn.calls) {
        if (!call.sendsValue || call.kind === 'selfdestruct') continue;
        const toCaller = call.targetTaint.has('sender') && !call.targetTaint.has('input');
        const chosenTarget = call.targetTaint.has('input');
        const amount =
          call.kind === 'call'
            ? undefined
            : (call.node as unknown as { arguments?: unknown[] }).arguments?.[0];
        const wholeBalance = amount !== undefined && drainsBalance(amount);
        if (!chosenTarget && !(toCaller && wholeBalance)) continue;
        report({
          file,
          contract,
          function: fn,
          node: call.statement.node,
          message: chosenTarget
            ? `${contract.name}.${fn.name || fn.kind} sends ether to an address its caller picks, and anyone may call it.`
            : `${contract.name}.${fn.name || fn.kind} sends the whole balance to whoever calls it.`,
        });
      }
    }
  },
};
