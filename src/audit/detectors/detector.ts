import type { Finding } from '../../core/finding.js';
import type { Node } from '../ir/astWalk.js';
import type { ContractIR, FunctionIR, ProjectIR, SourceFileIR } from '../ir/types.js';
import type { DetectorMeta } from '../types.js';

export interface ReportInput {
  file: SourceFileIR | string;
  /** The statement at fault: the finding spans its lines. */
  node: Node;
  message: string;
  contract?: ContractIR;
  function?: FunctionIR;
}

export interface DetectorContext {
  ir: ProjectIR;
  report(input: ReportInput): void;
}

/** A detector is data (its meta) plus one function, as Slither's and ESLint's rules are. */
export interface Detector {
  meta: DetectorMeta;
  detect(context: DetectorContext): void;
}

/** Builds the finding for a report: location from the node, everything else from the detector's meta. */
export function findingOf(meta: DetectorMeta, input: ReportInput): Finding {
  const loc = input.node.loc;
  const file = typeof input.file === 'string' ? input.file : input.file.file;
  return {
    detector: meta.id,
    title: meta.title,
    category: meta.category,
    ...(meta.swc ? { swc: meta.swc } : {}),
    severity: meta.severity,
    confidence: meta.confidence,
    file,
    startLine: loc?.start.line ?? 1,
    endLine: loc?.end.line ?? loc?.start.line ?? 1,
    ...(loc ? { startColumn: loc.start.column + 1, endColumn: loc.end.column + 2 } : {}),
    message: input.message,
    recommendation: meta.recommendation,
    ...(input.contract ? { contract: input.contract.name } : {}),
    ...(input.function ? { function: input.function.name || `(${input.function.kind})` } : {}),
  };
}

/** A node spanning only the first line of a function: where a missing check belongs. */
export function headerOf(fn: FunctionIR): Node {
  const start = fn.node.loc?.start ?? { line: 1, column: 0 };
  return { ...fn.node, loc: { start, end: { line: start.line, column: start.column } } } as Node;
}

/** Every function and modifier of the contracts in the files the user named. */
export function* inputFunctions(
  ir: ProjectIR,
): Generator<{ file: SourceFileIR; contract: ContractIR; fn: FunctionIR }> {
  for (const file of ir.files) {
    if (!file.isInput) continue;
    for (const contract of file.contracts) {
      for (const fn of contract.functions) yield { file, contract, fn };
    }
  }
}
