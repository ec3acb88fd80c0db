import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArgusApp, createArgusApp } from '../app.js';
import { readDecisionSummary } from '../auth/readDecisionSummary.js';
import { ConfigSchema } from '../core/config/schema.js';
import { parsePolicy } from '../respond/policy/parsePolicy.js';
import type { AuthDecisionRecord } from '../store/types.js';
import { AUTH_DEMO_SPAN_MS, authDemoAttempts } from './authDemoAttempts.js';
import { seedAuthDecisions } from './seedAuthDecisions.js';

let dir: string;
let app: ArgusApp;
let line: string;
let seconds: number;
let log: AuthDecisionRecord[];
const now = Date.now();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-seed-auth-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0 },
  });
  const policy = parsePolicy({ rules: [] }, 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
  const started = performance.now();
  line = await seedAuthDecisions({ app, config, baseDir: dir, now });
  seconds = (performance.now() - started) / 1000;
  log = [];
  let cursor: string | undefined;
  do {
    const page = await app.store.authDecisions.list({ limit: 500, ...(cursor ? { cursor } : {}) });
    log.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const reasonsOf = (d: AuthDecisionRecord) =>
  (JSON.parse(d.reasons) as { signal: string }[]).map((r) => r.signal);

describe('seedAuthDecisions', () => {
  it('writes one engine decision per attempt, all three outcomes, within the 48 h before now', () => {
    const attempts = authDemoAttempts(now);
    expect(attempts.length).toBeGreaterThanOrEqual(200);
    expect(log).toHaveLength(attempts.length);
    const kinds = new Set(log.map((d) => d.decision));
    expect(kinds).toEqual(new Set(['allow', 'challenge', 'deny']));
    for (const kind of kinds) expect(log.filter((d) => d.decision === kind).length).toBeGreaterThan(10);
    expect(log.every((d) => d.at >= now - AUTH_DEMO_SPAN_MS && d.at < now)).toBe(true);
    const counts = (k: string) => log.filter((d) => d.decision === k).length;
    expect(line).toBe(
      `${log.length} login attempts assessed: ${counts('allow')} allowed, ${counts('challenge')} challenged, ${counts('deny')} denied`,
    );
    expect(seconds).toBeLessThan(2);
  });

  it('records the reasons the scenario is built around', () => {
    const fired = new Set(log.flatMap(reasonsOf));
    for (const signal of [
      'keystroke',
      'newDevice',
      'newIp',
      'newNetwork',
      'newCountry',
      'impossibleTravel',
      'userFailureVelocity',
      'ipFailureVelocity',
      'credentialStuffing',
      'bot',
    ]) {
      expect(fired, signal).toContain(signal);
    }
    const stuffing = log.filter((d) => d.ip?.startsWith('203.0.113.'));
    expect(stuffing.filter((d) => d.decision === 'deny').length).toBeGreaterThan(20);
    const bot = log.filter((d) => d.ip === '198.51.100.77');
    expect(bot.every((d) => reasonsOf(d)[0] === 'bot' && d.decision !== 'allow')).toBe(true);
    const singapore = log.find((d) => d.userId === 'mateo' && d.ip === '192.0.2.199');
    expect(singapore?.decision).toBe('deny');
    expect(reasonsOf(singapore as AuthDecisionRecord)).toContain('impossibleTravel');
  });

  it('learns a passed challenge: a traveller is challenged once abroad, then allowed there', () => {
    const lenaAbroad = log
      .filter((d) => d.userId === 'lena' && d.ip === '192.0.2.41')
      .sort((a, b) => a.at - b.at);
    expect(lenaAbroad[0]?.decision).toBe('challenge');
    expect(reasonsOf(lenaAbroad[0] as AuthDecisionRecord)).toContain('newCountry');
    expect(lenaAbroad.length).toBeGreaterThan(2);
    expect(lenaAbroad.at(-1)?.decision).toBe('allow');
  });

  it('is summarised by the decision summary with every outcome in the histogram', async () => {
    const s = await readDecisionSummary(app.store.authDecisions, {
      since: now - AUTH_DEMO_SPAN_MS,
      until: now,
      bucket: 'hour',
      thresholds: { challengeAt: 0.3, denyAt: 0.9 },
    });
    expect(s.total).toBe(log.length);
    for (const kind of ['allow', 'challenge', 'deny'] as const) {
      expect(s.histogram[kind].reduce((a, b) => a + b, 0)).toBe(s.counts[kind]);
    }
    expect(s.topIps[0]?.key).toMatch(/^203\.0\.113\./);
    expect(s.reasons[0]?.fired).toBeGreaterThan(20);
  });

  it('makes the same attempts for the same start time', () => {
    expect(authDemoAttempts(now)).toStrictEqual(authDemoAttempts(now));
  });
});
