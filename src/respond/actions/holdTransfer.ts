import { ConflictError, NotFoundError } from '../../core/errors.js';
import { type ActionExecutor, PermanentActionError, specOf } from './executor.js';

/** Holds the pending transfer named by the alert's context.transferId, recording which rule held it and why. */
export const holdTransferExecutor: ActionExecutor = {
  async execute(action, alert, ctx) {
    const spec = specOf(action, 'hold-transfer');
    const transferId = alert.context.transferId;
    if (transferId === undefined) {
      throw new PermanentActionError(
        `alert ${alert.id} has no context.transferId, so there is no transfer to hold`,
      );
    }
    try {
      const transfer = await ctx.store.transfers.hold(transferId, {
        by: `policy:${action.rule}`,
        reason: spec.reason ?? alert.title,
        alertId: alert.id,
        at: ctx.clock.now(),
      });
      return { transferId, status: transfer.status, heldBy: transfer.heldBy };
    } catch (error) {
      // Unknown, or no longer pending (completed, rejected): retrying will not change that.
      if (error instanceof NotFoundError || error instanceof ConflictError) {
        throw new PermanentActionError(error.message, { cause: error });
      }
      throw error;
    }
  },
};
