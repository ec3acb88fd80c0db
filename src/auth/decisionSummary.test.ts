import { describe, expect, it } from 'vitest';
import type { AuthDecisionKind, AuthDecisionRecord } from '../store/types.js';
import {
  bucketStartOf,
  DecisionSummaryBuilder,
  type DecisionSummaryOptions,
  scoreBin,
} from './decisionSummary.js';

const HOUR = 3_600_000;
/** 2024-03-01T00:00:00Z: hour and day aligned. */
const T0 = Date.UTC(2024, 2, 1);
const thresholds = { challengeAt: 0.3, denyAt: 0.9 };

let n = 0;
function decision(
  decision: AuthDecisionKind,
  score: number,
  at: number,
  reasons: { signal: string; strength: number; contribution: number }[] = [],
  extra: Partial<AuthDecisionRecord> = {},
): AuthDecisionRecord {
  return {
    id: `authd-${n++}`,
    userId: 'u1',
    ip: '192.0.2.1',
    score,
    decision,
    reasons: JSON.stringify(reasons.map((r) => ({ ...r, weight: 1, detail: 'x' }))),
    at,
    ...extra,
  };
}

function summarise(records: AuthDecisionRecord[], options: Partial<DecisionSummaryOptions> = {}) {
  const builder = new DecisionSummaryBuilder({
    since: T0,
    until: T0 + 3 * HOUR,
    bucket: 'hour',
    thresholds,
    ...options,
  });
  for (const r of records) builder.add(r);
  return builder.result();
}

describe('scoreBin', () => {
  it('puts each score in its 0.05 bin, edges in the upper bin, 1 in the last, outliers clamped', () => {
    expect(scoreBin(0)).toBe(0);
    expect(scoreBin(0.049)).toBe(0);
    expect(scoreBin(0.05)).toBe(1);
    expect(scoreBin(0.3)).toBe(6);
    expect(scoreBin(0.2999)).toBe(5);
    expect(scoreBin(0.9)).toBe(18);
    expect(scoreBin(0.97)).toBe(19);
    expect(scoreBin(1)).toBe(19);
    expect(scoreBin(-0.2)).toBe(0);
    expect(scoreBin(Number.NaN)).toBe(0);
    expect(scoreBin(3)).toBe(19);
  });
});

describe('bucketStartOf', () => {
  it('aligns hours and days to UTC', () => {
    expect(bucketStartOf(T0 + 90 * 60_000, 'hour')).toBe(T0 + HOUR);
    expect(bucketStartOf(T0 + 30 * HOUR, 'day')).toBe(T0 + 24 * HOUR);
  });
});

describe('DecisionSummaryBuilder', () => {
  it('counts outcomes per bucket and in the histogram, ignoring decisions outside the window', () => {
    const s = summarise([
      decision('allow', 0, T0),
      decision('allow', 0.1, T0 + 10),
      decision('challenge', 0.5, T0 + HOUR + 5),
      decision('deny', 0.95, T0 + 2 * HOUR + 1),
      decision('deny', 1, T0 + 3 * HOUR - 1),
      decision('allow', 0.2, T0 - 1),
      decision('allow', 0.2, T0 + 3 * HOUR),
    ]);
    expect(s.total).toBe(5);
    expect(s.counts).toEqual({ allow: 2, challenge: 1, deny: 2 });
    expect(s.meanScore).toBeCloseTo((0 + 0.1 + 0.5 + 0.95 + 1) / 5, 12);
    expect(s.timeline).toEqual({
      start: [T0, T0 + HOUR, T0 + 2 * HOUR],
      allow: [2, 0, 0],
      challenge: [0, 1, 0],
      deny: [0, 0, 2],
    });
    expect(s.histogram.bins).toBe(20);
    expect(s.histogram.binWidth).toBe(0.05);
    const at = (bin: number) => [s.histogram.allow[bin], s.histogram.challenge[bin], s.histogram.deny[bin]];
    expect(at(0)).toEqual([1, 0, 0]);
    expect(at(2)).toEqual([1, 0, 0]);
    expect(at(10)).toEqual([0, 1, 0]);
    expect(at(19)).toEqual([0, 0, 2]);
    expect(s.histogram.allow.reduce((a, b) => a + b, 0)).toBe(2);
    expect(s.thresholds).toEqual(thresholds);
  });

  it('starts the first bucket at the aligned start and covers the window with empty buckets', () => {
    const s = summarise([decision('allow', 0, T0 + 26 * HOUR)], {
      since: T0 + 90 * 60_000,
      until: T0 + 50 * HOUR,
      bucket: 'day',
    });
    expect(s.timeline.start).toEqual([T0, T0 + 24 * HOUR, T0 + 48 * HOUR]);
    expect(s.timeline.allow).toEqual([0, 1, 0]);
    expect(s.bucketMs).toBe(24 * HOUR);
    expect(DecisionSummaryBuilder.bucketCount(T0 + 90 * 60_000, T0 + 50 * HOUR, 'day')).toBe(3);
  });

  it('ranks reasons by times fired, with mean contribution, outcomes and share of denials', () => {
    const travel = { signal: 'impossibleTravel', strength: 1, contribution: 0.6 };
    const device = (c: number) => ({ signal: 'newDevice', strength: c / 0.3, contribution: c });
    const stuffing = { signal: 'credentialStuffing', strength: 1, contribution: 0.85 };
    const s = summarise([
      decision('allow', 0.2, T0, [device(0.2)]),
      decision('challenge', 0.4, T0, [device(0.3)]),
      decision('deny', 0.95, T0, [stuffing, device(0.1)]),
      decision('challenge', 0.6, T0, [travel]),
      decision('deny', 0.92, T0, [stuffing]),
      decision('deny', 0.91, T0, [travel, { signal: 'bot', strength: 1, contribution: 0.7 }]),
    ]);
    expect(s.reasons.map((r) => [r.signal, r.fired])).toEqual([
      ['newDevice', 3],
      ['credentialStuffing', 2],
      ['impossibleTravel', 2],
      ['bot', 1],
    ]);
    const [dev, stuff, trav] = s.reasons;
    expect(dev?.meanContribution).toBeCloseTo(0.2, 12);
    expect(dev?.byDecision).toEqual({ allow: 1, challenge: 1, deny: 1 });
    expect(dev?.denialShare).toBeCloseTo(1 / 3, 12);
    expect(stuff?.meanContribution).toBeCloseTo(0.85, 12);
    expect(stuff?.denialShare).toBeCloseTo(2 / 3, 12);
    expect(trav?.byDecision).toEqual({ allow: 0, challenge: 1, deny: 1 });
    expect(trav?.meanStrength).toBe(1);
  });

  it('counts unreadable reason lists and still counts their decisions', () => {
    const s = summarise([
      { ...decision('deny', 0.95, T0), reasons: 'not json' },
      { ...decision('deny', 0.95, T0), reasons: '{"signal":"bot"}' },
      { ...decision('allow', 0, T0), reasons: '[{"nosignal":1},{"signal":"bot","contribution":"x"}]' },
    ]);
    expect(s.counts.deny).toBe(2);
    expect(s.unreadableReasons).toBe(2);
    expect(s.reasons).toEqual([
      {
        signal: 'bot',
        fired: 1,
        byDecision: { allow: 1, challenge: 0, deny: 0 },
        meanContribution: 0,
        meanStrength: 0,
        denialShare: 0,
      },
    ]);
  });

  it('lists the users and IPs most challenged or denied, leaving out those only allowed', () => {
    const from = (userId: string, ip: string | undefined, kind: AuthDecisionKind, at = T0) => {
      const r = decision(kind, kind === 'deny' ? 0.95 : kind === 'challenge' ? 0.5 : 0, at, [], { userId });
      if (ip === undefined) delete r.ip;
      else r.ip = ip;
      return r;
    };
    const s = summarise(
      [
        ...['a', 'b', 'c', 'd'].map((u, i) => from(u, '203.0.113.9', 'deny', T0 + i)),
        from('a', '198.51.100.1', 'challenge', T0 + 100),
        from('e', '198.51.100.2', 'challenge'),
        from('e', '198.51.100.2', 'challenge'),
        from('f', '198.51.100.3', 'allow'),
        from('g', undefined, 'deny'),
      ],
      { top: 3 },
    );
    expect(s.topIps).toEqual([
      { key: '203.0.113.9', total: 4, challenges: 0, denials: 4, users: 4, lastAt: T0 + 3 },
      { key: '198.51.100.2', total: 2, challenges: 2, denials: 0, users: 1, lastAt: T0 },
      { key: '198.51.100.1', total: 1, challenges: 1, denials: 0, users: 1, lastAt: T0 + 100 },
    ]);
    expect(s.topUsers.map((u) => [u.key, u.challenges, u.denials])).toEqual([
      ['a', 1, 1],
      ['e', 2, 0],
      ['d', 0, 1],
    ]);
    expect(s.topUsers.some((u) => u.key === 'f')).toBe(false);
  });

  it('is empty but well formed with no decisions, and refuses an empty window', () => {
    const s = summarise([]);
    expect(s.total).toBe(0);
    expect(s.meanScore).toBe(0);
    expect(s.timeline.allow).toEqual([0, 0, 0]);
    expect(s.reasons).toEqual([]);
    expect(() => summarise([], { since: T0, until: T0 })).toThrow(RangeError);
  });
});
