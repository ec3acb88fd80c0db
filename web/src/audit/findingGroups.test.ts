import { describe, expect, it } from 'vitest';
import type { StoredFinding } from './auditTypes.js';
import { groupBySeverity, locationOf, matchesFilter, NO_FILTER, toggleSeverity } from './findingGroups.js';

function finding(overrides: Partial<StoredFinding>): StoredFinding {
  return {
    detector: 'reentrancy-eth',
    title: 'Reentrancy: ether sent before state is updated',
    category: 'reentrancy',
    swc: 'SWC-107',
    severity: 'high',
    confidence: 'medium',
    file: 'contracts/Vault.sol',
    startLine: 18,
    endLine: 18,
    message: 'balances is written after the external call in Vault.withdraw.',
    recommendation: 'Write state before the call.',
    contract: 'Vault',
    function: 'withdraw',
    description: 'State is written after an external call.',
    excerpt: [],
    ...overrides,
  };
}

// In the report's order: most severe first, as the server stores them.
const REPORT = [
  finding({}),
  finding({
    detector: 'tx-origin',
    title: 'tx.origin used for authorisation',
    startLine: 25,
    endLine: 25,
    function: 'sweep',
    message: 'Vault.sweep checks tx.origin.',
  }),
  finding({
    severity: 'medium',
    detector: 'unchecked-low-level-call',
    file: 'legacy/Rewards.sol',
    swc: 'SWC-104',
    contract: 'Rewards',
    function: 'draw',
    message: 'The return value of send is not checked.',
  }),
  ...[1, 2].map((line) =>
    finding({
      severity: 'info',
      detector: 'floating-pragma',
      file: line === 1 ? 'legacy/Rewards.sol' : 'contracts/Vault.sol',
      startLine: line,
      endLine: line,
      message: 'pragma solidity ^0.8.19 accepts more than one compiler version.',
      contract: undefined,
      function: undefined,
    }),
  ),
];

const shape = (groups: ReturnType<typeof groupBySeverity>) =>
  groups.map((g) => [g.severity, g.findings.map((f) => `${f.number}:${f.finding.detector}`)]);

describe('groupBySeverity', () => {
  it('groups most severe first, keeps the report order and numbers, and leaves out empty severities', () => {
    expect(shape(groupBySeverity(REPORT, NO_FILTER))).toEqual([
      ['high', ['1:reentrancy-eth', '2:tx-origin']],
      ['medium', ['3:unchecked-low-level-call']],
      ['info', ['4:floating-pragma', '5:floating-pragma']],
    ]);
    expect(groupBySeverity([], NO_FILTER)).toEqual([]);
  });

  it('shows only the chosen severities, numbered as in the whole report', () => {
    const filter = toggleSeverity(toggleSeverity(NO_FILTER, 'info'), 'medium');
    expect(shape(groupBySeverity(REPORT, filter))).toEqual([
      ['medium', ['3:unchecked-low-level-call']],
      ['info', ['4:floating-pragma', '5:floating-pragma']],
    ]);
    expect(shape(groupBySeverity(REPORT, toggleSeverity(filter, 'info')))).toEqual([
      ['medium', ['3:unchecked-low-level-call']],
    ]);
  });

  it('matches every word of the text, in any case, against detector, title, file, scope, SWC and message', () => {
    const only = (text: string) =>
      groupBySeverity(REPORT, { ...NO_FILTER, text }).flatMap((g) => g.findings.map((f) => f.number));
    expect(only('REWARDS')).toEqual([3, 4]);
    expect(only('rewards pragma')).toEqual([4]);
    expect(only('swc-104')).toEqual([3]);
    expect(only('vault.withdraw')).toEqual([1]);
    expect(only('Rewards.draw')).toEqual([3]);
    expect(only('   ')).toEqual([1, 2, 3, 4, 5]);
    expect(only('nothing-like-this')).toEqual([]);
    expect(matchesFilter(REPORT[0] as StoredFinding, { severities: new Set(['low']), text: 'vault' })).toBe(
      false,
    );
  });
});

describe('locationOf', () => {
  it('shows one line or a range', () => {
    expect(locationOf({ file: 'A.sol', startLine: 3, endLine: 3 })).toBe('A.sol:3');
    expect(locationOf({ file: 'A.sol', startLine: 3, endLine: 7 })).toBe('A.sol:3-7');
  });
});
