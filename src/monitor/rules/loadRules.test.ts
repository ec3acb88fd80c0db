import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { loadRules } from './loadRules.js';
import { compileRules } from './ruleEngine.js';

function issuesOf(yaml: string): { path: string; message: string }[] {
  try {
    loadRules(yaml, 'rules.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('CONFIG_INVALID');
    expect((error as ValidationError).message).toContain('monitor rules rules.yaml is invalid');
    return (error as ValidationError).issues;
  }
  throw new Error('expected the rules to be rejected');
}

const VALID = `
rules:
  - id: dormant
    type: dormant-high-value
    severity: high
    dormantFor: 30d
    minValue: 50000
  - id: fast
    type: velocity
    severity: medium
    enabled: false
    window: 600
    maxCount: 5
`;

describe('loadRules', () => {
  it('loads rules, defaulting enabled to true and keeping disabled rules in the summary', () => {
    const engine = loadRules(VALID);
    expect(engine.rules).toEqual([
      { id: 'dormant', type: 'dormant-high-value', severity: 'high', enabled: true },
      { id: 'fast', type: 'velocity', severity: 'medium', enabled: false },
    ]);
    // Only enabled rules run (and so report state).
    expect(engine.state().map((s) => s.ruleId)).toEqual(['dormant']);
  });

  it('treats an empty document, or rules: with nothing under it, as no rules', () => {
    expect(loadRules('').rules).toEqual([]);
    expect(loadRules('rules:\n  # - id: x\n').rules).toEqual([]);
  });

  it('rejects unknown keys with their path and line', () => {
    expect(issuesOf(`${VALID}    maxCuont: 3\n`)).toEqual([
      { path: 'rules[1].maxCuont', message: 'unknown key (check its spelling) (line 14)' },
    ]);
    expect(issuesOf(`${VALID}limits: {}\n`)).toEqual([
      { path: 'limits', message: 'unknown key (check its spelling) (line 14)' },
    ]);
  });

  it('names the allowed rule types and severities', () => {
    const issues = issuesOf('rules:\n  - id: x\n    type: dormant\n    severity: severe\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('rules[0].type');
    expect(issues[0]?.message).toContain('"dormant-high-value", "coordinated-withdrawal"');
    expect(issues[0]?.message).toContain('got "dormant" (line 3)');
    expect(
      issuesOf(
        'rules:\n  - id: x\n    type: dormant-high-value\n    severity: severe\n    dormantFor: 1d\n    minValue: 1\n',
      ),
    ).toEqual([
      {
        path: 'rules[0].severity',
        message: 'expected one of "info", "low", "medium", "high", "critical", got "severe" (line 4)',
      },
    ]);
  });

  it('reports missing keys, bad durations and bad amounts at their paths', () => {
    const issues = issuesOf(`
rules:
  - id: s
    type: structuring
    severity: high
    threshold: "10,000"
    window: 10 minutes
`);
    expect(issues).toEqual([
      {
        path: 'rules[0].threshold',
        message:
          'expected an amount in the reference currency (a number, no quotes or separators), got string (line 6)',
      },
      { path: 'rules[0].minCount', message: 'expected number, got nothing (the key is missing) (line 3)' },
      {
        path: 'rules[0].window',
        message:
          'expected a duration such as "30d", "10m", "3600s" or a number of seconds, got "10 minutes" (line 7)',
      },
    ]);
  });

  it('checks what belongs together: a velocity limit, jurisdictions ≤ accounts, unique ids', () => {
    expect(issuesOf('rules:\n  - { id: v, type: velocity, severity: low, window: 1h }\n')).toEqual([
      {
        path: 'rules[0].maxCount',
        message: 'expected maxCount, maxValue or both, got nothing (the key is missing) (line 2)',
      },
    ]);
    const coordinated = issuesOf(
      'rules:\n  - { id: c, type: coordinated-withdrawal, severity: low, window: 1h, minAccounts: 2, minJurisdictions: 3 }\n',
    );
    expect(coordinated[0]?.path).toBe('rules[0].minJurisdictions');
    expect(coordinated[0]?.message).toContain('at most minAccounts (2)');
    expect(
      issuesOf(`${VALID}  - { id: dormant, type: velocity, severity: low, window: 1h, maxCount: 1 }\n`),
    ).toEqual([{ path: 'rules[2].id', message: '"dormant" is already the id of rules[0]' }]);
  });

  it('refuses per-account history that would need more than 256 MiB', () => {
    const [issue] = issuesOf(
      'rules:\n  - { id: v, type: velocity, severity: low, window: 1h, maxCount: 1000 }\n',
    );
    expect(issue?.path).toBe('rules[0].maxCount');
    expect(issue?.message).toContain('1001 transfers remembered for each of 100000 accounts needs 1531 MiB');
    expect(issue?.message).toContain('set maxAccounts to at most 16721');
    expect(
      loadRules(
        'rules:\n  - { id: v, type: velocity, severity: low, window: 1h, maxCount: 1000, maxAccounts: 16721 }\n',
      ).rules,
    ).toHaveLength(1);
  });

  it('reports YAML syntax errors and duplicate keys by line and column', () => {
    const syntax = issuesOf('rules:\n  - id: x\n   type: [velocity\n');
    expect(syntax[0]?.message).toMatch(/^YAML syntax error at line \d+, column \d+: /);
    const duplicate = issuesOf('rules:\n  - id: x\n    id: y\n');
    expect(duplicate[0]?.message).toMatch(/^YAML syntax error at line 3, column 5: .*unique/i);
  });

  it('rejects a document that is not a mapping', () => {
    expect(issuesOf('- id: x\n')).toEqual([
      { path: '', message: 'expected a mapping with a "rules:" list, got a list' },
    ]);
  });

  it('compileRules takes the same document already parsed from JSON or YAML', () => {
    const engine = compileRules({
      rules: [
        { id: 'p', type: 'pass-through', severity: 'low', window: '1h', scope: { chains: ['ethereum'] } },
      ],
    });
    expect(engine.rules[0]?.type).toBe('pass-through');
    expect(() =>
      compileRules({ rules: [{ id: 'p', type: 'pass-through', severity: 'low', window: '-1h' }] }),
    ).toThrow(/rules\[0\]\.window: expected a duration/);
  });
});
