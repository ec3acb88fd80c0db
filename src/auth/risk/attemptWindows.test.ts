import { describe, expect, it } from 'vitest';
import { AttemptWindows, type WindowLimits } from './attemptWindows.js';

const limits: WindowLimits = {
  windowMs: 1000,
  userFailures: 5,
  ipFailures: 20,
  stuffingUsernames: 10,
  windowKeys: 50,
};

describe('AttemptWindows', () => {
  it('counts failures per user and per IP inside the window only', () => {
    const w = new AttemptWindows(limits);
    const base = { ip: '10.0.0.1', network: '10.0.0.0/24' };
    w.record({ ...base, userId: 'u', outcome: 'failure', at: 0 });
    w.record({ ...base, userId: 'u', outcome: 'failure', at: 500 });
    w.record({ ...base, userId: 'u', outcome: 'success', at: 600 });
    w.record({ ...base, userId: 'v', outcome: 'failure', at: 900 });
    expect(w.userFailuresAt('u', 900)).toBe(2);
    expect(w.userFailuresAt('u', 1200)).toBe(1); // the failure at 0 left the window
    expect(w.ipFailuresAt('10.0.0.1', 900)).toBe(3);
    expect(w.userFailuresAt('nobody', 900)).toBe(0);
  });

  it('counts distinct usernames and successes per IP, network and device', () => {
    const w = new AttemptWindows(limits);
    for (let i = 0; i < 4; i++) {
      w.record({
        userId: `user${i}`,
        ip: `10.0.0.${i}`,
        network: '10.0.0.0/24',
        deviceId: 'dev',
        outcome: i === 0 ? 'success' : 'failure',
        at: 100 + i,
      });
    }
    expect(w.usernamesAt('network', '10.0.0.0/24', 200)).toEqual({ distinct: 4, succeeded: 1 });
    expect(w.usernamesAt('device', 'dev', 200)).toEqual({ distinct: 4, succeeded: 1 });
    expect(w.usernamesAt('ip', '10.0.0.3', 200)).toEqual({ distinct: 1, succeeded: 0 });
    expect(w.usernamesAt('ip', '10.0.0.9', 200)).toEqual({ distinct: 0, succeeded: 0 });
  });

  it('keeps the newest stuffingUsernames names per source', () => {
    const w = new AttemptWindows({ ...limits, stuffingUsernames: 3 });
    for (let i = 0; i < 5; i++) {
      w.record({
        userId: `u${i}`,
        ip: '10.0.0.1',
        network: 'n',
        outcome: i === 0 ? 'success' : 'failure',
        at: i,
      });
    }
    // u0 (the only success) and u1 were pushed out by u2..u4.
    expect(w.usernamesAt('ip', '10.0.0.1', 10)).toEqual({ distinct: 3, succeeded: 0 });
  });

  it('forgets a key whose slot went to another, and starts it afresh', () => {
    const w = new AttemptWindows({ ...limits, windowKeys: 2 });
    const fail = (userId: string, ip: string) =>
      w.record({ userId, ip, network: 'n', outcome: 'failure', at: 100 });
    fail('a', 'ip-a');
    fail('b', 'ip-b');
    fail('c', 'ip-c'); // takes a's slots
    expect(w.userFailuresAt('a', 100)).toBe(0);
    expect(w.userFailuresAt('c', 100)).toBe(1);
    fail('a', 'ip-a'); // takes b's slots; must not inherit b's failure
    expect(w.userFailuresAt('a', 100)).toBe(1);
  });

  it('keeps memory bounded under a flood of distinct users, IPs and devices', () => {
    const w = new AttemptWindows(limits);
    for (let i = 0; i < 20_000; i++) {
      w.record({
        userId: `u${i}`,
        ip: `ip${i}`,
        network: `net${i}`,
        deviceId: `d${i}`,
        outcome: 'failure',
        at: i,
      });
    }
    for (const { keys, evicted } of Object.values(w.stats())) {
      expect(keys).toBe(50);
      expect(evicted).toBe(20_000 - 50);
    }
  });
});
