import type { Node } from './astWalk.js';
import type { Cfg } from './cfg.js';

/** Where a value may come from: what detectors ask of data flow. */
export type TaintSource =
  | 'sender'
  | 'value'
  | 'input'
  | 'origin'
  | 'timestamp'
  | 'blocknumber'
  | 'blockhash'
  | 'difficulty'
  | 'block'
  | 'external';

export type CallKind =
  | 'call'
  | 'send'
  | 'transfer'
  | 'delegatecall'
  | 'staticcall'
  | 'callcode'
  | 'external'
  | 'internal'
  | 'selfdestruct'
  | 'builtin';

export interface CallSite {
  kind: CallKind;
  /** Called function or member name (`transfer`, `withdraw`, `require`). */
  name: string;
  node: Node;
  /** The statement the call belongs to: what a finding points at. */
  statement: StatementInfo;
  /** The address or contract expression called, for member calls. */
  target: Node | undefined;
  /** Ether goes with the call (send, transfer, call with value). */
  sendsValue: boolean;
  /** The boolean a low-level call or send returns is used (required, tested, assigned and read). */
  returnChecked: boolean;
  /** Taint of the target and of each argument. */
  targetTaint: ReadonlySet<TaintSource>;
  argTaint: ReadonlySet<TaintSource>[];
  /** For internal calls: the function called, when resolved. */
  callee?: FunctionIR;
}

export interface StatementInfo {
  node: Node;
  /** Position in a pre-order walk of the body: a rough "happens after" for straight-line code. */
  index: number;
  /** How many loops enclose it. */
  loopDepth: number;
  /** The index range of the innermost enclosing loop, so code later in a loop body can also run before. */
  loop?: { start: number; end: number };
  /** Inside an `unchecked { }` block (0.8+): arithmetic wraps as before 0.8. */
  unchecked?: boolean;
}

export interface StateWrite {
  variable: string;
  statement: StatementInfo;
  node: Node;
  /** Taint of the value written (and of the index, for mapping and array writes). */
  taint: ReadonlySet<TaintSource>;
}

export interface Guard {
  statement: StatementInfo | undefined;
  /** The condition checks who the caller is (msg.sender or tx.origin compared or looked up). */
  checksSender: boolean;
  usesOrigin: boolean;
  /** Guard came from a modifier rather than the function body. */
  viaModifier?: string;
}

export interface StateVarIR {
  name: string;
  contract: string;
  typeName: string;
  visibility: string;
  isConstant: boolean;
  /** Dynamic storage array (`T[]`), whose length can be written pre-0.6. */
  isDynamicArray: boolean;
  /** Its type names a contract or interface: calls on it are external. */
  contractType?: string;
  node: Node;
}

export type FunctionKind = 'function' | 'constructor' | 'fallback' | 'receive' | 'modifier';

export interface FunctionIR {
  name: string;
  kind: FunctionKind;
  contract: ContractIR;
  node: Node;
  visibility: 'public' | 'external' | 'internal' | 'private' | 'default';
  /** Declared visibility was absent (pre-0.5 default public). */
  visibilityDefaulted: boolean;
  stateMutability: string | null;
  payable: boolean;
  params: { name: string; typeName: string }[];
  modifiers: string[];
  statements: StatementInfo[];
  calls: CallSite[];
  stateReads: Set<string>;
  stateWrites: StateWrite[];
  /** Sender checks in the body and in the modifiers it applies. */
  guards: Guard[];
  /** Local variables and parameters with what may flow into them. */
  localTaint: Map<string, Set<TaintSource>>;
  /** Local variables declared with a storage pointer type but no initial value. */
  uninitializedStoragePointers: { name: string; node: Node }[];
  /** Control-flow graph, built on first use: read it through `cfgOf(fn)` (ir/cfg.ts). */
  cfg?: Cfg;
}

export interface ContractIR {
  name: string;
  kind: 'contract' | 'interface' | 'library' | 'abstract';
  file: string;
  isInput: boolean;
  node: Node;
  baseNames: string[];
  /** Most derived first, starting with this contract; unknown bases are skipped. */
  linearized: ContractIR[];
  stateVars: StateVarIR[];
  functions: FunctionIR[];
  modifiers: FunctionIR[];
}

export interface SourceFileIR {
  file: string;
  source: string;
  lines: string[];
  isInput: boolean;
  ast: Node;
  pragmas: { name: string; value: string; node: Node }[];
  contracts: ContractIR[];
}

export interface ProjectIR {
  files: SourceFileIR[];
  contracts: Map<string, ContractIR>;
}
