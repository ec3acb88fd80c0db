import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { respondConfig, webhookEndpoint } from '../respond.fixture.js';
import { loadConfiguredPolicy, loadPolicy } from './loadPolicy.js';
import { EMPTY_POLICY } from './policy.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const respond = respondConfig({ webhooks: { ops: webhookEndpoint('https://ops.example/hook') } });

describe('loadPolicy', () => {
  it('reads a YAML policy file', () => {
    const path = file(
      'ok.yaml',
      `rules:
  - name: hold high-value withdrawals from dormant accounts
    match:
      area: monitor
      detector: dormant-*
      severity: { gte: high }
      subject: { kind: account, attributes: { jurisdiction: [US, GB], tier: vip } }
    actions:
      - { type: hold-transfer, reason: dormant account }
      - { type: webhook, endpoint: ops }
    stop: true
`,
    );
    const policy = loadPolicy(path, respond);
    expect(policy.source).toBe(path);
    expect(policy.rules[0]?.name).toBe('hold high-value withdrawals from dormant accounts');
  });

  it('an empty file is a policy without rules', () => {
    expect(loadPolicy(file('empty.yaml', '# nothing yet\n'), respond).rules).toEqual([]);
  });

  it('reports YAML syntax errors with file:line:col', () => {
    const path = file('broken.yaml', 'rules:\n  - name: a\n    match: { area: monitor\n');
    expect(() => loadPolicy(path, respond)).toThrow(new RegExp(`${path}:\\d+:\\d+`));
  });

  it('reports schema issues with the file name and key path', () => {
    const path = file('typo.yaml', 'rules:\n  - name: a\n    match: { severty: high }\n');
    expect(() => loadPolicy(path, respond)).toThrow(
      `policy ${path} is invalid:\n  rules[0].match.severty: unknown key`,
    );
  });

  it('reports a missing file as POLICY_INVALID', () => {
    expect(() => loadPolicy(join(dir, 'nope.yaml'), respond)).toThrow(/cannot read/);
  });
});

describe('loadConfiguredPolicy', () => {
  it('resolves respond.policyFile against the config folder', () => {
    file('configured.yaml', 'rules: []\n');
    const policy = loadConfiguredPolicy({ ...respond, policyFile: 'configured.yaml' }, dir);
    expect(policy.source).toBe(join(dir, 'configured.yaml'));
  });

  it('without respond.policyFile there is no policy: no actions', () => {
    expect(loadConfiguredPolicy(respond, dir)).toBe(EMPTY_POLICY);
  });
});
