import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { ConfigSchema } from '../core/config/schema.js';
import type { AuthDecisionRecord, AuthDecisionRepository } from '../store/types.js';
import { type AuthStore, buildAuth } from './buildAuth.js';
import { InMemoryAuthProfiles } from './risk/inMemoryAuthStore.js';
import {
  MemoryAuthChallenges,
  MemoryMfaFactors,
  MemoryStepUps,
  MemoryTrustedDevices,
} from './stepup/stepUpStores.fixture.js';

const NOW = 1_750_000_000_000;

class MemoryDecisions implements AuthDecisionRepository {
  readonly appends: AuthDecisionRecord[][] = [];
  failNext = 0;
  async append(records: readonly AuthDecisionRecord[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('disk full');
    }
    this.appends.push([...records]);
  }
  async list() {
    return { items: this.appends.flat() };
  }
}

describe('buildAuth', () => {
  let dir: string;
  let store: AuthStore & { authDecisions: MemoryDecisions; stepUps: MemoryStepUps };
  let errors: string[];
  const logger = { error: (m: string) => errors.push(m) };
  const clock = new ManualClock(NOW);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'argus-build-auth-'));
    errors = [];
    store = {
      authProfiles: new InMemoryAuthProfiles(),
      mfaFactors: new MemoryMfaFactors(),
      trustedDevices: new MemoryTrustedDevices(),
      authChallenges: new MemoryAuthChallenges(),
      stepUps: new MemoryStepUps(),
      authDecisions: new MemoryDecisions(),
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const login = (userId: string, extra: Record<string, unknown> = {}) => ({
    userId,
    ip: '203.0.113.7',
    deviceFingerprint: 'fp-laptop-0001',
    outcome: 'success',
    ...extra,
  });

  it('creates the secret key beside the config and logs decisions in batches, the rest on close', async () => {
    const auth = await buildAuth({
      config: ConfigSchema.parse({}).auth,
      store,
      baseDir: dir,
      logger,
      clock,
      decisionLog: { batchSize: 2, flushMs: 60_000 },
    });
    expect((await stat(join(dir, '.argus/auth-secret.key'))).isFile()).toBe(true);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await auth.engine.assess(login(`user-${i}`))).id);
    await auth.flushDecisions();
    expect(store.authDecisions.appends.map((a) => a.length)).toEqual([2, 1]);

    const late = await auth.engine.assess(login('user-late'));
    expect(store.authDecisions.appends.flat()).toHaveLength(3);
    await auth.close();
    const written = store.authDecisions.appends.flat();
    expect(written.map((r) => r.id)).toEqual([...ids, late.id]);
    expect(written[0]).toMatchObject({ userId: 'user-0', ip: '203.0.113.7', decision: 'allow' });
    expect(JSON.parse(written[0]?.reasons ?? '')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('logs a store failure and writes the decisions on the next try', async () => {
    const auth = await buildAuth({
      config: ConfigSchema.parse({}).auth,
      store,
      baseDir: dir,
      logger,
      clock,
      decisionLog: { batchSize: 1, flushMs: 5 },
    });
    store.authDecisions.failNext = 1;
    const a = await auth.engine.assess(login('u1'));
    await auth.flushDecisions();
    expect(errors).toEqual(['auth: writing 1 auth decisions (1 waiting): disk full']);
    await auth.close();
    expect(store.authDecisions.appends.flat().map((r) => r.id)).toEqual([a.id]);
  });

  it('writes nothing with recordDecisions: false', async () => {
    const auth = await buildAuth({
      config: ConfigSchema.parse({}).auth,
      store,
      baseDir: dir,
      logger,
      clock,
      recordDecisions: false,
    });
    await auth.engine.assess(login('u1'));
    await auth.close();
    expect(store.authDecisions.appends).toEqual([]);
  });

  it("hashes devices with step-up's key: a device trusted by a passed challenge silences newDevice", async () => {
    const auth = await buildAuth({ config: ConfigSchema.parse({}).auth, store, baseDir: dir, logger, clock });
    await auth.engine.assess(login('alice'));
    const fresh = await auth.engine.assess(login('alice', { deviceFingerprint: 'fp-phone-0002' }));
    expect(fresh.reasons.map((r) => r.signal)).toContain('newDevice');
    await store.trustedDevices.trust({
      userId: 'alice',
      deviceId: auth.stepUp.deviceId('fp-phone-0002'),
      trustedAt: NOW,
      expiresAt: NOW + 60_000,
    });
    const trusted = await auth.engine.assess(login('alice', { deviceFingerprint: 'fp-phone-0002' }));
    expect(trusted.trustedDevice).toBe(true);
    expect(trusted.reasons.map((r) => r.signal)).not.toContain('newDevice');
    await auth.close();
  });

  it('reads the breached-password list relative to the config folder', async () => {
    const sha1 = createHash('sha1').update('password1').digest('hex').toUpperCase();
    await writeFile(join(dir, 'breached.txt'), `${sha1}:2413945\n`);
    const auth = await buildAuth({
      config: ConfigSchema.parse({ auth: { breachedPasswords: 'breached.txt' } }).auth,
      store,
      baseDir: dir,
      logger,
      clock,
    });
    const a = await auth.engine.assess(login('bob', { passwordSha1: sha1 }));
    expect(a.reasons[0]).toMatchObject({ signal: 'breachedPassword', strength: 1 });
    await auth.close();
  });

  it("learns after a challenge only for the assessment's own user", async () => {
    const auth = await buildAuth({ config: ConfigSchema.parse({}).auth, store, baseDir: dir, logger, clock });
    await auth.engine.assess(login('carol'));
    await store.stepUps.require({
      id: 'stp-1',
      userId: 'carol',
      factor: 'any',
      reason: 'test',
      createdAt: NOW,
    });
    const challenged = await auth.engine.assess(login('carol', { deviceFingerprint: 'fp-tablet-003' }));
    expect(challenged).toMatchObject({ decision: 'challenge', learning: 'after-challenge' });
    expect(await auth.learnAfterChallenge('mallory', challenged.id)).toBe(false);
    expect(await auth.learnAfterChallenge('carol', challenged.id)).toBe(true);
    expect(await auth.learnAfterChallenge('carol', challenged.id)).toBe(false);
    await auth.close();
  });
});
