import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../core/alert.js';
import { alertInput, policyFromYaml } from '../respond.fixture.js';
import { actionsOf, evaluatePolicy, matchingRules, rulesNewlyMatching } from './evaluatePolicy.js';

const alert = (overrides: Parameters<typeof alertInput>[0] = {}) =>
  AlertInputSchema.parse(alertInput(overrides));

/** The reasons of a one-rule policy with the given match, for the default alert with overrides. */
function reasons(match: string, overrides: Parameters<typeof alertInput>[0] = {}) {
  const policy = policyFromYaml(`rules:\n  - name: r\n    match: ${match}\n    actions: [{ type: notify }]`);
  const [evaluation] = evaluatePolicy(policy, alert(overrides));
  return { matched: evaluation?.matched, reasons: evaluation?.reasons };
}

describe('evaluatePolicy conditions', () => {
  it('area: one value or any of a list', () => {
    expect(reasons('{ area: monitor }')).toEqual({
      matched: true,
      reasons: ['area monitor is monitor: yes'],
    });
    expect(reasons('{ area: [graph, auth] }')).toEqual({
      matched: false,
      reasons: ['area monitor not in [graph, auth]: no'],
    });
  });

  it('detector: a glob or a list of globs', () => {
    expect(reasons('{ detector: dormant-* }', { detector: 'dormant-x' }).reasons).toEqual([
      "detector 'dormant-x' matches 'dormant-*': yes",
    ]);
    expect(reasons('{ detector: [mixer-*, sanctioned-*] }')).toEqual({
      matched: false,
      reasons: ["detector 'dormant-account' does not match any of [mixer-*, sanctioned-*]: no"],
    });
  });

  it('severity: a single value, a list, or bounds compared by rank', () => {
    expect(reasons('{ severity: high }').reasons).toEqual(['severity high is high: yes']);
    expect(reasons('{ severity: [low, critical] }').reasons).toEqual([
      'severity high not in [low, critical]: no',
    ]);
    expect(reasons('{ severity: { gte: high } }').reasons).toEqual(['severity high >= high: yes']);
    expect(reasons('{ severity: { gt: medium, lt: critical } }', { severity: 'critical' })).toEqual({
      matched: false,
      reasons: ['severity critical > medium: yes', 'severity critical < critical: no'],
    });
    expect(reasons('{ severity: { lte: low } }', { severity: 'info' }).matched).toBe(true);
  });

  it('score: each bound on its own line', () => {
    expect(reasons('{ score: { gte: 0.8, lt: 0.95 } }', { score: 0.85 })).toEqual({
      matched: true,
      reasons: ['score 0.85 >= 0.8: yes', 'score 0.85 < 0.95: yes'],
    });
    expect(reasons('{ score: { gt: 0.9 } }', { score: 0.9 }).matched).toBe(false);
    expect(reasons('{ score: { lte: 0.5 } }', { score: 0.5 }).matched).toBe(true);
  });

  it('subject: kind, id glob, chain', () => {
    const subject = { kind: 'address' as const, id: '0xABC999', chain: 'ethereum' };
    expect(
      reasons('{ subject: { kind: [account, address], id: 0xabc*, chain: eth* } }', { subject }),
    ).toEqual({
      matched: true,
      reasons: [
        'subject.kind address in [account, address]: yes',
        "subject.id '0xABC999' matches '0xabc*': yes",
        "subject.chain 'ethereum' matches 'eth*': yes",
      ],
    });
    expect(reasons('{ subject: { chain: eth* } }').reasons).toEqual([
      "subject.chain (missing) does not match 'eth*': no",
    ]);
  });

  it('subject.attributes: a scalar or any of a list, compared as text; a missing attribute does not match', () => {
    const subject = {
      kind: 'account' as const,
      id: 'a1',
      attributes: { jurisdiction: 'FR', tier: 'vip', level: 2 },
    };
    expect(
      reasons('{ subject: { attributes: { jurisdiction: [US, GB], tier: vip, level: "2" } } }', { subject }),
    ).toEqual({
      matched: false,
      reasons: [
        "subject.attributes.jurisdiction 'FR' not in [US, GB]: no",
        "subject.attributes.tier 'vip' is 'vip': yes",
        "subject.attributes.level 2 is '2': yes",
      ],
    });
    expect(reasons('{ subject: { attributes: { region: eu } } }', { subject }).reasons).toEqual([
      "subject.attributes.region (missing) is not 'eu': no",
    ]);
    expect(reasons('{ subject: { attributes: { constructor: x } } }', { subject }).matched).toBe(false);
  });

  it('a rule without conditions matches every alert and says so', () => {
    expect(reasons('{}')).toEqual({ matched: true, reasons: ['no conditions: matches every alert'] });
  });
});

describe('evaluatePolicy across rules', () => {
  const policy = policyFromYaml(`
rules:
  - name: sanctioned
    match: { detector: sanctioned-* }
    actions: [{ type: hold-transfer, reason: sanctions }, { type: notify }]
    stop: true
  - name: high
    match: { severity: { gte: high } }
    actions: [{ type: hold-transfer }]
  - name: everything
    actions: [{ type: notify, channel: stdout }]
`);

  it('orders the actions of every matching rule, rule by rule', () => {
    const ordered = actionsOf(matchingRules(policy, alert()));
    expect(ordered).toEqual([
      { rule: 'high', spec: { type: 'hold-transfer' } },
      { rule: 'everything', spec: { type: 'notify', channel: 'stdout' } },
    ]);
  });

  it('stops after a matching rule with stop: true, and shows the rest as not evaluated', () => {
    const sanctioned = alert({ detector: 'sanctioned-counterparty' });
    expect(matchingRules(policy, sanctioned).map((r) => r.name)).toEqual(['sanctioned']);
    const evaluations = evaluatePolicy(policy, sanctioned);
    expect(evaluations.map((e) => [e.rule, e.matched, e.actions.length])).toEqual([
      ['sanctioned', true, 2],
      ['high', false, 0],
      ['everything', false, 0],
    ]);
    expect(evaluations[1]?.reasons).toEqual([
      'not evaluated: rule "sanctioned" matched first and has stop: true',
    ]);
  });

  it('a stop rule that does not match lets evaluation go on', () => {
    expect(matchingRules(policy, alert({ severity: 'low' })).map((r) => r.name)).toEqual(['everything']);
  });

  it('finds the rules that match only after an escalation', () => {
    const before = alert({ severity: 'medium' });
    const after = alert({ severity: 'critical' });
    expect(rulesNewlyMatching(policy, before, after).map((r) => r.name)).toEqual(['high']);
    expect(rulesNewlyMatching(policy, after, after)).toEqual([]);
  });
});
