import type { ParsedFile } from '../parse/loadSources.js';
import { analyzeBody, type BodyScope } from './analyzeBody.js';
import type { Node } from './astWalk.js';
import { linearize } from './linearize.js';
import type {
  ContractIR,
  FunctionIR,
  FunctionKind,
  ProjectIR,
  SourceFileIR,
  StateVarIR,
  TaintSource,
} from './types.js';
import { typeText } from './typeText.js';

type Any = Record<string, unknown> & Node;

function functionKind(node: Any, contractName: string): FunctionKind {
  if (node.type === 'ModifierDefinition') return 'modifier';
  if (node.isConstructor || node.name === contractName) return 'constructor';
  if (node.isReceiveEther) return 'receive';
  if (node.isFallback || node.name === '' || node.name === null) return 'fallback';
  return 'function';
}

function newFunction(node: Any, contract: ContractIR): FunctionIR {
  const visibility = (node.visibility as string | undefined) ?? 'default';
  const params = ((node.parameters as Any[] | null) ?? []).map((p) => ({
    name: (p.name as string | null) ?? '',
    typeName: typeText(p.typeName as Any),
  }));
  return {
    name: (node.name as string | null) ?? '',
    kind: functionKind(node, contract.name),
    contract,
    node,
    visibility: (visibility === 'default' ? 'default' : visibility) as FunctionIR['visibility'],
    visibilityDefaulted: node.type === 'FunctionDefinition' && visibility === 'default',
    stateMutability: (node.stateMutability as string | null) ?? null,
    payable: node.stateMutability === 'payable',
    params: params.filter((p) => p.name !== ''),
    modifiers: ((node.modifiers as Any[] | null) ?? []).map((m) => m.name as string),
    statements: [],
    calls: [],
    stateReads: new Set(),
    stateWrites: [],
    guards: [],
    localTaint: new Map(),
    uninitializedStoragePointers: [],
  };
}

/** Whether a function can be called from outside (public, external, or pre-0.5 default visibility). */
export function isExternallyCallable(fn: FunctionIR): boolean {
  return (
    fn.kind !== 'modifier' &&
    fn.kind !== 'constructor' &&
    ['public', 'external', 'default'].includes(fn.visibility)
  );
}

/** Builds the shared representation: contracts linearised, functions analysed, guards inlined. */
export function buildIr(files: readonly ParsedFile[]): ProjectIR {
  const contracts = new Map<string, ContractIR>();
  const fileIrs: SourceFileIR[] = [];
  for (const file of files) {
    const ast = file.ast as unknown as Any;
    const fileIr: SourceFileIR = {
      file: file.file,
      source: file.source,
      lines: file.source.split(/\r?\n/),
      isInput: file.isInput,
      ast,
      pragmas: [],
      contracts: [],
    };
    for (const child of ast.children as Any[]) {
      if (child.type === 'PragmaDirective') {
        fileIr.pragmas.push({ name: child.name as string, value: child.value as string, node: child });
      } else if (child.type === 'ContractDefinition') {
        const contract: ContractIR = {
          name: child.name as string,
          kind: child.kind as ContractIR['kind'],
          file: file.file,
          isInput: file.isInput,
          node: child,
          baseNames: ((child.baseContracts as Any[]) ?? []).map(
            (b) => (b.baseName as Any).namePath as string,
          ),
          linearized: [],
          stateVars: [],
          functions: [],
          modifiers: [],
        };
        for (const sub of (child.subNodes as Any[]) ?? []) {
          if (sub.type === 'StateVariableDeclaration') {
            for (const v of (sub.variables as unknown as Any[]) ?? []) {
              const typeName = typeText(v.typeName as Any);
              contract.stateVars.push({
                name: v.name as string,
                contract: contract.name,
                typeName,
                visibility: (v.visibility as string) ?? 'default',
                isConstant: Boolean(v.isDeclaredConst) || v.isImmutable === true,
                isDynamicArray: (v.typeName as Any)?.type === 'ArrayTypeName' && !(v.typeName as Any).length,
                node: sub,
              } satisfies StateVarIR);
            }
          } else if (sub.type === 'FunctionDefinition') {
            contract.functions.push(newFunction(sub, contract));
          } else if (sub.type === 'ModifierDefinition') {
            contract.modifiers.push(newFunction(sub, contract));
          }
        }
        // Two contracts of one name in a project: keep the first an input names.
        if (!contracts.has(contract.name) || (file.isInput && !contracts.get(contract.name)?.isInput)) {
          contracts.set(contract.name, contract);
        }
        fileIr.contracts.push(contract);
      }
    }
    fileIrs.push(fileIr);
  }

  const contractNames = new Set(contracts.keys());
  for (const fileIr of fileIrs) {
    for (const contract of fileIr.contracts) {
      const order = linearize(contract.name, (name) =>
        name === contract.name ? contract.baseNames : contracts.get(name)?.baseNames,
      ) ?? [contract.name, ...contract.baseNames.slice().reverse()];
      contract.linearized = order
        .map((name) => (name === contract.name ? contract : contracts.get(name)))
        .filter((c): c is ContractIR => c !== undefined);
      for (const sv of contract.stateVars) {
        if (contractNames.has(sv.typeName)) sv.contractType = sv.typeName;
      }
    }
  }

  const scopes = new Map<ContractIR, BodyScope>();
  for (const fileIr of fileIrs) {
    for (const contract of fileIr.contracts) {
      const stateVars = new Map<string, StateVarIR>();
      const functionsByName = new Map<string, FunctionIR[]>();
      const modifiersByName = new Map<string, FunctionIR>();
      for (const c of contract.linearized) {
        for (const sv of c.stateVars) if (!stateVars.has(sv.name)) stateVars.set(sv.name, sv);
        for (const f of c.functions) functionsByName.set(f.name, [...(functionsByName.get(f.name) ?? []), f]);
        for (const m of c.modifiers) if (!modifiersByName.has(m.name)) modifiersByName.set(m.name, m);
      }
      const scope: BodyScope = { stateVars, functionsByName, contractNames };
      scopes.set(contract, scope);
      for (const m of contract.modifiers) analyzeBody(m, scope);
      for (const f of contract.functions) analyzeBody(f, scope);
      for (const f of contract.functions) {
        for (const name of f.modifiers) {
          const modifier = modifiersByName.get(name);
          for (const g of modifier?.guards ?? []) f.guards.push({ ...g, viaModifier: name });
        }
      }
    }
  }
  propagateArgumentTaint(fileIrs, scopes);
  return { files: fileIrs, contracts };
}

/**
 * Internal and private functions start with untainted parameters; here each is re-analysed with what
 * its call sites pass (a few rounds, so taint also flows through helpers that call helpers).
 */
function propagateArgumentTaint(
  files: readonly SourceFileIR[],
  scopes: ReadonlyMap<ContractIR, BodyScope>,
): void {
  const all = files.flatMap((f) => f.contracts.flatMap((c) => c.functions));
  for (let round = 0; round < 3; round++) {
    const seeds = new Map<FunctionIR, Map<string, Set<TaintSource>>>();
    for (const caller of all) {
      for (const call of caller.calls) {
        const callee = call.callee;
        if (!callee || isExternallyCallable(callee) || callee.kind === 'constructor') continue;
        const params = seeds.get(callee) ?? new Map<string, Set<TaintSource>>();
        callee.params.forEach((param, i) => {
          const set = params.get(param.name) ?? new Set<TaintSource>();
          for (const t of call.argTaint[i] ?? []) set.add(t);
          params.set(param.name, set);
        });
        seeds.set(callee, params);
      }
    }
    let changed = false;
    for (const [callee, params] of seeds) {
      const before = callee.params.map((p) => [...(callee.localTaint.get(p.name) ?? [])].sort().join());
      const after = callee.params.map((p) => [...(params.get(p.name) ?? [])].sort().join());
      if (before.join('|') === after.join('|')) continue;
      const scope = scopes.get(callee.contract);
      if (!scope) continue;
      const guards = callee.guards.filter((g) => g.viaModifier);
      analyzeBody(callee, scope, params);
      callee.guards.push(...guards);
      changed = true;
    }
    if (!changed) return;
  }
}
