import type { ActionRecord } from '../core/action.js';
import type { Alert } from '../core/alert.js';

/**
 * The fast path from pipeline to dispatcher: actions committed already leased to this process are
 * handed over in memory with their alert, instead of being found again by polling the store. The
 * lease keeps other workers off them; if this process dies, they become claimable when it expires.
 */
export interface ActionHandoff {
  /** The lease to write new actions with, or undefined when the dispatcher cannot take them now. */
  leaseUntil(): number | undefined;
  take(actions: readonly ActionRecord[], alert: Alert): void;
}
