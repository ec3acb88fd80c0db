import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatSarif, toUri } from './formatSarif.js';
import { BANK, finding, metaOf, REPORT, sources } from './sample.fixture.js';

// The SARIF 2.1.0 schema (rtm.5, the one json.schemastore.org serves and GitHub points to), as
// shipped in @microsoft/jest-sarif. It is a draft-04 schema, hence Ajv's draft-04 build.
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
const Ajv = AjvDraft04.default;
// unicodeRegExp off: the schema's pattern for run.language has a stray ']' that only the 'u' flag rejects.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const BASE = '/repo';
const absolute = {
  ...REPORT,
  errors: REPORT.errors.map((e) => ({ ...e, file: join(BASE, e.file) })),
  findings: REPORT.findings.map((f) => ({ ...f, file: join(BASE, f.file) })),
};
const absoluteSources = (file: string) => sources(file.slice(BASE.length + 1));
const sarif = (report = absolute, lookup = absoluteSources): Log =>
  JSON.parse(formatSarif(report, { metaOf, toolVersion: '0.1.0', baseDir: BASE, sources: lookup }));

describe('formatSarif', () => {
  const log = sarif();
  const run = log.runs[0];
  const rules = run?.tool.driver.rules ?? [];

  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate(sarif({ files: 0, durationMs: 0, errors: [], findings: [] }))).toBe(true);
  });

  it('the validator does reject a broken log', () => {
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.level = 'critical';
    expect(validate(broken)).toBe(false);
  });

  it('has one rule per detector that fired, with texts, level and GitHub properties', () => {
    expect(log.version).toBe('2.1.0');
    expect(run?.tool.driver).toMatchObject({ name: 'argus', version: '0.1.0' });
    expect(rules.map((r) => r.id)).toEqual(['low-level-calls', 'reentrancy-eth', 'weak-randomness']);
    const reentrancy = rules[1];
    expect(reentrancy).toMatchObject({
      name: 'ReentrancyEth',
      shortDescription: { text: 'Reentrancy with ether transfer' },
      fullDescription: { text: 'State is written after an external call that sends ether.' },
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'reentrancy', 'SWC-107'],
        'security-severity': '8.0',
        precision: 'medium',
      },
    });
    expect(reentrancy?.help?.text).toContain('Exploit scenario: The callee re-enters withdraw');
    expect(reentrancy?.help?.markdown).toContain('**Recommendation.** Apply checks-effects-interactions.');
    expect(rules[2]?.properties).toMatchObject({ 'security-severity': '5.0', precision: 'high' });
    // No metadata: the rule is built from the finding.
    expect(rules[0]).toMatchObject({
      shortDescription: { text: 'Low-level call' },
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['security', 'other'], 'security-severity': '1.0' },
    });
  });

  it('points each result at its rule and its code, relative to the base folder', () => {
    const results = run?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['low-level-calls', 0, 'note'],
      ['reentrancy-eth', 1, 'error'],
      ['weak-randomness', 2, 'warning'],
    ]);
    expect(results[2]?.message.text).toBe('block.timestamp decides the outcome of Lottery.draw.');
    expect(results[2]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'contracts/Lottery.sol', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, endLine: 4, startColumn: 12, endColumn: 43 },
    });
    expect(results[1]?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 6, endLine: 6 });
    expect(results[1]?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('Bank.withdraw');
  });

  it('reports unreadable files as notifications of a successful run', () => {
    expect(run?.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            descriptor: { id: 'parse-error' },
            message: { text: "parse error: extraneous input '}'" },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'contracts/Broken.sol', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 3, startColumn: 5 },
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('fingerprints follow the code, not the line number', () => {
    const fingerprint = (l: Log, i = 1) =>
      l.runs[0]?.results?.[i]?.partialFingerprints?.['argusFindingHash/v1'];
    const moved = absolute.findings.map((f) => ({
      ...f,
      startLine: f.startLine + 2,
      endLine: f.endLine + 2,
    }));
    const shifted = sarif({ ...absolute, findings: moved }, (file) => {
      const source = absoluteSources(file);
      return source && `// a new comment\n// and another\n${source.replace(/^ {4}require/m, '\trequire')}`;
    });
    expect(fingerprint(log)).toMatch(/^[0-9a-f]{32}:1$/);
    expect(fingerprint(shifted)).toBe(fingerprint(log));
    // A different detector on the same line is a different alert.
    expect(fingerprint(log, 0)).not.toBe(fingerprint(log));
  });

  it('tells apart two findings on identical code by occurrence', () => {
    const twice = `${BANK}\n${BANK}`;
    const log2 = sarif(
      {
        ...absolute,
        errors: [],
        findings: [
          finding({ file: '/repo/a.sol' }),
          finding({ file: '/repo/a.sol', startLine: 15, endLine: 15 }),
        ],
      },
      () => twice,
    );
    const prints = log2.runs[0]?.results?.map((r) => r.partialFingerprints?.['argusFindingHash/v1']) ?? [];
    expect(prints[0]?.slice(0, 32)).toBe(prints[1]?.slice(0, 32));
    expect(prints.map((p) => p?.slice(-2))).toEqual([':1', ':2']);
  });

  it('reports a crashed detector without a location', () => {
    const crashed = sarif({
      ...absolute,
      errors: [{ kind: 'detector', file: '(detector)', message: 'detector x failed: boom' }],
    });
    expect(validate(crashed)).toBe(true);
    expect(crashed.runs[0]?.invocations?.[0]?.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        descriptor: { id: 'detector-error' },
        message: { text: 'detector error: detector x failed: boom' },
      },
    ]);
  });
});

describe('toUri', () => {
  it('is relative to the base, with forward slashes and encoded segments', () => {
    expect(toUri('/repo', '/repo/contracts/a b#1.sol')).toBe('contracts/a%20b%231.sol');
    expect(toUri('/repo/', '/repo/x/../y.sol')).toBe('y.sol');
  });
});
