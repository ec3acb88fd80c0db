import { deliverWebhook } from './deliverWebhook.js';
import { type ActionExecutor, specOf } from './executor.js';

/** Sends the alert to a configured endpoint as a signed `argus.alert` event. */
export const webhookExecutor: ActionExecutor = {
  async execute(action, alert, ctx) {
    const spec = specOf(action, 'webhook');
    return deliverWebhook(ctx, spec.endpoint, 'argus.alert', action, { alert });
  },
};
