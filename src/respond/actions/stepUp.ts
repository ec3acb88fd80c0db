import { ConflictError } from '../../core/errors.js';
import { type ActionExecutor, idFromAction, PermanentActionError, specOf } from './executor.js';

/** Requires the alert's user to pass a second factor at their next assessment; the auth area enforces it. */
export const stepUpExecutor: ActionExecutor = {
  async execute(action, alert, ctx) {
    const spec = specOf(action, 'step-up');
    const userId = alert.context.userId ?? (alert.subject.kind === 'user' ? alert.subject.id : undefined);
    if (userId === undefined) {
      throw new PermanentActionError(`alert ${alert.id} has no context.userId and its subject is not a user`);
    }
    const id = idFromAction('stp', action);
    try {
      await ctx.store.stepUps.require({
        id,
        userId,
        factor: spec.factor,
        reason: spec.reason ?? alert.title,
        alertId: alert.id,
        createdAt: ctx.clock.now(),
      });
    } catch (error) {
      // The id comes from the action: a conflict means an earlier attempt wrote it before its outcome was recorded.
      if (!(error instanceof ConflictError)) throw error;
    }
    return { stepUpId: id, userId, factor: spec.factor };
  },
};
