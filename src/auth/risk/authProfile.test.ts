import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { emptyProfile, parseProfile, serializeProfile, touchSeen } from './authProfile.js';
import { enrolledTemplate } from './signals/signalContext.fixture.js';

describe('auth profile', () => {
  it('round-trips through JSON, template and recency order included', () => {
    const p = emptyProfile();
    touchSeen(p.devices, 'd1', 10, 20);
    touchSeen(p.devices, 'd2', 20, 20);
    touchSeen(p.devices, 'd1', 30, 20);
    touchSeen(p.countries, 'DE', 30, 20);
    p.successes = 3;
    p.lastSuccessAt = 30;
    p.lastGeo = { lat: 52.5, lon: 13.4, country: 'DE', at: 30 };
    p.keystroke = enrolledTemplate();
    const back = parseProfile(serializeProfile(p));
    expect([...back.devices]).toEqual([
      ['d2', { first: 20, last: 20, count: 1 }],
      ['d1', { first: 10, last: 30, count: 2 }],
    ]);
    expect(back.lastGeo).toEqual(p.lastGeo);
    expect(back.successes).toBe(3);
    expect(back.keystroke?.ready).toBe(true);
    expect(back.keystroke?.centre()).toEqual(p.keystroke.centre());
  });

  it('writes an unchanged template back as it was read, and a changed one anew', () => {
    const p = emptyProfile();
    p.keystroke = enrolledTemplate();
    const first = serializeProfile(p);
    const back = parseProfile(first);
    expect(serializeProfile(back)).toBe(first);
    const centre = back.keystroke?.centre() as Float64Array;
    expect(back.keystroke?.verify(centre, 10_000_000).absorbed).toBe(true);
    const changed = serializeProfile(back);
    expect(changed).not.toBe(first);
    expect(parseProfile(changed).keystroke?.size).toBe(6);
  });

  it('forgets the least recently seen beyond the limit', () => {
    const m = emptyProfile().ips;
    for (let i = 0; i < 10; i++) touchSeen(m, `10.0.0.${i}`, i, 3);
    expect([...m.keys()]).toEqual(['10.0.0.7', '10.0.0.8', '10.0.0.9']);
  });

  it('refuses what is not a profile, saying where', () => {
    expect(() => parseProfile('not json')).toThrow(ValidationError);
    const good = JSON.parse(serializeProfile(emptyProfile()));
    const pathOf = (bad: unknown) => {
      try {
        parseProfile(JSON.stringify(bad));
      } catch (error) {
        return (error as ValidationError).issues[0]?.path;
      }
      return 'accepted';
    };
    expect(pathOf({ ...good, version: 2 })).toBe('version');
    expect(pathOf({ ...good, ips: [['10.0.0.1', 1, 2]] })).toBe('ips[0]');
    expect(pathOf({ ...good, lastGeo: { lat: 'x' } })).toBe('lastGeo');
    expect(pathOf({ ...good, keystroke: '{"format":"nope"}' })).toBe('keystroke');
    expect(pathOf(good)).toBe('accepted');
    try {
      parseProfile(JSON.stringify({ ...JSON.parse(serializeProfile(emptyProfile())), successes: -1 }));
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('successes');
    }
  });
});
