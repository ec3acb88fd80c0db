import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finding } from './bench.fixture.js';
import { loadSwcCases, scoreSwc } from './swc.js';

const root = mkdtempSync(join(tmpdir(), 'argus-swc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeCase(dir: string, name: string, label: string, extraSol: string[] = []): void {
  const folder = join(root, 'solidity', dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.sol`), 'contract C {}');
  writeFileSync(join(folder, `${name}.yaml`), label);
  writeFileSync(join(folder, `${name}.json`), '{"contracts": {}}');
  for (const file of extraSol) writeFileSync(join(folder, file), 'contract B {}');
}

writeCase(
  'reentrancy',
  'simple_dao',
  `description: Reentrancy
issues:
- id: SWC-107
  count: 1
  locations:
  - bytecode_offsets:
      '0x00': [1]
    line_numbers:
      simple_dao.sol: [19]
`,
);
writeCase(
  'reentrancy',
  'simple_dao_fixed',
  `description: Reentrancy fixed
issues:
- id: SWC-107
  count: 0
  locations: []
`,
);
writeCase(
  'unused',
  'unused_state',
  `issues:
- id: SWC-131
  count: 2
  locations:
  - line_numbers:
      unused_state.sol: [8]
  - line_numbers:
      base.sol: [10, 11]
- id: SWC-108
  count: 0
  locations: []
`,
  ['base.sol'],
);
writeCase(
  'delegatecall',
  'proxy_false_positive',
  `issues:
- id: SWC-112
  count: 0
  locations: []
`,
);
writeCase(
  'pragma',
  'floating_pragma',
  `issues:
- id: SWC-103
  count: 1
  locations:
  - bytecode_offsets: {}
    line_numbers: {}
`,
);

const cases = loadSwcCases(root);
const file = (path: string) => join(root, 'solidity', path);

describe('loadSwcCases', () => {
  it('reads each yaml label beside its contract, skipping the compiler json', () => {
    expect(cases.cases.map((c) => [c.name, c.kind, c.swcs])).toEqual([
      ['proxy_false_positive', 'fixed', ['SWC-112']],
      ['floating_pragma', 'vulnerable', ['SWC-103']],
      ['simple_dao', 'vulnerable', ['SWC-107']],
      ['simple_dao_fixed', 'fixed', ['SWC-107']],
      ['unused_state', 'vulnerable', ['SWC-131']],
    ]);
  });

  it('keeps labelled lines in any file of the case, relative to the dataset', () => {
    const unused = cases.cases.find((c) => c.name === 'unused_state');
    expect(unused).toMatchObject({
      dir: 'solidity/unused/unused_state',
      file: 'solidity/unused/unused_state/unused_state.sol',
      locations: [
        { swc: 'SWC-131', file: 'solidity/unused/unused_state/unused_state.sol', line: 8 },
        { swc: 'SWC-131', file: 'solidity/unused/unused_state/base.sol', line: 10 },
        { swc: 'SWC-131', file: 'solidity/unused/unused_state/base.sol', line: 11 },
      ],
    });
    expect(cases.cases.find((c) => c.name === 'floating_pragma')?.locations).toEqual([]);
  });
});

describe('scoreSwc', () => {
  it('detects a vulnerable case by a finding with its SWC id in its folder, anywhere', () => {
    const score = scoreSwc(cases, [
      finding({ file: file('reentrancy/simple_dao/simple_dao.sol'), startLine: 3, swc: 'SWC-107' }),
      finding({ file: file('unused/unused_state/base.sol'), startLine: 10, swc: 'SWC-131' }),
      // The right id in the wrong case, and the wrong id in the right case, detect nothing.
      finding({
        file: file('reentrancy/simple_dao_fixed/simple_dao_fixed.sol'),
        startLine: 1,
        swc: 'SWC-103',
      }),
      finding({ file: file('pragma/floating_pragma/floating_pragma.sol'), startLine: 1, swc: 'SWC-102' }),
    ]);
    expect(score).toMatchObject({
      vulnerable: 3,
      detected: 2,
      missedCases: ['solidity/pragma/floating_pragma/floating_pragma.sol'],
    });
    expect(score.recall).toBeCloseTo(2 / 3);
    // Labelled lines: simple_dao 19 (missed: the finding is on line 3), base.sol 10 (found), 11 and 8 (missed).
    expect(score).toMatchObject({ locations: 4, located: 1, locationRecall: 0.25 });
  });

  it('locates a labelled line under the 3-line rule, with the same SWC id', () => {
    const dao = file('reentrancy/simple_dao/simple_dao.sol');
    const located = (f: ReturnType<typeof finding>) => scoreSwc(cases, [f]).located;
    expect(located(finding({ file: dao, startLine: 17, endLine: 19, swc: 'SWC-107' }))).toBe(1);
    expect(located(finding({ file: dao, startLine: 16, endLine: 19, swc: 'SWC-107' }))).toBe(0);
    expect(located(finding({ file: dao, startLine: 19, swc: 'SWC-104' }))).toBe(0);
  });

  it('flags a fixed version only with the weakness it fixes', () => {
    const score = scoreSwc(cases, [
      finding({
        file: file('reentrancy/simple_dao_fixed/simple_dao_fixed.sol'),
        startLine: 5,
        swc: 'SWC-107',
      }),
      finding({
        file: file('delegatecall/proxy_false_positive/proxy_false_positive.sol'),
        startLine: 5,
        swc: 'SWC-104',
      }),
      finding({ file: file('delegatecall/proxy_false_positive/proxy_false_positive.sol'), startLine: 6 }),
    ]);
    expect(score).toMatchObject({
      fixed: 2,
      flagged: 1,
      falseAlarmRate: 0.5,
      flaggedCases: ['solidity/reentrancy/simple_dao_fixed/simple_dao_fixed.sol'],
    });
  });
});

const TEST_CASES = join(process.cwd(), '..', 'shared', 'data', 'swc-registry', 'test_cases');

describe.skipIf(!existsSync(TEST_CASES))('SWC registry test cases (../shared/data)', () => {
  it('has 78 vulnerable and 43 fixed versions', () => {
    const { cases: all } = loadSwcCases(TEST_CASES);
    expect(all.filter((c) => c.kind === 'vulnerable')).toHaveLength(78);
    expect(all.filter((c) => c.kind === 'fixed')).toHaveLength(43);
  });
});
