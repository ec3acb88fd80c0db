import { describe, expect, it } from 'vitest';
import { formatDuration } from './display.js';
import { DurationSchema, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads units and bare seconds', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('3600s')).toBe(3_600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration(90)).toBe(90_000);
  });

  it('rejects text that is not a duration', () => {
    expect(parseDuration('10 minutes')).toBeUndefined();
    expect(parseDuration('d')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });

  it('schema rejects zero, negative and unreadable durations with a message saying what is expected', () => {
    expect(DurationSchema.safeParse('10m').data).toBe(600_000);
    expect(DurationSchema.safeParse(0).error?.issues[0]?.message).toContain('above 0');
    expect(DurationSchema.safeParse('ten').error?.issues[0]?.message).toContain('"30d"');
    expect(DurationSchema.safeParse(true).error?.issues[0]?.message).toContain('number of seconds');
  });
});

describe('formatDuration', () => {
  it('picks the largest whole unit', () => {
    expect(formatDuration(30 * 86_400_000)).toBe('30 days');
    expect(formatDuration(600_000)).toBe('10 minutes');
    expect(formatDuration(3_600_000)).toBe('1 hour');
    expect(formatDuration(5_400_000)).toBe('1.5 hours');
    expect(formatDuration(400)).toBe('400 ms');
  });
});
