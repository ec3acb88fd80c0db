import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { ownExpressionsOf } from '../ir/queries.js';
import { globalSource } from '../ir/taint.js';
import type { Detector } from './detector.js';
import { inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

function isEcrecover(node: Any | undefined): boolean {
  const callee = node?.type === 'FunctionCall' ? (node.expression as Any) : undefined;
  return callee?.type === 'Identifier' && callee.name === 'ecrecover';
}

/** `0`, `0x0`, `address(0)`, `address(0x0)`. */
function isZeroAddress(node: Any | undefined): boolean {
  if (!node) return false;
  if (node.type === 'NumberLiteral') return /^0(x0*)?$/i.test(node.number as string);
  if (node.type === 'FunctionCall') {
    const callee = node.expression as Any;
    const isAddress =
      (callee.type === 'Identifier' || callee.type === 'ElementaryTypeName') && callee.name === 'address';
    const args = (node.arguments as Any[]) ?? [];
    return isAddress && args.length === 1 && isZeroAddress(args[0]);
  }
  return false;
}

export const ecrecoverZeroCheck: Detector = {
  meta: {
    id: 'ecrecover-zero-check',
    title: 'ecrecover result used without checking for address(0)',
    severity: 'medium',
    confidence: 'medium',
    category: 'other',
    // SWC-122 (lack of proper signature verification): ecrecover returns 0 for an invalid signature,
    // so accepting its result unchecked accepts invalid signatures. SWC-117 is about malleable (s, v)
    // values of valid signatures, which a zero check does not address.
    swc: 'SWC-122',
    description:
      'ecrecover returns address(0) instead of failing when the signature is invalid. Comparing that result with an address that may be zero (an unset signer, a missing mapping entry) or storing it accepts a forged signature.',
    exploitScenario:
      'A permit function does `require(ecrecover(hash, v, r, s) == owner)` for an owner read from a mapping. For an account that never set one, owner is 0; the attacker sends garbage (v, r, s), ecrecover returns 0, and the check passes.',
    recommendation:
      "Require that the recovered address is not address(0) (or use OpenZeppelin's ECDSA.recover, which reverts on invalid signatures and rejects malleable ones).",
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (!fn.calls.some((c) => c.name === 'ecrecover' && c.kind === 'builtin')) continue;
      // Locals holding an ecrecover result directly.
      const holders = new Set<string>();
      for (const stmt of fn.statements) {
        const s = stmt.node as Any;
        if (s.type === 'VariableDeclarationStatement' && isEcrecover(s.initialValue as Any)) {
          const vars = (s.variables as (Any | null)[]).filter((v): v is Any => v !== null);
          if (vars.length === 1 && vars[0]) holders.add(vars[0].name as string);
        }
        for (const expr of ownExpressionsOf(s)) {
          walk(expr, (n) => {
            const e = n as Any;
            if (e.type === 'BinaryOperation' && e.operator === '=' && isEcrecover(e.right as Any)) {
              const left = e.left as Any;
              if (left.type === 'Identifier') holders.add(left.name as string);
            }
            return true;
          });
        }
      }
      const isRecovered = (n: Any | undefined) =>
        isEcrecover(n) || (n?.type === 'Identifier' && holders.has(n.name as string));

      let checked = false;
      const uses: Node[] = [];
      for (const stmt of fn.statements) {
        let used = false;
        for (const expr of ownExpressionsOf(stmt.node)) {
          walk(expr, (n) => {
            const e = n as Any;
            if (e.type !== 'BinaryOperation') return true;
            const left = e.left as Any;
            const right = e.right as Any;
            if (e.operator === '==' || e.operator === '!=') {
              const other = isRecovered(left) ? right : isRecovered(right) ? left : undefined;
              if (!other) return true;
              if (isZeroAddress(other)) checked = true;
              // msg.sender and tx.origin are never zero: comparing with them is safe.
              else if (globalSource(other) !== 'sender' && globalSource(other) !== 'origin') used = true;
            } else if (e.operator === '=' && isRecovered(right)) {
              // Stored in a state variable: later checks against it accept the invalid signature.
              if (fn.stateWrites.some((w) => w.node === e)) used = true;
            }
            return true;
          });
        }
        if (used) uses.push(stmt.node);
      }
      if (checked) continue;
      for (const node of uses) {
        report({
          file,
          contract,
          function: fn,
          node,
          message: `${contract.name}.${fn.name || fn.kind} uses the address ecrecover returns without rejecting address(0), which ecrecover returns for an invalid signature.`,
        });
      }
    }
  },
};
