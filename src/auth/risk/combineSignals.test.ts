import { describe, expect, it } from 'vitest';
import { combineSignals, decide } from './combineSignals.js';
import type { RiskSignal } from './signal.js';

const signal = (id: RiskSignal['id'], gate = false): RiskSignal => ({
  id,
  description: '',
  trustedDeviceSuppresses: false,
  gate,
  evaluate: () => ({ strength: 0, detail: '' }),
});

describe('combineSignals', () => {
  it('scores 1 - Π(1 - weight·strength) and lists fired signals heaviest first', () => {
    const c = combineSignals([
      { signal: signal('newIp'), weight: 0.1, result: { strength: 1, detail: 'ip' } },
      { signal: signal('newDevice'), weight: 0.3, result: { strength: 1, detail: 'device' } },
      { signal: signal('keystroke'), weight: 0.5, result: { strength: 0.5, detail: 'typing' } },
      { signal: signal('bot'), weight: 0.7, result: { strength: 0, detail: 'quiet' } },
    ]);
    expect(c.score).toBeCloseTo(1 - 0.9 * 0.7 * 0.75, 12); // 0.5275
    expect(c.reasons.map((r) => [r.signal, r.contribution])).toEqual([
      ['newDevice', 0.3],
      ['keystroke', 0.25],
      ['newIp', 0.1],
    ]);
    expect(c.gated).toBe(false);
  });

  it('never passes 1 and is 0 with nothing fired', () => {
    const all = combineSignals([
      { signal: signal('bot'), weight: 1, result: { strength: 1, detail: '' } },
      { signal: signal('credentialStuffing'), weight: 1, result: { strength: 1, detail: '' } },
    ]);
    expect(all.score).toBe(1);
    expect(combineSignals([]).score).toBe(0);
  });

  it('lets a gate force a challenge without adding to the score; weight 0 turns a signal off', () => {
    const c = combineSignals([
      {
        signal: signal('stepUpRequired', true),
        weight: 1,
        result: { strength: 1, detail: 'step-up required: x' },
      },
      { signal: signal('newIp'), weight: 0, result: { strength: 1, detail: 'ip' } },
    ]);
    expect(c.score).toBe(0);
    expect(c.gated).toBe(true);
    expect(c.reasons).toEqual([
      {
        signal: 'stepUpRequired',
        weight: 1,
        strength: 1,
        contribution: 0,
        detail: 'step-up required: x (forces a challenge)',
      },
    ]);
  });
});

describe('decide', () => {
  const t = { challengeAt: 0.3, denyAt: 0.9 };
  it('allows below challengeAt, challenges from it, denies from denyAt', () => {
    expect(decide(0.29, false, t)).toBe('allow');
    expect(decide(0.3, false, t)).toBe('challenge');
    expect(decide(0.89, false, t)).toBe('challenge');
    expect(decide(0.9, false, t)).toBe('deny');
  });
  it('challenges a gated attempt even at score 0, but a deny stays a deny', () => {
    expect(decide(0, true, t)).toBe('challenge');
    expect(decide(0.95, true, t)).toBe('deny');
  });
});
