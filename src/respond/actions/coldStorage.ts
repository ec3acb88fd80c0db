import { deliverWebhook } from './deliverWebhook.js';
import { type ActionExecutor, idFromAction, PermanentActionError, specOf } from './executor.js';

/**
 * Records an instruction to sweep an asset to its configured vault and delivers it to the custody
 * system through a webhook endpoint. Argus never holds keys: it only says what should move where.
 * The record is idempotent per action, so every retry delivers the same instruction.
 */
export const coldStorageExecutor: ActionExecutor = {
  async execute(action, alert, ctx) {
    const spec = specOf(action, 'cold-storage');
    const asset = spec.asset ?? alert.context.asset;
    if (asset === undefined) {
      throw new PermanentActionError(`the action names no asset and alert ${alert.id} has no context.asset`);
    }
    const vaults = ctx.respond.coldStorage.vaults;
    const vault = Object.hasOwn(vaults, asset) ? vaults[asset] : undefined;
    if (vault === undefined) {
      throw new PermanentActionError(`no vault for asset "${asset}" in respond.coldStorage.vaults`);
    }
    const instruction = await ctx.store.sweeps.record({
      id: idFromAction('swp', action),
      alertId: alert.id,
      actionId: action.id,
      asset,
      amount: spec.amount,
      fromWallet: alert.context.wallet,
      vault,
      createdAt: ctx.clock.now(),
    });
    const delivery = await deliverWebhook(ctx, spec.endpoint, 'argus.cold-storage-sweep', action, {
      instruction,
      alert,
    });
    return { sweepId: instruction.id, asset, vault, ...delivery };
  },
};
