import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ArgusApp, createArgusApp } from '../../app.js';
import { ConfigSchema } from '../../core/config/schema.js';
import { parsePolicy } from '../../respond/policy/parsePolicy.js';
import { DEMO_USERS } from '../demoLoginPage.js';

let dir: string;
let app: ArgusApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'argus-demo-login-'));
  const config = ConfigSchema.parse({
    store: { sqlite: { path: join(dir, 'argus.db') } },
    server: { port: 0, demoLogin: true },
    auth: { keystroke: { enrolSamples: 3 } },
  });
  const policy = parsePolicy(parse('rules: []'), 'test policy', config.respond);
  app = await createArgusApp({ config, baseDir: dir, policy, logger: { info() {}, warn() {}, error() {} } });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function typed(sample: number): { key: string; down: number; up: number }[] {
  const events = [];
  let t = 0;
  for (let i = 0; i < 8; i++) {
    // A fixed personal rhythm per key, and a few ms of jitter per sample.
    events.push({ key: '*', down: t, up: t + 70 + ((i * 13) % 40) + ((sample + i) % 3) * 2 });
    t += 110 + ((i * 41) % 80) + ((sample * 7 + i) % 5);
  }
  return events;
}

const password = (username: string) => DEMO_USERS.find((u) => u.username === username)?.password ?? '';

function login(body: Record<string, unknown>) {
  return app.server.inject({
    method: 'POST',
    url: '/demo/login',
    headers: { 'user-agent': 'demo-test-browser' },
    payload: { fingerprint: 'fp-demo-browser-1', keystrokesExpected: true, ...body },
  });
}

describe('demo login page', () => {
  it('serves the page without an API key, loading the recorder module and listing the demo users', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/demo/login' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain("import { attachToForm } from '/auth/keystroke-recorder.js'");
    for (const u of DEMO_USERS) expect(res.body).toContain(`<code>${u.username}</code>`);
    expect(res.body).toContain('correct horse battery staple');
    expect(res.body).toContain('Tr0ub4dor&amp;3');
    expect(res.body).toContain('first 3 allowed logins');
  });

  it('enrols the keystroke template over genuine logins (samples n of N)', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await login({ username: 'alice', password: password('alice'), keystrokes: typed(i) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        login: 'ok',
        enrolSamples: 3,
        thresholds: { challengeAt: 0.3, denyAt: 0.9 },
      });
      expect(body.assessment.decision, JSON.stringify(body.assessment.reasons)).toBe('allow');
      samples.push(body.assessment.user.samples);
    }
    expect(samples).toEqual([0, 1, 2, 3]);
    const decisions = (
      await app.adaptiveAuth.engine.assess({ userId: 'alice', ip: '127.0.0.1', outcome: 'unknown' })
    ).user;
    expect(decisions).toMatchObject({ keystrokeEnrolled: true });
  });

  it('assesses a wrong password as a failure and an unknown user without biometrics', async () => {
    const wrong = (await login({ username: 'bob', password: 'nope', keystrokes: typed(0) })).json();
    expect(wrong.login).toBe('wrong password');
    expect(wrong.assessment).toMatchObject({ userId: 'bob', learning: 'none' });

    const unknown = await login({ username: 'mallory', password: 'whatever', keystrokes: typed(1) });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toMatchObject({ login: 'unknown user', assessment: { user: { known: false } } });
  });

  it('challenges carol once the pipeline demanded a step-up, and says a factor must be enrolled', async () => {
    await app.store.stepUps.require({
      id: 'stp-demo-1',
      userId: 'u-2210',
      factor: 'any',
      reason: 'impossible travel',
      createdAt: Date.now(),
    });
    const body = (
      await login({ username: 'carol', password: password('carol'), keystrokes: typed(2) })
    ).json();
    expect(body.assessment).toMatchObject({ userId: 'u-2210', decision: 'challenge', factor: 'any' });
    expect(body.assessment.reasons[0]).toMatchObject({ signal: 'stepUpRequired' });
    expect(body.challenge).toMatchObject({ enrolmentNeeded: true });
  });

  it('rejects malformed keystrokes with the index, like the API', async () => {
    const res = await login({
      username: 'alice',
      password: password('alice'),
      keystrokes: [
        { key: '*', down: 0, up: 50 },
        { key: '*', down: -5, up: 60 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('keystrokes[1].down');
  });
});
