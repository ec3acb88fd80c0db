import { describe, expect, it } from 'vitest';
import { context, NOW } from './signalContext.fixture.js';
import { stepUpRequiredSignal } from './stepUpRequired.js';

describe('stepUpRequired signal', () => {
  it('fires on a pending step-up and names its reason and factor', () => {
    const r = stepUpRequiredSignal.evaluate(
      context({
        stepUps: [
          {
            id: 's1',
            userId: 'alice',
            factor: 'webauthn',
            reason: 'withdrawal held',
            alertId: 'a1',
            createdAt: NOW,
          },
          {
            id: 's0',
            userId: 'alice',
            factor: 'totp',
            reason: 'old',
            createdAt: NOW - 10,
            satisfiedAt: NOW - 5,
          },
        ],
      }),
    );
    expect(r).toEqual({
      strength: 1,
      detail: 'step-up required: withdrawal held',
      evidence: { pending: 1, factor: 'webauthn', alertId: 'a1' },
    });
    expect(stepUpRequiredSignal.gate).toBe(true);
  });
  it('is quiet with none pending', () => {
    expect(stepUpRequiredSignal.evaluate(context({})).strength).toBe(0);
  });
});
