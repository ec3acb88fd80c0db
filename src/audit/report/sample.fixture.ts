import type { Finding } from '../../core/finding.js';
import type { AuditReport, DetectorMeta } from '../types.js';
import type { MetaLookup, SourceLookup } from './types.js';

/** A small audit of two contracts, shared by the report tests. */
export const BANK = [
  'pragma solidity ^0.4.24;',
  'contract Bank {',
  '  mapping(address => uint) balances;',
  '  function withdraw() public {',
  '    uint amount = balances[msg.sender];',
  '    require(msg.sender.call.value(amount)());',
  '    balances[msg.sender] = 0;',
  '  }',
  '}',
].join('\n');

export const LOTTERY = [
  'pragma solidity ^0.4.24;',
  'contract Lottery {',
  '  function draw() public view returns (uint) {',
  '    return uint(keccak256(block.timestamp)) % 10;',
  '  }',
  '}',
].join('\n');

export const SOURCES: Record<string, string> = {
  'contracts/Bank.sol': BANK,
  'contracts/Lottery.sol': LOTTERY,
};
export const sources: SourceLookup = (file) => SOURCES[file];

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    detector: 'reentrancy-eth',
    title: 'Reentrancy with ether transfer',
    category: 'reentrancy',
    swc: 'SWC-107',
    severity: 'high',
    confidence: 'medium',
    file: 'contracts/Bank.sol',
    startLine: 6,
    endLine: 6,
    message: 'balances is written after the external call in Bank.withdraw.',
    recommendation: 'Set balances[msg.sender] to 0 before the call, or use a reentrancy guard.',
    contract: 'Bank',
    function: 'withdraw',
    ...overrides,
  };
}

const METAS: DetectorMeta[] = [
  {
    id: 'reentrancy-eth',
    title: 'Reentrancy with ether transfer',
    severity: 'high',
    confidence: 'medium',
    category: 'reentrancy',
    swc: 'SWC-107',
    description: 'State is written after an external call that sends ether.',
    exploitScenario: 'The callee re-enters withdraw before the balance is cleared and drains the contract.',
    recommendation: 'Apply checks-effects-interactions.',
  },
  {
    id: 'weak-randomness',
    title: 'Weak source of randomness',
    severity: 'medium',
    confidence: 'high',
    category: 'bad_randomness',
    swc: 'SWC-120',
    description: 'Block values are known to miners and to contracts in the same block.',
    exploitScenario: 'An attacker contract computes the same value and only plays when it wins.',
    recommendation: 'Use a commit-reveal scheme or an oracle such as Chainlink VRF.',
  },
];
export const metaOf: MetaLookup = (id) => METAS.find((meta) => meta.id === id);

export const REPORT: AuditReport = {
  files: 3,
  durationMs: 42,
  errors: [
    { kind: 'parse', file: 'contracts/Broken.sol', line: 3, column: 5, message: "extraneous input '}'" },
  ],
  findings: [
    finding({
      detector: 'weak-randomness',
      title: 'Weak source of randomness',
      category: 'bad_randomness',
      swc: 'SWC-120',
      severity: 'medium',
      confidence: 'high',
      file: 'contracts/Lottery.sol',
      startLine: 4,
      endLine: 4,
      startColumn: 12,
      endColumn: 43,
      message: 'block.timestamp decides the outcome of Lottery.draw.',
      recommendation: 'Use a commit-reveal scheme.',
      contract: 'Lottery',
      function: 'draw',
    }),
    finding({
      detector: 'low-level-calls',
      severity: 'info',
      title: 'Low-level call',
      category: 'other',
      swc: undefined,
    }),
    finding(),
  ],
};
