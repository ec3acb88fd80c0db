import { describe, expect, it } from 'vitest';
import type { Attempt } from '../attemptWindows.js';
import { ipFailureVelocitySignal } from './ipFailureVelocity.js';
import { context, NOW } from './signalContext.fixture.js';
import { userFailureVelocitySignal } from './userFailureVelocity.js';

const fail = (userId: string, ip: string, minutesAgo: number): Attempt => ({
  userId,
  ip,
  network: '0/24',
  outcome: 'failure',
  at: NOW - minutesAgo * 60_000,
});

describe('failure velocity signals', () => {
  it('count the user’s failures in the window, this one included, over velocity.userFailures', () => {
    const attempts = [
      fail('alice', '10.0.0.1', 20),
      fail('alice', '10.0.0.2', 10),
      fail('alice', '10.0.0.3', 5),
    ];
    const c = context({ attempts, body: { outcome: 'failure' } });
    // 20 minutes ago is outside the 15-minute window: 2 earlier + this one = 3 of 5.
    const r = userFailureVelocitySignal.evaluate(c);
    expect(r.strength).toBeCloseTo(3 / 5, 9);
    expect(r.detail).toBe('3 failed attempts for this user in 15 min (full strength at 5)');
    const many = Array.from({ length: 9 }, (_, i) => fail('alice', '10.0.0.1', i));
    expect(userFailureVelocitySignal.evaluate(context({ attempts: many })).strength).toBe(1);
    expect(userFailureVelocitySignal.evaluate(context({})).strength).toBe(0);
  });

  it('count failures from the IP for any user over velocity.ipFailures', () => {
    const attempts = Array.from({ length: 9 }, (_, i) => fail(`user${i}`, '203.0.113.7', 1));
    const r = ipFailureVelocitySignal.evaluate(context({ attempts, body: { outcome: 'failure' } }));
    expect(r.strength).toBeCloseTo(10 / 20, 9);
    const configured = ipFailureVelocitySignal.evaluate(
      context({ attempts, body: { outcome: 'failure' }, config: { velocity: { ipFailures: 5 } } }),
    );
    expect(configured.strength).toBe(1);
  });
});
