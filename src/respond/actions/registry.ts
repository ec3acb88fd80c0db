import type { ActionType } from '../../core/action.js';
import { coldStorageExecutor } from './coldStorage.js';
import type { ActionExecutor } from './executor.js';
import { holdTransferExecutor } from './holdTransfer.js';
import { notifyExecutor } from './notify.js';
import { stepUpExecutor } from './stepUp.js';
import { webhookExecutor } from './webhook.js';

export type ActionExecutors = Readonly<Record<ActionType, ActionExecutor>>;

/** One executor per action type; adding an action type means one file and one line here. */
export const DEFAULT_EXECUTORS: ActionExecutors = {
  webhook: webhookExecutor,
  'hold-transfer': holdTransferExecutor,
  'step-up': stepUpExecutor,
  'cold-storage': coldStorageExecutor,
  notify: notifyExecutor,
};
