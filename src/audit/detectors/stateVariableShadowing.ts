import type { Node } from '../ir/astWalk.js';
import type { ContractIR, StateVarIR } from '../ir/types.js';
import type { Detector } from './detector.js';
import { inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

/** State variables a contract's code can name: its own, and non-private ones of its bases. */
function visibleStateVars(contract: ContractIR): Map<string, StateVarIR> {
  const out = new Map<string, StateVarIR>();
  for (const c of contract.linearized) {
    for (const sv of c.stateVars) {
      if (c !== contract && sv.visibility === 'private') continue;
      if (!out.has(sv.name)) out.set(sv.name, sv);
    }
  }
  return out;
}

export const stateVariableShadowing: Detector = {
  meta: {
    id: 'state-variable-shadowing',
    title: 'State variable shadows a state variable of a base contract',
    severity: 'low',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-119',
    description:
      'Before Solidity 0.6 a derived contract may declare a state variable with the name of one in a base contract. Both exist in storage: the base contract functions read and write its own copy, the derived ones the other.',
    exploitScenario:
      'A base Ownable checks `owner` in onlyOwner; the derived token declares its own `owner` and sets it in its constructor. The base owner stays zero (or the deployer of another path), so the modifier guards the wrong account.',
    recommendation:
      'Remove the redeclaration and assign the inherited variable (in the constructor if needed).',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      for (const contract of file.contracts) {
        // A private base variable cannot be named from the derived contract: a new one is no shadow.
        for (const sv of contract.stateVars) {
          const base = contract.linearized
            .slice(1)
            .find((c) =>
              c.stateVars.some((other) => other.name === sv.name && other.visibility !== 'private'),
            );
          if (!base) continue;
          report({
            file,
            contract,
            node: sv.node,
            message: `${contract.name}.${sv.name} shadows ${base.name}.${sv.name}: each contract's functions use a different storage slot.`,
          });
        }
      }
    }
  },
};

export const localVariableShadowing: Detector = {
  meta: {
    id: 'local-variable-shadowing',
    title: 'Local variable or parameter shadows a state variable',
    severity: 'info',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-119',
    description:
      'A parameter, return variable or local variable with the name of a state variable hides it inside the function: reads and writes go to the local, not to storage.',
    exploitScenario:
      'A setter `function setOwner(address owner) { owner = owner; }` assigns the parameter to itself; the state variable never changes, and a function with `returns (uint total)` returns 0 instead of the stored total.',
    recommendation: 'Rename the local (a leading or trailing underscore is the usual convention).',
  },
  detect({ ir, report }) {
    const stateByContract = new Map<ContractIR, Map<string, StateVarIR>>();
    for (const { file, contract, fn } of inputFunctions(ir)) {
      let state = stateByContract.get(contract);
      if (!state) {
        state = visibleStateVars(contract);
        stateByContract.set(contract, state);
      }
      const node = fn.node as Any;
      if (!node.body) continue;
      const declared: { name: string; node: Node; what: string }[] = [];
      for (const p of (node.parameters as Any[] | null) ?? [])
        if (p.name) declared.push({ name: p.name as string, node: p, what: 'parameter' });
      for (const p of (node.returnParameters as Any[] | null) ?? [])
        if (p.name) declared.push({ name: p.name as string, node: p, what: 'return variable' });
      for (const stmt of fn.statements) {
        const s = stmt.node as Any;
        if (s.type !== 'VariableDeclarationStatement') continue;
        for (const v of (s.variables as (Any | null)[]) ?? [])
          if (v?.name) declared.push({ name: v.name as string, node: s, what: 'local variable' });
      }
      for (const d of declared) {
        const sv = state.get(d.name);
        if (!sv) continue;
        report({
          file,
          contract,
          function: fn,
          node: d.node,
          message: `The ${d.what} ${d.name} in ${contract.name}.${fn.name || fn.kind} shadows state variable ${sv.contract}.${sv.name}.`,
        });
      }
    }
  },
};
