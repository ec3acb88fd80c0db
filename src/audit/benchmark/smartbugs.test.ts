import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finding } from './bench.fixture.js';
import { loadSmartbugsAnnotations, type SmartbugsAnnotations, scoreSmartbugs } from './smartbugs.js';

const ROOT = join(tmpdir(), 'smartbugs-fixture');
const A = join(ROOT, 'dataset/reentrancy/a.sol');
const B = join(ROOT, 'dataset/arithmetic/b.sol');
const annotations: SmartbugsAnnotations = {
  root: ROOT,
  files: [
    {
      path: 'dataset/reentrancy/a.sol',
      pragma: '0.4.24',
      vulnerabilities: [
        { lines: [10], category: 'reentrancy' },
        { lines: [20, 21], category: 'unchecked_low_level_calls' },
      ],
    },
    {
      path: 'dataset/arithmetic/b.sol',
      pragma: '0.4.24',
      vulnerabilities: [{ lines: [5], category: 'arithmetic' }],
    },
  ],
};

const recallOf = (findings: Parameters<typeof scoreSmartbugs>[1]) =>
  Object.fromEntries(
    scoreSmartbugs(annotations, findings).byCategory.map((row) => [row.category, row.found]),
  );

describe('scoreSmartbugs', () => {
  it('finds a vulnerability with a finding of its category spanning one of its lines', () => {
    expect(recallOf([finding({ file: A, startLine: 9, endLine: 11 })]).reentrancy).toBe(1);
    expect(
      recallOf([finding({ file: A, startLine: 21, category: 'unchecked_low_level_calls' })]),
    ).toMatchObject({
      unchecked_low_level_calls: 1,
    });
  });

  it('needs the same category and the same file', () => {
    expect(recallOf([finding({ file: B, startLine: 5, category: 'reentrancy' })]).arithmetic).toBe(0);
    expect(recallOf([finding({ file: B, startLine: 10, category: 'reentrancy' })]).reentrancy).toBe(0);
  });

  it('credits a finding longer than 3 lines with its first line only', () => {
    const span = (startLine: number, endLine: number) =>
      recallOf([finding({ file: B, startLine, endLine, category: 'arithmetic' })]).arithmetic;
    expect(span(3, 5)).toBe(1); // 3 lines: all count
    expect(span(2, 5)).toBe(0); // 4 lines: only line 2 counts
    expect(span(5, 9)).toBe(1); // 5 lines starting on the annotated one
  });

  it('counts each vulnerability once, however many findings hit it', () => {
    const score = scoreSmartbugs(annotations, [
      finding({ file: A, startLine: 10 }),
      finding({ file: A, startLine: 10 }),
    ]);
    expect(score).toMatchObject({ annotated: 3, found: 1, recall: 1 / 3 });
  });

  it('reports recall per category, overall, and findings per file', () => {
    const score = scoreSmartbugs(annotations, [
      finding({ file: A, startLine: 10 }),
      finding({ file: B, startLine: 5, category: 'arithmetic', severity: 'info' }),
      finding({ file: B, startLine: 40, category: 'arithmetic', severity: 'low' }),
    ]);
    expect(score.byCategory).toEqual([
      { category: 'reentrancy', annotated: 1, found: 1, recall: 1 },
      { category: 'arithmetic', annotated: 1, found: 1, recall: 1 },
      { category: 'unchecked_low_level_calls', annotated: 1, found: 0, recall: 0 },
    ]);
    expect(score).toMatchObject({ files: 2, annotated: 3, found: 2, findings: 3, findingsPerFile: 1.5 });
  });

  it('shares high and medium findings on annotated lines, whatever their category', () => {
    const onLine = [
      finding({ file: A, startLine: 10 }),
      finding({ file: B, startLine: 5, category: 'reentrancy', severity: 'medium' }),
    ];
    expect(scoreSmartbugs(annotations, onLine)).toMatchObject({
      highOrMedium: 2,
      highOrMediumOnAnnotatedLine: 2,
      onAnnotatedLineShare: 1,
    });
    // A finding on a line nobody annotated lowers the share; one of 4+ lines counts for its first line.
    const offLine = [
      ...onLine,
      finding({ file: A, startLine: 30 }),
      finding({ file: A, startLine: 18, endLine: 21, severity: 'medium' }),
    ];
    expect(scoreSmartbugs(annotations, offLine)).toMatchObject({
      highOrMedium: 4,
      highOrMediumOnAnnotatedLine: 2,
      onAnnotatedLineShare: 0.5,
    });
    // Low and info findings are not in the share.
    expect(scoreSmartbugs(annotations, [finding({ file: A, startLine: 30, severity: 'low' })])).toMatchObject(
      {
        highOrMedium: 0,
        onAnnotatedLineShare: null,
      },
    );
  });

  it('matches findings named relative to the working folder', () => {
    expect(recallOf([finding({ file: relative(process.cwd(), A), startLine: 10 })]).reentrancy).toBe(1);
  });
});

describe('loadSmartbugsAnnotations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-smartbugs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads vulnerabilities.json with paths relative to its folder', () => {
    const entry = { name: 'a.sol', path: './dataset/x/../reentrancy/a.sol', pragma: '0.4.24', source: 'u' };
    writeFileSync(
      join(dir, 'vulnerabilities.json'),
      JSON.stringify([{ ...entry, vulnerabilities: [{ lines: [3, 4], category: 'reentrancy' }] }]),
    );
    expect(loadSmartbugsAnnotations(dir)).toEqual({
      root: dir,
      files: [
        {
          path: 'dataset/reentrancy/a.sol',
          pragma: '0.4.24',
          vulnerabilities: [{ lines: [3, 4], category: 'reentrancy' }],
        },
      ],
    });
  });

  it('rejects a category that is not a DASP one', () => {
    writeFileSync(
      join(dir, 'vulnerabilities.json'),
      JSON.stringify([
        { path: 'a.sol', pragma: '0.4.24', vulnerabilities: [{ lines: [1], category: 'gas' }] },
      ]),
    );
    expect(() => loadSmartbugsAnnotations(dir)).toThrow();
  });
});

const CURATED = join(process.cwd(), '..', 'shared', 'data', 'smartbugs-curated');

describe.skipIf(!existsSync(join(CURATED, 'vulnerabilities.json')))(
  'SmartBugs-curated (../shared/data)',
  () => {
    it('has 143 files and 207 annotated vulnerabilities', () => {
      const { files } = loadSmartbugsAnnotations(CURATED);
      expect(files).toHaveLength(143);
      expect(files.reduce((sum, file) => sum + file.vulnerabilities.length, 0)).toBe(207);
      for (const file of files) expect(existsSync(join(CURATED, file.path))).toBe(true);
    });
  },
);
