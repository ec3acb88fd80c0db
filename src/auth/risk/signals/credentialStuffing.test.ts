import { describe, expect, it } from 'vitest';
import type { Attempt } from '../attemptWindows.js';
import { credentialStuffingSignal } from './credentialStuffing.js';
import { context, deviceIdOf, NOW } from './signalContext.fixture.js';

const tries = (n: number, where: Partial<Attempt>, succeed = 0): Attempt[] =>
  Array.from({ length: n }, (_, i) => ({
    userId: `victim${i}`,
    ip: '198.51.100.1',
    network: '198.51.100.0/24',
    outcome: i < succeed ? 'success' : 'failure',
    at: NOW - 60_000,
    ...where,
  }));

describe('credentialStuffing signal', () => {
  it('grows with distinct usernames from one IP: (d - 1) / (10 - 1)', () => {
    const c = context({ attempts: tries(4, { ip: '203.0.113.7' }), body: { outcome: 'failure' } });
    // 4 victims + alice = 5 distinct, none got in.
    const r = credentialStuffingSignal.evaluate(c);
    expect(r.strength).toBeCloseTo(4 / 9, 9);
    expect(r.detail).toBe('IP 203.0.113.7 tried 5 distinct usernames in 15 min, 0 got in (0%)');
    expect(
      credentialStuffingSignal.evaluate(context({ attempts: tries(20, { ip: '203.0.113.7' }) })).strength,
    ).toBe(1);
  });

  it('sees a network spread over many IPs, and a device across IPs', () => {
    const spread = tries(9, { network: '203.0.113.0/24' }).map((a, i) => ({
      ...a,
      ip: `203.0.113.${i + 10}`,
    }));
    const r = credentialStuffingSignal.evaluate(context({ attempts: spread }));
    expect(r.strength).toBe(1);
    expect(r.evidence?.source).toBe('network');
    const device = tries(5, { deviceId: deviceIdOf('bot-fp'), network: '192.0.2.0/24' }).map((a, i) => ({
      ...a,
      ip: `192.0.2.${i}`,
    }));
    const d = credentialStuffingSignal.evaluate(
      context({ attempts: device, body: { deviceFingerprint: 'bot-fp', ip: '100.64.0.1' } }),
    );
    expect(d.evidence?.source).toBe('device');
    expect(d.strength).toBeCloseTo(5 / 9, 9);
  });

  it('stays quiet when most usernames get in (an office behind one NAT)', () => {
    const office = tries(12, { ip: '203.0.113.7' }, 10);
    expect(credentialStuffingSignal.evaluate(context({ attempts: office })).strength).toBe(0);
    // 2 of 10 succeeded (20%) is still at the configured maximum rate: it fires.
    const low = tries(9, { ip: '203.0.113.7' }, 2);
    expect(
      credentialStuffingSignal.evaluate(context({ attempts: low, body: { outcome: 'failure' } })).strength,
    ).toBe(1);
  });

  it('ignores attempts outside the window', () => {
    const old = tries(9, { ip: '203.0.113.7', at: NOW - 16 * 60_000 });
    expect(credentialStuffingSignal.evaluate(context({ attempts: old })).strength).toBe(0);
  });
});
