import type { Node } from '../ir/astWalk.js';
import { walk } from '../ir/astWalk.js';
import { minimumVersion, ownExpressionsOf, versionBelow } from '../ir/queries.js';
import type { FunctionIR } from '../ir/types.js';
import type { Detector } from './detector.js';
import { inputFunctions } from './detector.js';

type Any = Record<string, unknown> & Node;

/**
 * Whether the first statement after the declaration that names the pointer re-points it as a whole
 * (`p = records[id]`): then it never touches slot 0.
 */
function repointedBeforeUse(fn: FunctionIR, name: string, declaration: Node): boolean {
  const start = fn.statements.findIndex((s) => s.node === declaration);
  for (const stmt of fn.statements.slice(start + 1)) {
    let named = false;
    let repoint = false;
    for (const expr of ownExpressionsOf(stmt.node)) {
      const e = expr as Any;
      if (
        e.type === 'BinaryOperation' &&
        e.operator === '=' &&
        (e.left as Any).type === 'Identifier' &&
        (e.left as Any).name === name
      ) {
        repoint = true;
      }
      walk(expr, (n) => {
        if (n.type === 'Identifier' && (n as Any).name === name) named = true;
        return !named;
      });
    }
    if (repoint) return true;
    if (named) return false;
  }
  return false;
}

export const uninitializedStoragePointer: Detector = {
  meta: {
    id: 'uninitialized-storage-pointer',
    title: 'Uninitialised local storage pointer',
    severity: 'high',
    confidence: 'high',
    category: 'other',
    swc: 'SWC-109',
    description:
      'Before Solidity 0.5.0 a local struct or array declared without a data location is a storage reference, and without an initial value it points at storage slot 0. Writing its fields overwrites the first state variables of the contract.',
    exploitScenario:
      'CryptoRoulette declares `Game game;` in play() and sets game.player and game.number: the writes land in slots 0 and 1, overwriting secretNumber and lastPlayed, so whoever knows the layout controls the secret.',
    recommendation:
      'Declare the local `memory` when it is a copy, or initialise the storage reference from a state variable (`Game storage g = games[id];`); compile with 0.5 or later, which rejects the pattern.',
  },
  detect({ ir, report }) {
    for (const { file, contract, fn } of inputFunctions(ir)) {
      const version = minimumVersion(file.pragmas);
      // From 0.5.0 the compiler rejects uninitialised storage pointers.
      if (version && !versionBelow(version, 0, 5, 0)) continue;
      for (const pointer of fn.uninitializedStoragePointers) {
        if (repointedBeforeUse(fn, pointer.name, pointer.node)) continue;
        report({
          file,
          contract,
          function: fn,
          node: pointer.node,
          message: `Local ${pointer.name} in ${contract.name}.${fn.name || fn.kind} is an uninitialised storage pointer: it aliases storage slot 0 and writes through it overwrite state variables.`,
        });
      }
    }
  },
};
