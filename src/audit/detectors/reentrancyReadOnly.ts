import { isExternallyCallable } from '../ir/buildIr.js';
import { type Detector, inputFunctions } from './detector.js';
import { hasReentrancyGuard, isReadOnly, reentrancyPaths } from './reentrancyPaths.js';

export const reentrancyReadOnly: Detector = {
  meta: {
    id: 'reentrancy-read-only',
    title: 'Read-only reentrancy: a view returns stale state during an external call',
    severity: 'medium',
    confidence: 'medium',
    category: 'reentrancy',
    swc: 'SWC-107',
    description:
      'A function behind a reentrancy lock calls out before updating its state. The lock stops re-entry into state-changing functions, but public view functions still answer, with the old values, while the call is in progress.',
    exploitScenario:
      'During the callback of remove_liquidity (the pool has sent ether but not yet updated its totals), the attacker makes a lending protocol read the pool price through get_virtual_price(); the inflated price lets the attacker borrow against collateral worth far less (Curve read-only reentrancy, 2022-2023).',
    recommendation:
      'Update state before the external call, or make the view functions revert while the lock is held (check the reentrancy status in them), and tell integrators not to read the value during callbacks.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!hasReentrancyGuard(fn)) continue;
      const views = contract.linearized
        .flatMap((c) => c.functions)
        .filter((v) => isReadOnly(v) && isExternallyCallable(v) && !hasReentrancyGuard(v));
      for (const path of reentrancyPaths(fn, true)) {
        const stale = new Set(path.writes.map((w) => w.variable));
        const readers = views.filter((v) => [...v.stateReads].some((name) => stale.has(name)));
        if (readers.length === 0) continue;
        report({
          file,
          contract,
          function: fn,
          node: path.call.statement.node,
          message: `${contract.name}.${fn.name} is locked but calls out before writing ${[...stale].join(', ')}; ${readers.map((r) => `${r.name}()`).join(', ')} can be read with the stale value during the call.`,
        });
      }
    }
  },
};
