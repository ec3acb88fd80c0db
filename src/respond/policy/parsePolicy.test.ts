import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { respondConfig, webhookEndpoint } from '../respond.fixture.js';
import { parsePolicy } from './parsePolicy.js';

const respond = respondConfig({
  webhooks: {
    ops: webhookEndpoint('https://ops.example/hook'),
    custody: webhookEndpoint('https://custody.example'),
  },
  coldStorage: { vaults: { BTC: 'bc1qvault' } },
});

function issuesOf(document: unknown): { path: string; message: string }[] {
  try {
    parsePolicy(document, 'policy.yaml', respond);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('POLICY_INVALID');
    expect((error as ValidationError).message).toContain('policy policy.yaml is invalid');
    return (error as ValidationError).issues;
  }
  throw new Error('expected the policy to be rejected');
}

const rule = (extra: Record<string, unknown>) => ({ name: 'r', actions: [], ...extra });

describe('parsePolicy', () => {
  it('compiles a valid policy, filling in action defaults', () => {
    const policy = parsePolicy(
      {
        rules: [
          {
            name: 'hold',
            match: {
              area: ['monitor', 'graph'],
              detector: 'dormant-*',
              severity: { gte: 'high' },
              score: { gte: 0.8 },
            },
            actions: [{ type: 'hold-transfer' }, { type: 'webhook', endpoint: 'ops' }, { type: 'step-up' }],
            stop: true,
          },
          { name: 'catch-all', actions: [{ type: 'notify' }] },
        ],
      },
      'policy.yaml',
      respond,
    );
    expect(policy.source).toBe('policy.yaml');
    expect(policy.rules.map((r) => [r.name, r.conditions.length, r.stop])).toEqual([
      ['hold', 4, true],
      ['catch-all', 0, false],
    ]);
    expect(policy.rules[0]?.actions[2]).toEqual({ type: 'step-up', factor: 'any' });
    expect(policy.rules[1]?.actions[0]).toEqual({ type: 'notify', channel: 'log' });
  });

  it('treats an empty document, or rules: with nothing under it, as a policy without rules', () => {
    expect(parsePolicy(null, 'empty.yaml', respond).rules).toEqual([]);
    expect(parsePolicy({}, 'empty.yaml', respond).rules).toEqual([]);
    expect(parsePolicy({ rules: null }, 'empty.yaml', respond).rules).toEqual([]);
  });

  it('names unknown keys by their full path', () => {
    const issues = issuesOf({
      rules: [rule({}), rule({ name: 'b' }), rule({ name: 'c', match: { severty: 'high' } })],
      version: 2,
    });
    expect(issues).toEqual([
      { path: 'rules[2].match.severty', message: 'unknown key (check its spelling)' },
      { path: 'version', message: 'unknown key (check its spelling)' },
    ]);
  });

  it('finds unknown keys inside subject and actions too', () => {
    const issues = issuesOf({
      rules: [
        rule({
          match: { subject: { kind: 'account', tags: ['x'] } },
          actions: [{ type: 'notify', to: 'x' }],
        }),
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['rules[0].match.subject.tags', 'rules[0].actions[0].to']);
  });

  it('explains a bad severity wherever it is written', () => {
    expect(issuesOf({ rules: [rule({ match: { severity: 'hgih' } })] })).toEqual([
      {
        path: 'rules[0].match.severity',
        message: 'expected one of "info", "low", "medium", "high", "critical", got "hgih"',
      },
    ]);
    expect(issuesOf({ rules: [rule({ match: { severity: 3 } })] })[0]?.message).toContain('got 3');
    expect(issuesOf({ rules: [rule({ match: { severity: ['high', 'urgent'] } })] })).toEqual([
      { path: 'rules[0].match.severity[1]', message: expect.stringContaining('got "urgent"') },
    ]);
    expect(issuesOf({ rules: [rule({ match: { severity: { gte: 'hgih' } } })] })).toEqual([
      { path: 'rules[0].match.severity.gte', message: expect.stringContaining('"critical", got "hgih"') },
    ]);
    expect(issuesOf({ rules: [rule({ match: { severity: { above: 'high' } } })] })[0]?.path).toBe(
      'rules[0].match.severity.above',
    );
  });

  it('rejects out-of-range scores and empty ranges', () => {
    expect(issuesOf({ rules: [rule({ match: { score: { gte: 1.5 } } })] })[0]?.path).toBe(
      'rules[0].match.score.gte',
    );
    expect(issuesOf({ rules: [rule({ match: { score: {} } })] })).toEqual([
      { path: 'rules[0].match.score', message: 'expected at least one of gte, gt, lte, lt' },
    ]);
  });

  it('requires a name and a known action type', () => {
    const issues = issuesOf({ rules: [{ actions: [{ type: 'page-someone' }] }] });
    expect(issues.map((i) => i.path)).toEqual(['rules[0].name', 'rules[0].actions[0].type']);
    expect(issues[0]?.message).toBe('expected string, got nothing (the key is missing)');
    expect(issues[1]?.message).toContain("'webhook' | 'hold-transfer'");
  });

  it('reports webhook and cold-storage endpoints missing from respond.webhooks with the rule path', () => {
    const issues = issuesOf({
      rules: [
        rule({ name: 'a', actions: [{ type: 'webhook', endpoint: 'ops' }] }),
        rule({ name: 'b', actions: [{ type: 'notify' }, { type: 'webhook', endpoint: 'pager' }] }),
        rule({ name: 'c', actions: [{ type: 'cold-storage', endpoint: 'vaultd', asset: 'BTC' }] }),
      ],
    });
    expect(issues).toEqual([
      {
        path: 'rules[1].actions[1].endpoint',
        message: 'no webhook endpoint "pager" in respond.webhooks (configured: ops, custody)',
      },
      {
        path: 'rules[2].actions[0].endpoint',
        message: 'no webhook endpoint "vaultd" in respond.webhooks (configured: ops, custody)',
      },
    ]);
  });

  it('reports a cold-storage asset without a vault', () => {
    expect(
      issuesOf({ rules: [rule({ actions: [{ type: 'cold-storage', endpoint: 'custody', asset: 'ETH' }] })] }),
    ).toEqual([
      {
        path: 'rules[0].actions[0].asset',
        message: 'no vault for asset "ETH" in respond.coldStorage.vaults (configured: BTC)',
      },
    ]);
  });

  it('rejects duplicate rule names', () => {
    expect(issuesOf({ rules: [rule({ name: 'x' }), rule({ name: 'y' }), rule({ name: 'x' })] })).toEqual([
      { path: 'rules[2].name', message: 'duplicate rule name "x" (also rules[0])' },
    ]);
  });

  it('reports every schema issue at once', () => {
    const issues = issuesOf({
      rules: [rule({ match: { area: 'mempool' } }), rule({ name: '', match: { detector: [] } })],
    });
    expect(issues.map((i) => i.path)).toEqual([
      'rules[0].match.area',
      'rules[1].name',
      'rules[1].match.detector',
    ]);
  });
});
