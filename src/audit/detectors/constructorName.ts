import { minimumVersion, versionBelow } from '../ir/queries.js';
import { type Detector, headerOf, inputFunctions } from './detector.js';

export const constructorName: Detector = {
  meta: {
    id: 'constructor-name',
    title: 'Intended constructor is an ordinary public function',
    severity: 'high',
    confidence: 'high',
    category: 'access_control',
    swc: 'SWC-118',
    description:
      'Before Solidity 0.4.22 a constructor was the function named exactly like the contract. A name that differs in case or spelling, or a contract renamed without its constructor, leaves a public function that anyone can call again.',
    exploitScenario:
      'Rubixi was renamed from DynamicPyramid but kept function DynamicPyramid() that set the owner: anyone could call it, become the owner and collect the fees.',
    recommendation:
      'Use the constructor keyword (Solidity 0.4.22 and later) and compile with a current compiler.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      if (fn.kind !== 'function' || contract.kind === 'interface') continue;
      const sameLetters = fn.name.toLowerCase() === contract.name.toLowerCase();
      const misnamedKeyword =
        fn.name === 'constructor' && versionBelow(minimumVersion(file.pragmas), 0, 4, 22);
      if (!sameLetters && !misnamedKeyword) continue;
      report({
        file,
        contract,
        function: fn,
        node: headerOf(fn),
        message: misnamedKeyword
          ? `function constructor() in ${contract.name} is an ordinary function under this compiler version: anyone can call it.`
          : `${fn.name}() differs from contract ${contract.name} only in case, so it is not the constructor: anyone can call it.`,
      });
    }
  },
};
