import type { Node } from '../ir/astWalk.js';
import type { Detector } from './detector.js';

/** One exact version, `0.4.25` or `=0.4.25`: the only form that locks the compiler. */
const EXACT = /^=?\s*v?\d+\.\d+\.\d+$/;

export const floatingPragma: Detector = {
  meta: {
    id: 'floating-pragma',
    title: 'Compiler version is not locked',
    severity: 'info',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-103',
    description:
      'A version pragma with ^, ~, >, >=, <, a range or no pragma at all lets the contract be deployed with a compiler other than the one it was tested with, including one with known bugs.',
    exploitScenario:
      'The code was tested with 0.4.25, but `pragma solidity ^0.4.0` lets a deployer compile it with 0.4.10, whose code generation bugs change what the deployed contract does.',
    recommendation:
      'Pin the compiler version the contract was tested with (`pragma solidity 0.8.24;`); floating pragmas are for libraries only.',
  },
  detect({ ir, report }) {
    for (const file of ir.files) {
      if (!file.isInput) continue;
      const pragmas = file.pragmas.filter((p) => p.name === 'solidity');
      if (pragmas.length === 0 && file.contracts.length > 0) {
        const first = file.contracts[0]?.node.loc?.start.line ?? 1;
        report({
          file,
          node: {
            type: 'SourceUnit',
            children: [],
            loc: { start: { line: 1, column: 0 }, end: { line: Math.min(first, 1), column: 0 } },
          } as unknown as Node,
          message: 'The file has no `pragma solidity`: any compiler version is accepted.',
        });
      }
      for (const pragma of pragmas) {
        if (EXACT.test(pragma.value.trim())) continue;
        report({
          file,
          node: pragma.node,
          message: `pragma solidity ${pragma.value} accepts more than one compiler version.`,
        });
      }
    }
  },
};
