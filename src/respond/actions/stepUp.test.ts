import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/types.js';
import { actionContext, actionFor, memoryStore, storedAlert, T0 } from '../respond.fixture.js';
import { PermanentActionError } from './executor.js';
import { stepUpExecutor } from './stepUp.js';

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});

describe('step-up executor', () => {
  it("requires a second factor of the alert's context.userId", async () => {
    const alert = storedAlert({ area: 'auth', context: { userId: 'u-42' } });
    const action = actionFor(alert, { type: 'step-up', factor: 'webauthn', reason: 'impossible travel' });
    expect(await stepUpExecutor.execute(action, alert, actionContext(store))).toEqual({
      stepUpId: 'stp_test1',
      userId: 'u-42',
      factor: 'webauthn',
    });
    expect(await store.stepUps.pending('u-42')).toEqual([
      {
        id: 'stp_test1',
        userId: 'u-42',
        factor: 'webauthn',
        reason: 'impossible travel',
        alertId: 'alt_test1',
        createdAt: T0,
      },
    ]);
  });

  it('falls back to a user subject, and a retried attempt does not require it twice', async () => {
    const alert = storedAlert({ subject: { kind: 'user', id: 'alice' } });
    const action = actionFor(alert, { type: 'step-up', factor: 'any' });
    await stepUpExecutor.execute(action, alert, actionContext(store));
    await stepUpExecutor.execute(action, alert, actionContext(store));
    expect(await store.stepUps.pending('alice')).toHaveLength(1);
    expect((await store.stepUps.pending('alice'))[0]?.reason).toBe(alert.title);
  });

  it('fails permanently when the alert names no user', async () => {
    const alert = storedAlert();
    const action = actionFor(alert, { type: 'step-up', factor: 'any' });
    await expect(stepUpExecutor.execute(action, alert, actionContext(store))).rejects.toBeInstanceOf(
      PermanentActionError,
    );
  });
});
