import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { MAX_FUTURE_MS, parseAssessInput } from './assessInput.js';
import { deviceIdOf } from './signals/signalContext.fixture.js';

const NOW = 1_700_000_000_000;
const keys = [
  { key: 'a', down: 0, up: 90 },
  { key: 'b', down: 150, up: 230 },
  { key: 'c', down: 320, up: 400 },
];

function issuesOf(body: unknown): { path: string; message: string }[] {
  try {
    parseAssessInput(body, NOW, deviceIdOf);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('parseAssessInput', () => {
  it('normalises a full request', () => {
    const input = parseAssessInput(
      {
        userId: 'alice',
        ip: '::ffff:203.0.113.7',
        userAgent: 'Mozilla/5.0',
        deviceFingerprint: 'fp-1',
        geo: { lat: 52.5, lon: 13.4, country: 'de', accuracyKm: 20 },
        outcome: 'success',
        keystrokes: keys,
        passwordSha1: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8',
        at: NOW - 1000,
      },
      NOW,
      deviceIdOf,
    );
    expect(input.ip).toBe('203.0.113.7');
    expect(input.network).toBe('203.0.113.0/24');
    expect(input.deviceId).toBe(deviceIdOf('fp-1'));
    expect(input.deviceId).not.toContain('fp-1');
    expect(input.geo).toEqual({ lat: 52.5, lon: 13.4, country: 'DE', accuracyKm: 20 });
    expect(input.keystrokes?.features).toEqual(Float64Array.from([90, 150, 60, 80, 170, 90, 80]));
    expect(input.passwordSha1).toBe('5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8');
    expect(input.at).toBe(NOW - 1000);
    expect(input.keystrokesExpected).toBe(false);
  });

  it('defaults at to now and treats [] as no keystrokes', () => {
    const input = parseAssessInput(
      { userId: 'u', ip: '10.1.2.3', outcome: 'unknown', keystrokes: [] },
      NOW,
      deviceIdOf,
    );
    expect(input.at).toBe(NOW);
    expect(input.keystrokes).toBeUndefined();
    expect(input.deviceId).toBeUndefined();
  });

  it('rejects a bad IP, a missing outcome, unknown keys and a bad hash, by path', () => {
    const issues = issuesOf({ userId: 'u', ip: '999.1.1.1', password: 'hunter2', passwordSha1: 'abc' });
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('outcome');
    expect(paths).toContain('password');
    expect(paths).toContain('passwordSha1');
    // The IP is checked after the shape, so its message comes once the shape is right.
    expect(issuesOf({ userId: 'u', ip: '999.1.1.1', outcome: 'failure' })).toEqual([
      { path: 'ip', message: 'expected an IPv4 or IPv6 address, got "999.1.1.1"' },
    ]);
  });

  it('rejects an empty or over-long user id and a bad country', () => {
    expect(issuesOf({ userId: '', ip: '10.0.0.1', outcome: 'success' })[0]?.path).toBe('userId');
    expect(issuesOf({ userId: 'x'.repeat(257), ip: '10.0.0.1', outcome: 'success' })[0]?.path).toBe('userId');
    const geo = issuesOf({
      userId: 'u',
      ip: '10.0.0.1',
      outcome: 'success',
      geo: { lat: 91, lon: 0, country: 'DEU' },
    });
    expect(geo.map((i) => i.path).sort()).toEqual(['geo.country', 'geo.lat']);
  });

  it('names the index of out-of-order and malformed keystrokes', () => {
    const outOfOrder = issuesOf({
      userId: 'u',
      ip: '10.0.0.1',
      outcome: 'success',
      keystrokes: [keys[0], { key: 'b', down: 500, up: 560 }, { key: 'c', down: 400, up: 380 }],
    });
    expect(outOfOrder).toEqual([
      { path: 'keystrokes[2].up', message: 'key 2: released at 380 ms, before it was pressed at 400 ms' },
      {
        path: 'keystrokes[2].down',
        message: 'key 2: pressed at 400 ms, before key 1 (500 ms): events are out of order',
      },
    ]);
    const malformed = issuesOf({
      userId: 'u',
      ip: '10.0.0.1',
      outcome: 'success',
      keystrokes: [keys[0], { key: 'b', down: '150', up: 230 }],
    });
    expect(malformed).toEqual([{ path: 'keystrokes[1].down', message: 'expected number, got string' }]);
    const negative = issuesOf({
      userId: 'u',
      ip: '10.0.0.1',
      outcome: 'success',
      keystrokes: [{ key: 'a', down: -5, up: 10 }, keys[1]],
    });
    expect(negative).toEqual([
      { path: 'keystrokes[0].down', message: 'key 0: down time is negative (-5 ms)' },
    ]);
    const single = issuesOf({ userId: 'u', ip: '10.0.0.1', outcome: 'success', keystrokes: [keys[0]] });
    expect(single).toEqual([{ path: 'keystrokes', message: 'at least 2 keys are needed, got 1' }]);
  });

  it('refuses a time too far ahead of the server clock', () => {
    const issues = issuesOf({
      userId: 'u',
      ip: '10.0.0.1',
      outcome: 'success',
      at: NOW + MAX_FUTURE_MS + 60_000,
    });
    expect(issues[0]?.path).toBe('at');
    expect(
      parseAssessInput({ userId: 'u', ip: '10.0.0.1', outcome: 'success', at: NOW + 1000 }, NOW, deviceIdOf)
        .at,
    ).toBe(NOW + 1000);
  });

  it('never throws anything but a ValidationError on junk', () => {
    for (const junk of [null, undefined, 42, 'x', [], { userId: {} }, { keystrokes: 'abc' }]) {
      expect(() => parseAssessInput(junk, NOW, deviceIdOf)).toThrow(ValidationError);
    }
  });
});
