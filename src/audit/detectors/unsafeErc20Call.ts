import type { Node } from '../ir/astWalk.js';
import type { ContractIR, FunctionIR, ProjectIR } from '../ir/types.js';
import type { Detector } from './detector.js';
import { inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

/** ERC-20 functions returning a success flag, and how many arguments each takes. */
const ERC20_ARITY: Record<string, number> = { transfer: 2, approve: 2, transferFrom: 3 };

/** The contract type of the called expression, when the IR can tell. */
function targetType(target: Node | undefined, fn: FunctionIR, ir: ProjectIR): ContractIR | undefined {
  const t = target as Any | undefined;
  if (!t) return undefined;
  if (t.type === 'FunctionCall' && (t.expression as Any).type === 'Identifier')
    return ir.contracts.get((t.expression as Any).name as string);
  if (t.type !== 'Identifier') return undefined;
  const name = t.name as string;
  const param = fn.params.find((p) => p.name === name);
  if (param) return ir.contracts.get(param.typeName);
  for (const stmt of fn.statements) {
    const s = stmt.node as Any;
    if (s.type !== 'VariableDeclarationStatement') continue;
    for (const v of (s.variables as (Any | null)[]) ?? []) {
      const type = v?.typeName as Any | null | undefined;
      if (v?.name === name && type?.type === 'UserDefinedTypeName')
        return ir.contracts.get(type.namePath as string);
    }
  }
  for (const c of fn.contract.linearized) {
    const sv = c.stateVars.find((s) => s.name === name);
    if (sv) return sv.contractType ? ir.contracts.get(sv.contractType) : undefined;
  }
  return undefined;
}

/** Whether the interface declares the function without a return value: there is no flag to check. */
function declaredWithoutReturn(type: ContractIR | undefined, name: string, arity: number): boolean {
  if (!type) return false;
  for (const c of type.linearized) {
    for (const f of c.functions) {
      const node = f.node as Any;
      if (f.name !== name || ((node.parameters as unknown[]) ?? []).length !== arity) continue;
      return ((node.returnParameters as unknown[] | null) ?? []).length === 0;
    }
  }
  return false;
}

export const unsafeErc20Call: Detector = {
  meta: {
    id: 'unsafe-erc20-call',
    title: 'Return value of an ERC-20 transfer, transferFrom or approve is ignored',
    severity: 'medium',
    confidence: 'medium',
    category: 'unchecked_low_level_calls',
    swc: 'SWC-104',
    description:
      'ERC-20 transfer, transferFrom and approve may signal failure by returning false instead of reverting. Code that drops the result continues as if the tokens had moved.',
    exploitScenario:
      'A vault credits a deposit after `token.transferFrom(msg.sender, this, amount);`. With a token that returns false on insufficient balance, the attacker deposits tokens they do not have and withdraws real ones.',
    recommendation:
      "Check the result (require(token.transfer(to, amount))) or use OpenZeppelin's SafeERC20 (safeTransfer, safeTransferFrom, forceApprove), which also handles tokens that return nothing.",
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      for (const call of fn.calls) {
        const arity = ERC20_ARITY[call.name];
        if (call.kind !== 'external' || call.returnChecked || arity === undefined) continue;
        if (call.argTaint.length !== arity) continue;
        const target = call.target as Any | undefined;
        if (target?.type === 'Identifier' && target.name === 'this') continue;
        if (declaredWithoutReturn(targetType(call.target, fn, ir), call.name, arity)) continue;
        report({
          file,
          contract,
          function: fn,
          node: call.statement.node,
          message: `The boolean returned by ${call.name} in ${contract.name}.${fn.name || fn.kind} is ignored: a token that returns false on failure goes unnoticed.`,
        });
      }
    }
  },
};
